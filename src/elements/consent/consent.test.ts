import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as stories from '../../../stories/consent.stories.js';
import { purposes, ScriptedConsentsApi } from '../../../test/fixtures/consents-api.js';
import { scripted } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamConsentChangedEvent } from '../shared/events.js';
import type { CiamConsent } from './consent.js';
import './ciam-consent.js';

const part = (el: CiamConsent, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const item = (el: CiamConsent, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-id="${id}"]`)!;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();

async function render(api: ScriptedConsentsApi) {
  const el = await fixture<CiamConsent>(html`<ciam-consent .client=${scripted('signedIn')} .api=${api} locale="en"></ciam-consent>`);
  await waitUntil(() => part(el, 'list'), 'the list never came');
  return el;
}

describe('<ciam-consent>', () => {
  describe('every story', () => {
    for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
      it(`${name} renders its card and passes axe`, async () => {
        const el = await renderStory<CiamConsent>(stories as unknown as StoriesModule, story);
        await waitUntil(() => part(el, 'card')?.getAttribute('aria-busy') === 'false', 'the card never settled');
        await expect(el).to.be.accessible();
      });
    }
  });

  it('documents: agree records the version seen; required ones not agreed to make it blocking', async () => {
    const api = new ScriptedConsentsApi();
    const el = await render(api);
    expect(el.blocking).to.equal(true);
    expect(el.hasAttribute('blocking')).to.equal(true);
    expect(text(part(el, 'title'))).to.equal('Before you continue');
    const changed = oneEvent<CiamConsentChangedEvent>(el, 'ciam-consent-changed');
    item(el, 'terms').querySelector<HTMLButtonElement>('[part~="agree-button"]')!.click();
    expect((await changed).detail).to.deep.include({ purpose: 'terms', action: 'grant', version: '2026-11' });
    item(el, 'privacy').querySelector<HTMLButtonElement>('[part~="agree-button"]')!.click();
    await waitUntil(() => !el.blocking, 'still blocking after both documents');
    expect(api.calls).to.include.members(['grant terms 2026-11', 'grant privacy 2026-11']);
    expect(text(part(el, 'title'))).to.equal('Your agreements');
    expect(text(part(el, 'status'))).to.equal('Saved. Your receipt is below.');
  });

  it('a new version: what changed, what was agreed before, agree again', async () => {
    const api = new ScriptedConsentsApi(purposes('2026-12'), [
      { purpose: 'terms', version: '2026-11' },
      { purpose: 'privacy', version: '2026-11' },
    ]);
    const el = await render(api);
    expect(el.blocking).to.equal(true);
    const terms = item(el, 'terms');
    expect(terms.querySelector('[part~="changes-link"]')!.getAttribute('href')).to.equal('https://id.example.com/legal/terms/changes');
    expect(text(terms)).to.contain('There is a new version (2026-12). You agreed to version 2026-11 on');
    expect(el.shadowRoot!.querySelector('[part~="item"]')!.getAttribute('data-id'), 'waiting documents first').to.equal('terms');
  });

  it('links to documents only as web pages: a javascript: or data: URL from the OP is no link', async () => {
    const hostile = purposes('2026-12').map((p) =>
      p.id === 'terms' ? { ...p, url: 'javascript:window.__pwned=1', changes_url: 'data:text/html,<script>parent.__pwned=1</script>' } : p,
    );
    const el = await render(new ScriptedConsentsApi(hostile, [{ purpose: 'terms', version: '2026-11' }]));
    expect(item(el, 'terms').querySelector('a')).to.equal(null);
    expect(item(el, 'privacy').querySelector('[part~="document-link"]')!.getAttribute('href')).to.equal('https://id.example.com/legal/privacy/2026-11');
  });

  it('optional purposes: one switch each, granted and withdrawn on their own, never blocking', async () => {
    const api = new ScriptedConsentsApi(purposes(), [
      { purpose: 'terms', version: '2026-11' },
      { purpose: 'privacy', version: '2026-11' },
    ]);
    const el = await render(api);
    expect(el.blocking).to.equal(false);
    const marketing = () => item(el, 'marketing').querySelector<HTMLInputElement>('[part~="switch"]')!;
    expect(marketing().getAttribute('role')).to.equal('switch');
    expect(marketing().checked).to.equal(false);
    marketing().focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => api.calls.includes('grant marketing'));
    await waitUntil(() => marketing().checked);
    marketing().click();
    await waitUntil(() => api.calls.includes('withdraw marketing'));
    await waitUntil(() => !marketing().checked);
    expect(el.blocking).to.equal(false);
  });

  it('keyboard: focus stays with the purpose decided, on its new button or its switch, never on the body', async () => {
    const api = new ScriptedConsentsApi(purposes(), [{ purpose: 'privacy', version: '2026-11' }]);
    const el = await render(api);
    const focused = () => el.shadowRoot!.activeElement; // compared with ===: a failed DOM deep-equal takes chai minutes to print
    item(el, 'terms').querySelector<HTMLButtonElement>('[part~="agree-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => item(el, 'terms').querySelector('[part~="withdraw-button"]'), 'never agreed');
    await waitUntil(() => focused() === item(el, 'terms').querySelector('[part~="withdraw-button"]'), 'focus did not move to "Withdraw"');
    for (const next of ['document-link', 'withdraw-button']) {
      await sendKeys({ press: 'Tab' });
      expect(focused() === item(el, 'privacy').querySelector(`[part~="${next}"]`), `Tab to privacy's ${next}`).to.equal(true);
    }
    await sendKeys({ press: 'Tab' });
    expect(focused() === item(el, 'marketing').querySelector('[part~="switch"]'), 'Tab to the marketing switch').to.equal(true);
    await sendKeys({ press: 'Space' });
    await waitUntil(() => api.calls.includes('grant marketing'));
    await waitUntil(() => text(part(el, 'status')) === 'Saved. Your receipt is below.');
    expect(focused() === item(el, 'marketing').querySelector('[part~="switch"]'), 'the switch, enabled again').to.equal(true);
  });

  it('lists every receipt and downloads the signed one as a file', async () => {
    const api = new ScriptedConsentsApi(purposes(), [{ purpose: 'terms', version: '2026-11' }]);
    const el = await render(api);
    expect(el.shadowRoot!.querySelectorAll('[part~="receipt"]')).to.have.length(1);
    // The element saves the file through a link it clicks; the test takes that click (no real download).
    const clicked = new Promise<HTMLAnchorElement>((resolve) =>
      el.shadowRoot!.addEventListener('click', (e) => {
        if (!(e.target instanceof HTMLAnchorElement)) return;
        e.preventDefault();
        resolve(e.target);
      }),
    );
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="download-button"]')!.click();
    const link = await clicked;
    expect(link.download).to.equal('consent-receipt-r-1.jws');
    expect(api.calls).to.include('receipt r-1');
  });

  it('a document that changed while shown: says so and loads the new version', async () => {
    const api = new ScriptedConsentsApi();
    const el = await render(api);
    api.items = purposes('2026-12');
    item(el, 'terms').querySelector<HTMLButtonElement>('[part~="agree-button"]')!.click();
    await waitUntil(() => part(el, 'error'));
    expect(text(part(el, 'error'))).to.equal('This document changed while you were reading it. We loaded the new version; read it and agree again.');
    await waitUntil(() => text(item(el, 'terms'))!.includes('2026-12'));
  });
});

