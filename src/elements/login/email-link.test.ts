import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { scripted } from '../../../test/fixtures/scripted-client.js';
import type { SessionState } from '../../client/ciam-client.js';
import type { CiamLogin } from './login.js';
import './ciam-login.js';
import '../signup/ciam-signup.js';
import '../recovery/ciam-recovery.js';

type SignedOut = Extract<SessionState, { name: 'signed-out' }>;
const TOKEN = 'T'.repeat(43);
const title = (el: CiamLogin) => el.shadowRoot!.querySelector('[part~="title"]')?.textContent?.trim();
const lead = (el: CiamLogin) => el.shadowRoot!.querySelector('[part~="lead"]')?.textContent?.replace(/\s+/g, ' ').trim();
const button = (el: CiamLogin, name: string) => [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

describe('<ciam-login>: sign-in links', () => {
  describe('the step that waits for the link', () => {
    it('offers a link on the password step when the OP does, and sends it with a verifier’s challenge', async () => {
      const client = scripted('embeddedPassword');
      const state = client.state as SignedOut;
      client.state = { ...state, flow: { ...state.flow!, methods: ['password', 'email_code', 'email_link'] } };
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
      await waitUntil(() => button(el, 'Email me a sign-in link'), 'the link button');
      button(el, 'Email me a sign-in link')!.click();
      await waitUntil(() => client.calls.some((c) => c.submit?.kind === 'send-link'), 'a send-link submit');
      const sent = client.calls.find((c) => c.submit?.kind === 'send-link')!.submit as { linkChallenge?: string };
      expect(sent.linkChallenge).to.match(/^[\w-]{43}$/);
      const kept = JSON.parse(localStorage.getItem('ciam.link') ?? '{}') as { verifier?: string };
      expect(kept.verifier).to.match(/^[\w-]{43}$/);
    });

    it('says where the link went, waits, and asks the OP every few seconds', async () => {
      const client = scripted('embeddedEmailLink');
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
      await waitUntil(() => el.querySelector('.ciam-sent'), 'the sent line');
      expect(title(el)).to.equal('Check your email');
      expect(el.querySelector('.ciam-sent')!.textContent).to.contain('We sent a sign-in link to ada@example.com');
      expect(el.textContent).to.contain('Waiting for you to open the link');
      expect(el.textContent).to.contain('You can ask for a new link in');
      await waitUntil(() => client.calls.some((c) => c.submit?.kind === 'link-status'), 'a status request', { timeout: 4000 });
      await expect(el).to.be.accessible();
    });

    it('stops asking once the link has expired, and offers a new one', async () => {
      const client = scripted('embeddedEmailLink');
      const state = client.state as SignedOut;
      client.state = { ...state, flow: { ...state.flow!, resendAvailableAtMs: Date.now() - 1, error: { code: 'link_expired' } } };
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
      await waitUntil(() => button(el, 'Send a new link'), 'the resend button');
      expect(el.querySelector('[role="alert"]')!.textContent).to.contain('The link has expired');
      expect(el.textContent).not.to.contain('Waiting for you');
      await new Promise((r) => setTimeout(r, 2500));
      expect(client.calls.filter((c) => c.submit?.kind === 'link-status')).to.have.length(0);
    });
  });

  describe('the page the link opens', () => {
    afterEach(() => history.replaceState(null, '', location.pathname + location.search));

    async function landing(answers?: Parameters<typeof scripted>[0]) {
      history.replaceState(null, '', `${location.pathname}${location.search}#ciam_link=${TOKEN}`);
      const client = scripted(answers ?? 'signedOut');
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
      return { el, client };
    }

    it('takes the token out of the address bar and, on another device, asks before anything is decided', async () => {
      const { el, client } = await landing();
      await waitUntil(() => title(el) === 'Is this you signing in?', 'the question');
      expect(location.hash).to.equal('');
      expect(client.linkCalls).to.deep.equal([{ token: TOKEN }]);
      expect(lead(el)).to.equal('Someone asked to sign in with your email on Chrome on macOS, 2 minutes ago.');
      expect(button(el, 'Yes, sign me in there'), 'yes').to.be.instanceOf(HTMLButtonElement);
      expect(button(el, 'No, it wasn’t me'), 'no').to.be.instanceOf(HTMLButtonElement);
      await expect(el).to.be.accessible();
    });

    it('lands on the sign-in card, not on a <ciam-signup> or <ciam-recovery> before it on the page', async () => {
      history.replaceState(null, '', `${location.pathname}${location.search}#ciam_link=${TOKEN}`);
      const client = scripted('signedOut');
      const page = await fixture<HTMLElement>(
        html`<div><ciam-signup .client=${client}></ciam-signup><ciam-recovery .client=${client}></ciam-recovery><ciam-login .client=${client}></ciam-login></div>`,
      );
      const login = page.querySelector<CiamLogin>('ciam-login')!;
      await waitUntil(() => title(login) === 'Is this you signing in?', 'the question on the sign-in card');
      expect(client.linkCalls).to.deep.equal([{ token: TOKEN }]);
      expect(title(page.querySelector<CiamLogin>('ciam-signup')!)).not.to.equal('Is this you signing in?');
    });

    it('approving there says where to go back to, with focus on it', async () => {
      const { el, client } = await landing();
      client.linkAnswers = [
        { status: 'confirm', device: 'Safari on iOS', requestedAt: Math.floor(Date.now() / 1000) },
        { status: 'approved', sameBrowser: false },
      ];
      await waitUntil(() => button(el, 'Yes, sign me in there'), 'the question');
      button(el, 'Yes, sign me in there')!.click();
      await waitUntil(() => title(el) === 'Sign-in approved', 'approved');
      expect(client.linkCalls.at(-1)).to.deep.equal({ token: TOKEN, decision: 'yes' });
      const status = el.querySelector<HTMLElement>('[role="status"]')!;
      expect(status.textContent).to.contain('Go back to');
      await waitUntil(() => document.activeElement === status, 'focus on the outcome');
    });

    it('a used link says so, and "Back to sign-in" shows the form', async () => {
      const { el, client } = await landing();
      client.linkAnswers = [{ status: 'failed', error: { code: 'invalid_link' } }];
      await waitUntil(() => title(el) === 'This link no longer works', 'the refusal');
      expect(el.querySelector('[role="alert"]')!.textContent).to.contain('expired or was already used');
      button(el, 'Back to sign-in')!.click();
      await waitUntil(() => title(el) !== 'This link no longer works', 'the usual card');
    });

    it('a decision that does not get through keeps the question, says why, and can be tried again', async () => {
      const { el, client } = await landing();
      await waitUntil(() => button(el, 'No, it wasn’t me'), 'the question');
      client.linkAnswers = [{ status: 'failed', error: { code: 'network' } }];
      button(el, 'No, it wasn’t me')!.click();
      await waitUntil(() => el.querySelector('[role="alert"]'), 'the error');
      expect(title(el)).to.equal('Is this you signing in?');
      client.linkAnswers = [{ status: 'declined' }];
      button(el, 'No, it wasn’t me')!.click();
      await waitUntil(() => title(el) === 'Sign-in stopped', 'declined');
    });
  });
});
