import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as stories from '../../../stories/session.stories.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamSession } from './session.js';
import './ciam-session.js';

/** The warning; a closed stand-in until the element's code has loaded (nothing to warn about yet). */
const dialog = (el: CiamSession) => el.shadowRoot!.querySelector('dialog') ?? { open: false };
const part = (el: CiamSession, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();

describe('<ciam-session>', () => {
  describe('every story', () => {
    for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
      it(`${name} warns in a modal dialog and passes axe`, async () => {
        const el = await renderStory<CiamSession>(stories as unknown as StoriesModule, story);
        await waitUntil(() => dialog(el).open, 'no warning');
        await expect(el).to.be.accessible();
      });
    }
  });

  it('warns before the idle end: the countdown, focus on "Stay signed in"; staying closes it and keeps the session', async () => {
    const client = scripted('signedIn');
    const el = await fixture<CiamSession>(html`<ciam-session .client=${client} idle-timeout="3s" warn-before="2s" locale="en"></ciam-session>`);
    expect(dialog(el).open, 'nothing to say yet').to.equal(false);
    await waitUntil(() => dialog(el).open, 'no warning after a second', { timeout: 3000 });
    expect(text(part(el, 'title'))).to.equal('Are you still there?');
    expect(text(part(el, 'message'))).to.match(/^For your security, you will be signed out in 0:0[12]\.$/);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'stay-button'));
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.match(/^You will be signed out in [12] seconds?\.$/);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog(el).open, 'still warning after "Stay signed in"');
    expect(client.calls.filter((c) => c.method === 'signOut')).to.deep.equal([]);
  });

  it('gives focus back to what had it before the warning, after "Stay signed in" and after Escape', async () => {
    const client = scripted('signedIn');
    const page = await fixture<HTMLElement>(html`<div>
      <div class="card"></div>
      <ciam-session .client=${client} idle-timeout="3s" warn-before="2s" locale="en"></ciam-session>
    </div>`);
    // Like another element's button: in a shadow root.
    const card = page.querySelector('.card')!.attachShadow({ mode: 'open' });
    card.innerHTML = '<button type="button">Where the user was</button>';
    const before = card.querySelector('button')!;
    const el = page.querySelector<CiamSession>('ciam-session')!;
    for (const key of ['Enter', 'Escape']) {
      before.focus();
      await waitUntil(() => dialog(el).open, 'no warning', { timeout: 4000 });
      expect(text(el.shadowRoot!.activeElement), key).to.equal('Stay signed in');
      await sendKeys({ press: key });
      await waitUntil(() => !dialog(el).open, `still warning after ${key}`);
      expect(text(card.activeElement), `focus after ${key}`).to.equal('Where the user was');
    }
  });

  it('at the end signs out with the reason; Escape means "stay"', async () => {
    const client = scripted('signedIn');
    const el = await fixture<CiamSession>(html`<ciam-session .client=${client} idle-timeout="2s" warn-before="1s" locale="en"></ciam-session>`);
    await waitUntil(() => dialog(el).open, 'no warning', { timeout: 3000 });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open, 'Escape did not keep the session');
    await waitUntil(() => client.calls.some((c) => c.method === 'signOut'), 'never signed out', { timeout: 4000 });
    expect(client.calls.filter((c) => c.method === 'signOut')).to.deep.equal([{ method: 'signOut', reason: 'idle' }]);
    client.set(steps.signedOut(), { event: 'signed-out', reason: 'idle' });
    await el.updateComplete;
    expect(dialog(el).open).to.equal(false);
  });

  it('activity in another tab of the app keeps the session and closes the warning', async () => {
    const client = scripted('signedIn');
    const el = await fixture<CiamSession>(html`<ciam-session .client=${client} idle-timeout="3s" warn-before="2s" locale="en"></ciam-session>`);
    await waitUntil(() => dialog(el).open, 'no warning', { timeout: 3000 });
    const otherTab = new BroadcastChannel('ciam-activity');
    otherTab.postMessage({ at: Date.now() + 60_000 }); // from the future: ignored
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dialog(el).open).to.equal(true);
    otherTab.postMessage({ at: Date.now() });
    await waitUntil(() => !dialog(el).open, 'the other tab’s activity did not count');
    otherTab.close();
  });

  it('the age limit: only "Sign in again" (a step-up with max_age=0) keeps the session', async () => {
    const client = Object.assign(scripted('signedIn'), { stepUps: [] as unknown[] });
    const stepUp = (options: unknown) => (client.stepUps.push(options), Promise.resolve());
    Object.assign(client, { stepUp });
    if (client.state.name === 'signed-in') client.state = { ...client.state, user: user({ auth_time: Math.floor(Date.now() / 1000) - 3590 }) };
    const el = await fixture<CiamSession>(html`<ciam-session .client=${client} max-age="1h" locale="en"></ciam-session>`);
    await waitUntil(() => dialog(el).open, 'no warning');
    expect(text(part(el, 'message'))).to.match(/^Your session ends in 0:\d\d\. Sign in again to keep working\.$/);
    expect(part(el, 'stay-button')).to.equal(null);
    part(el, 'sign-in-button')!.click();
    expect(client.stepUps).to.deep.equal([{ maxAge: 0 }]);
  });

  it('signed out, or without limits: shows nothing', async () => {
    const el = await fixture<CiamSession>(html`<ciam-session .client=${scripted('signedOut')} idle-timeout="1s" warn-before="1s"></ciam-session>`);
    const open = await fixture<CiamSession>(html`<ciam-session .client=${scripted('signedIn')}></ciam-session>`);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(dialog(el).open).to.equal(false);
    expect(dialog(open).open).to.equal(false);
  });
});
