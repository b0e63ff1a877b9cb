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
        expect(part(el, 'card')).to.be.instanceOf(HTMLElement);
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
