import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as stories from '../../../stories/sessions.stories.js';
import { ScriptedSessionsApi } from '../../../test/fixtures/sessions-api.js';
import { scripted } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamSessions } from './sessions.js';
import './ciam-sessions.js';

const part = (el: CiamSessions, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const rows = (el: CiamSessions) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();

async function render(api = new ScriptedSessionsApi()) {
  const el = await fixture<CiamSessions>(html`<ciam-sessions .client=${scripted('signedIn')} .api=${api} locale="en"></ciam-sessions>`);
  await waitUntil(() => part(el, 'list'), 'the list never came');
  return { el, api };
}

describe('<ciam-sessions>', () => {
  describe('every story', () => {
    for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
      it(`${name} renders its card and passes axe`, async () => {
        const el = await renderStory<CiamSessions>(stories as unknown as StoriesModule, story);
        await waitUntil(() => part(el, 'card')?.getAttribute('aria-busy') === 'false' && !text(part(el, 'empty'))?.startsWith('Loading'));
        await expect(el).to.be.accessible();
      });
    }
  });

  it('lists this device first, marked, without a button; the others with browser, system, app, place and dates', async () => {
    const { el } = await render();
    expect(rows(el).map((r) => r.dataset.id)).to.deep.equal(['s-laptop', 's-phone', 's-old']);
    expect(text(rows(el)[0].querySelector('[part~="name"]'))).to.equal('Chrome on LinuxThis device');
    expect(rows(el)[0].querySelector('[part~="end-button"]')).to.equal(null);
    expect(text(rows(el)[1])).to.contain('Safari on iOS');
    expect(text(rows(el)[1])).to.contain('Acme Store · Berlin, Germany');
    expect(text(rows(el)[1])).to.match(/Signed in Nov 17, 2026 · Last active Dec 6, 2026/);
  });

  it('"Sign out" ends that session (keyboard), says so, and focus goes to the title', async () => {
    const { el, api } = await render();
    const journey: string[] = [];
    el.addEventListener('ciam-journey', (e) => journey.push(`${e.detail.type} ${e.detail.step ?? e.detail.outcome}`));
    rows(el)[1].querySelector<HTMLButtonElement>('[part~="end-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 2);
    expect(journey).to.deep.equal(['step sessions', 'outcome ok']);
    expect(api.calls).to.deep.equal(['list', 'end s-phone', 'list']);
    expect(text(part(el, 'status'))).to.equal('Signed out of that device. It stops working there within minutes.');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'title'));
  });

  it('"Sign out everywhere else" keeps only this device', async () => {
    const { el, api } = await render();
    part(el, 'end-others-button')!.click();
    await waitUntil(() => rows(el).length === 1);
    expect(api.calls).to.include('end others');
    expect(text(part(el, 'status'))).to.equal('Signed out everywhere else.');
    expect(text(part(el, 'empty'))).to.equal('You are signed in only here.');
  });
});
