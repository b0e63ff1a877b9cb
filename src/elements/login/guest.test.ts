import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { scripted } from '../../../test/fixtures/scripted-client.js';
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

  it('startGuest() starts a guest session', async () => {
    const client = scripted('embeddedIdentifier');
    const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
    el.startGuest();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'guest' } });
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
