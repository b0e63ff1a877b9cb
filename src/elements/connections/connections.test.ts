import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import * as stories from '../../../stories/connections.stories.js';
import { ScriptedConnectionsApi, connections } from '../../../test/fixtures/connections-api.js';
import { scripted } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import { readLinkReturn, withoutLinkReturn } from '../../core/link-return.js';
import type { CiamLinkedEvent, CiamUnlinkedEvent } from '../shared/events.js';
import type { CiamConnections } from './connections.js';
import './ciam-connections.js';

const part = (el: CiamConnections, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: CiamConnections, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();

async function render(api = new ScriptedConnectionsApi(), step: 'signedIn' | 'signedOut' = 'signedIn') {
  const el = await fixture<CiamConnections>(html`<ciam-connections .client=${scripted(step)} .api=${api} locale="en"></ciam-connections>`);
  if (step === 'signedIn')
    await waitUntil(() => parts(el, 'item').length > 0 || part(el, 'empty')?.textContent?.includes('No accounts'), 'the list never came');
  return el;
}

describe('<ciam-connections>', () => {
  describe('every story', () => {
    for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
      it(`${name} renders its card and passes axe`, async () => {
        const el = await renderStory<CiamConnections>(stories as unknown as StoriesModule, story);
        expect(part(el, 'card')).to.be.instanceOf(HTMLElement);
        await expect(el).to.be.accessible();
      });
    }
  });

  it('lists the connected accounts (provider and email, no tokens) and offers the providers not yet connected', async () => {
    const el = await render();
    expect(parts(el, 'item').map((li) => text(li.querySelector('[part~="name"]')))).to.deep.equal(['Social ID']);
    expect(text(part(el, 'meta'))).to.equal('ada@example.com · Connected Nov 20, 2026');
    expect(parts(el, 'connect-button').map(text)).to.deep.equal(['Connect Acme Corp SSO']);
    expect(part(el, 'connect-acme')).to.be.instanceOf(HTMLButtonElement);
  });

  it('connect: asks the API where to go with this page as the return address, then goes there', async () => {
    const api = new ScriptedConnectionsApi();
    const el = await render(api);
    part(el, 'connect-acme')!.click();
    await waitUntil(() => location.hash === '#linking-acme', 'the browser was not sent to the link address');
    expect(api.calls).to.include(`link acme ${location.href.replace(/#.*$/, '')}`);
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('disconnect: confirms first, then the row goes, the status says so, focus goes to the title and ciam-unlinked fires', async () => {
    const api = new ScriptedConnectionsApi(connections(2));
    const el = await render(api);
    parts(el, 'disconnect-button')[0].click();
    await el.updateComplete;
    expect(text(part(el, 'confirm')?.querySelector('p'))).to.equal('Disconnect Social ID? You will no longer be able to sign in with it.');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'disconnect-confirm-button'));
    const unlinked = oneEvent<CiamUnlinkedEvent>(el, 'ciam-unlinked');
    part(el, 'disconnect-confirm-button')!.click();
    expect((await unlinked).detail).to.deep.equal({ provider: 'social', id: 'fi-1' });
    await waitUntil(() => parts(el, 'item').length === 1);
    expect(text(part(el, 'status'))).to.equal('Social ID was disconnected.');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'title'));
    expect(parts(el, 'connect-button').map(text)).to.deep.equal(['Connect Social ID']);
  });

  it('keep it: nothing is sent and focus returns to the row’s Disconnect', async () => {
    const api = new ScriptedConnectionsApi();
    const el = await render(api);
    parts(el, 'disconnect-button')[0].click();
    await el.updateComplete;
    [...part(el, 'confirm-actions')!.querySelectorAll('button')][1].click();
    await el.updateComplete;
    expect(api.calls.filter((c) => c.startsWith('unlink'))).to.deep.equal([]);
    expect(el.shadowRoot!.activeElement).to.equal(parts(el, 'disconnect-button')[0]);
  });

  it('the last way to sign in is marked and cannot be disconnected; if the OP refuses anyway, it says why and the row stays', async () => {
    const el = await render(new ScriptedConnectionsApi(connections(1), ['fi-1']));
    const button = parts(el, 'disconnect-button')[0] as HTMLButtonElement;
    expect(button.disabled).to.equal(true);
    expect(text(part(el, 'only-way'))).to.equal('Your only way to sign in');
    expect(button.getAttribute('aria-describedby')).to.equal(part(el, 'only-way')!.id);

    const racing = await render(new ScriptedConnectionsApi(connections(1), [])); // the list said yes; the OP says no (another tab removed the password)
    const api = (racing as unknown as { api: ScriptedConnectionsApi }).api;
    api.lastWay = ['fi-1'];
    parts(racing, 'disconnect-button')[0].click();
    await racing.updateComplete;
    part(racing, 'disconnect-confirm-button')!.click();
    await waitUntil(() => part(racing, 'error'), 'no error shown');
    expect(text(part(racing, 'error'))).to.equal('This is your only way to sign in, so it cannot be disconnected. Add a password or a passkey first.');
    expect(racing.shadowRoot!.activeElement).to.equal(part(racing, 'error'));
    expect(parts(racing, 'item')).to.have.length(1);
  });

  it('a failed list says so and the element stays usable', async () => {
    const api = new ScriptedConnectionsApi(connections(1), [], { list: { code: 'network' } });
    const el = await fixture<CiamConnections>(html`<ciam-connections .client=${scripted('signedIn')} .api=${api} locale="en"></ciam-connections>`);
    await waitUntil(() => part(el, 'error'));
    expect(text(part(el, 'error'))).to.equal('We can’t reach the sign-in service. Check your connection, then try again.');
  });

  it('signed out: asks to sign in and calls nothing', async () => {
    const api = new ScriptedConnectionsApi();
    const el = await render(api, 'signedOut');
    expect(text(part(el, 'empty'))).to.equal('Sign in to see your connected accounts.');
    expect(api.calls).to.deep.equal([]);
  });

  describe('back from the OP after linking', () => {
    afterEach(() => history.replaceState(null, '', location.pathname));

    it('?linked=<provider>: says so, fires ciam-linked and takes the answer off the address', async () => {
      history.replaceState(null, '', `${location.pathname}?linked=acme&tab=security`);
      const api = new ScriptedConnectionsApi(connections(2));
      const linked = oneEvent<CiamLinkedEvent>(document, 'ciam-linked');
      const el = await fixture<CiamConnections>(html`<ciam-connections .client=${scripted('signedIn')} .api=${api} locale="en"></ciam-connections>`);
      expect((await linked).detail).to.deep.equal({ provider: 'acme' });
      await el.updateComplete;
      expect(text(part(el, 'status'))).to.equal('Acme Corp SSO is now connected.');
      expect(location.search).to.equal('?tab=security');
    });

    it('?linked= for a provider that is not connected (a crafted link) says nothing and fires nothing', async () => {
      history.replaceState(null, '', `${location.pathname}?linked=Your%20bank%20account`);
      let fired = 0;
      const count = () => fired++;
      document.addEventListener('ciam-linked', count);
      const el = await render(new ScriptedConnectionsApi(connections(1)));
      await el.updateComplete;
      document.removeEventListener('ciam-linked', count);
      expect(text(part(el, 'status'))).to.equal('');
      expect(fired).to.equal(0);
      expect(location.search, 'taken off the address all the same').to.equal('');
    });

    it('?link_error=already_linked: shows why, in words', async () => {
      history.replaceState(null, '', `${location.pathname}?link_error=already_linked`);
      const el = await fixture<CiamConnections>(
        html`<ciam-connections .client=${scripted('signedIn')} .api=${new ScriptedConnectionsApi()} locale="en"></ciam-connections>`,
      );
      await waitUntil(() => part(el, 'error'));
      expect(text(part(el, 'error'))).to.equal('That account is already connected to another user. Sign in with it to manage it there.');
      expect(location.search).to.equal('');
    });
  });

  it('reads the link answer from an address, and takes it off', () => {
    expect(readLinkReturn('https://app.example/settings?linked=social')).to.deep.equal({ linked: 'social' });
    expect(readLinkReturn('https://app.example/settings?link_error=access_denied')).to.deep.equal({ error: { code: 'access_denied' } });
    expect(readLinkReturn('https://app.example/settings?link_error=%3Cscript%3E')).to.deep.equal({ error: { code: 'unknown', detail: '<script>' } });
    expect(readLinkReturn('https://app.example/settings')).to.equal(null);
    expect(withoutLinkReturn('https://app.example/settings?a=1&linked=social#top')).to.equal('/settings?a=1#top');
  });
});
