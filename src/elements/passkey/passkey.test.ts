import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import * as stories from '../../../stories/passkey.stories.js';
import { ScriptedPasskeyApi, passkeys } from '../../../test/fixtures/passkey-api.js';
import { scripted } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamPasskey } from './passkey.js';
import './ciam-passkey.js';

const parts = (el: CiamPasskey, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const byText = (el: CiamPasskey, text: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;

async function render(api = new ScriptedPasskeyApi()) {
  const el = await fixture<CiamPasskey>(html`<ciam-passkey .client=${scripted('signedIn')} .api=${api}></ciam-passkey>`);
  await waitUntil(() => parts(el, 'item').length > 0 || parts(el, 'empty').length > 0);
  await el.updateComplete;
  return { el, api };
}

describe('<ciam-passkey>', () => {
  for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
    it(`story ${name} passes axe`, async () => {
      const el = await renderStory<CiamPasskey>(stories as unknown as StoriesModule, story);
      await new Promise((r) => setTimeout(r, 20));
      await expect(el).to.be.accessible();
    });
  }

  it('lists passkeys with name, synced or device-bound, created and last used', async () => {
    const { el } = await render();
    const items = parts(el, 'item');
    expect(items).to.have.length(2);
    expect(items[0]!.textContent).to.contain('MacBook Touch ID').and.contain('Synced across your devices').and.contain('Last used');
    expect(items[1]!.textContent).to.contain('On one device only').and.contain('Not used yet');
  });

  it('renames in place', async () => {
    const { el, api } = await render();
    byText(el, 'Rename').click();
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="rename-form"] input')!;
    expect(el.shadowRoot!.activeElement === input, 'focus on the name').to.be.true;
    input.value = 'Work laptop';
    input.form!.requestSubmit();
    await waitUntil(() => parts(el, 'name')[0]!.textContent === 'Work laptop');
    expect(api.calls).to.include('rename pk-1 Work laptop');
    expect(parts(el, 'status')[0]!.textContent).to.equal('Passkey renamed.');
  });

  it('asks before removing, then removes', async () => {
    const { el, api } = await render();
    byText(el, 'Remove').click();
    await el.updateComplete;
    expect(parts(el, 'confirm')[0]!.textContent).to.contain('Remove “MacBook Touch ID”?');
    byText(el, 'Keep it').click();
    await el.updateComplete;
    expect(api.calls.some((c) => c.startsWith('remove'))).to.be.false;
    byText(el, 'Remove').click();
    await el.updateComplete;
    byText(el, 'Remove passkey').click();
    await waitUntil(() => parts(el, 'item').length === 1);
    expect(api.calls).to.include('remove pk-1');
  });

  it('explains the last-credential guard and keeps the passkey listed', async () => {
    const { el } = await render(new ScriptedPasskeyApi(passkeys(1), 'last_credential'));
    byText(el, 'Remove').click();
    await el.updateComplete;
    byText(el, 'Remove passkey').click();
    await waitUntil(() => parts(el, 'error').length === 1);
    expect(parts(el, 'error')[0]!.textContent).to.contain('only way to sign in');
    expect(parts(el, 'item')).to.have.length(1);
  });
});