describe('<ciam-consent mode="hosted">: the OP asks for access', () => {
  const realFetch = window.fetch.bind(window);
  let posted: { url: string; body: string; credentials: RequestCredentials | undefined }[] = [];
  let answers: Response[] = [];
  beforeEach(() => {
    posted = [];
    answers = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      posted.push({
        url: input instanceof Request ? input.url : String(input),
        body: typeof init?.body === 'string' ? init.body : '',
        credentials: init?.credentials,
      });
      return Promise.resolve(answers.shift() ?? Response.json({ error: 'server_error' }, { status: 500 }));
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  /** The OP's resume URL, on this page (a fragment: the test page stays). */
  const resume = () => `${location.pathname}${location.search}#resumed`;
  const checkbox = (el: CiamConsent, scope: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[data-scope="${scope}"] [part~="choice"]`)!;
  const button = (el: CiamConsent, name: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${name}"]`)!;

  async function renderRequest(scopes = 'openid profile email phone') {
    const el = await fixture<CiamConsent>(
      html`<ciam-consent mode="hosted" endpoint="/interaction/abc/consent" client-name="Demo Shop" scopes=${scopes} account="ada@example.com" locale="en"></ciam-consent>`,
    );
    await waitUntil(() => part(el, 'scopes'), 'the request never showed');
    return el;
  }

  it('shows who asks, for what, and as whom: "who you are" required, the rest ticked and up to the user', async () => {
    const el = await renderRequest('openid profile email phone orders:read');
    expect(text(part(el, 'title'))).to.equal('Allow access');
    expect(text(part(el, 'lead'))).to.equal('Demo Shop would like to:');
    expect(text(part(el, 'account'))).to.equal('Signed in as ada@example.com');
    const items = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')].map((li) => text(li));
    expect(items).to.deep.equal([
      'Know who you areRequired',
      'See your name and profile details',
      'See your email address',
      'See your phone number',
      'orders:read',
    ]);
    expect(checkbox(el, 'openid'), 'no checkbox for a required scope').to.equal(null);
    expect(['profile', 'email', 'phone'].every((s) => checkbox(el, s).checked)).to.equal(true);
  });

  it('Allow posts the scopes still ticked (keyboard: Space unticks) with the interaction cookie, then goes on where the OP says', async () => {
    const el = await renderRequest();
    checkbox(el, 'phone').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(checkbox(el, 'phone').checked).to.equal(false);
    answers.push(Response.json({ redirect_to: resume() }));
    button(el, 'allow-button').click();
    await waitUntil(() => location.hash === '#resumed', 'did not go on');
    expect(posted).to.deep.equal([
      {
        url: new URL('/interaction/abc/consent', location.href).href,
        body: 'decision=allow&scope=openid&scope=profile&scope=email',
        credentials: 'same-origin',
      },
    ]);
    expect(button(el, 'allow-button').disabled, 'no second answer while the page goes on').to.equal(true);
  });

  it('Deny posts the refusal alone', async () => {
    const el = await renderRequest();
    answers.push(Response.json({ redirect_to: resume() }));
    button(el, 'deny-button').click();
    await waitUntil(() => location.hash === '#resumed');
    expect(posted.map((p) => p.body)).to.deep.equal(['decision=deny']);
  });

  it('a failure shows a clear message that takes focus, keeps the choices, and a retry works; an expired request says so', async () => {
    const el = await renderRequest();
    checkbox(el, 'email').click();
    answers.push(new Response('busy', { status: 429, headers: { 'retry-after': '5' } }));
    button(el, 'allow-button').click();
    await waitUntil(() => part(el, 'error'));
    expect(text(part(el, 'error'))).to.equal('Too many attempts. You can try again in 5 seconds.');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'error'));
    expect(checkbox(el, 'email').checked, 'the choice stays').to.equal(false);
    expect(button(el, 'allow-button').disabled).to.equal(false);

    answers.push(Response.json({ error: 'invalid_session', error_description: 'gone' }, { status: 400 }));
    button(el, 'allow-button').click();
    await waitUntil(() => text(part(el, 'error'))?.startsWith('This request has expired'));

    answers.push(Response.json({ redirect_to: 'https://evil.example/steal' }));
    button(el, 'allow-button').click();
    await waitUntil(() => text(part(el, 'error'))?.startsWith('The sign-in service sent an answer we can’t read'));
    expect(location.hash, 'never leaves for another origin').to.equal('');

    answers.push(Response.json({ redirect_to: resume() }));
    button(el, 'allow-button').click();
    await waitUntil(() => location.hash === '#resumed');
    expect(posted.at(-1)!.body).to.equal('decision=allow&scope=openid&scope=profile&scope=phone');
  });
});
