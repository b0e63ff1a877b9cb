import { expect, fixture, html } from '@open-wc/testing';
import * as stories from '../../../stories/recovery.stories.js';
import { scripted } from '../../../test/fixtures/scripted-client.js';
import { formReady, renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamRecovery } from './recovery.js';
import './ciam-recovery.js';

describe('<ciam-recovery>', () => {
  for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
    it(`story ${name} passes axe`, async () => {
      const el = await renderStory<CiamRecovery>(stories as unknown as StoriesModule, story);
      await expect(el).to.be.accessible();
    });
  }

  it('opens on the email step and asks for a code', async () => {
    const client = scripted('embeddedIdentifier');
    const el = await fixture<CiamRecovery>(html`<ciam-recovery .client=${client}></ciam-recovery>`);
    await formReady(el);
    expect(el.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.equal('Reset your password');
    el.querySelector<HTMLInputElement>('input[name="email"]')!.value = 'ada@example.com';
    el.querySelector('form')!.requestSubmit();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'recover', email: 'ada@example.com' } });
  });

  it('offers a fresh code after the countdown by starting over with the same email', async () => {
    const client = scripted('embeddedRecoveryCode');
    const state = client.state;
    if (state.name === 'signed-out' && state.flow) state.flow.resendAvailableAtMs = Date.now() - 1;
    const el = await fixture<CiamRecovery>(html`<ciam-recovery .client=${client}></ciam-recovery>`);
    await formReady(el);
    [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Send a new code')!.click();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'recover', email: 'ada@example.com' } });
  });
});
