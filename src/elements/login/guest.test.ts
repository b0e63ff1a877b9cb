import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { scripted } from '../../../test/fixtures/scripted-client.js';
import { formReady } from '../../../test/fixtures/stories.js';
import { newFlow } from '../../core/embedded.js';
import type { SessionState } from '../../core/states.js';
import type { CiamLogin } from './login.js';
import './ciam-login.js';

const title = (el: CiamLogin) => el.shadowRoot!.querySelector('[part~="title"]')?.textContent?.trim();
const button = (el: CiamLogin, name: string) => [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

describe('<ciam-login>: guest sessions', () => {
  it('a guest session shows what a guest can do, and stays visible (reflected `guest`)', async () => {
    const client = scripted('guest');
    const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
    await waitUntil(() => title(el) === 'You’re browsing as a guest', 'the guest card');
    expect(el.hasAttribute('guest')).to.equal(true);
    expect(el.getAttribute('state')).to.equal('signed-in');
    button(el, 'Create account')!.click();
    button(el, 'Sign in')!.click();
    expect(client.calls.filter((c) => c.method === 'signIn').map((c) => c.options)).to.deep.equal([{ intent: 'sign-up' }, {}]);
    await expect(el).to.be.accessible();
  });

  it('startGuest() starts a guest session; a bot check the OP asks for first is answered and the start sent again', async () => {
    const client = scripted('embeddedIdentifier');
    const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
    await formReady(el);
    el.startGuest();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'guest' } });
    const state = client.state as Extract<SessionState, { name: 'signed-out' }>;
    client.set({ ...state, flow: { ...newFlow(), pending: true } });
    await el.updateComplete;
    client.set({ ...state, flow: { ...newFlow(), botCheck: { type: 'pow', challenge: `${'s'.repeat(22)}.1765000000.8.${'m'.repeat(43)}`, difficulty: 8 } } });
    const submits = () => client.calls.filter((c) => c.method === 'submit');
    await waitUntil(() => submits().length === 2, 'the start sent again with the proof', { timeout: 5000 });
    const again = submits()[1].submit as { kind: string; botProof?: string };
    expect(again.kind).to.equal('guest');
    expect(again.botProof).to.match(/^pow:/);
  });

  it('asks whether what the guest saved moves into the account, in the app’s words', async () => {
    const client = scripted('guestMerge');
    const el = await fixture<CiamLogin>(html`<ciam-login .client=${client} guest-data="Your cart (2 items)"></ciam-login>`);
    await waitUntil(() => button(el, 'Move it and sign in'), 'the merge step');
    expect(title(el)).to.equal('Bring what you saved as a guest?');
    expect(el.textContent).to.contain('Your cart (2 items) will move into this account.');
    button(el, 'Move it and sign in')!.click();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'guest-merge', move: true } });
    button(el, 'Sign in without it')!.click();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'guest-merge', move: false } });
    expect(el.hasAttribute('guest'), 'the forms show, not the guest card').to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('without guest-data it says so in general terms', async () => {
    const el = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('guestMerge')}></ciam-login>`);
    await waitUntil(() => button(el, 'Move it and sign in'), 'the merge step');
    expect(el.textContent).to.contain('What you saved as a guest will move into this account.');
  });
});
