import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as stories from '../../../stories/login.stories.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { formReady, renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { SessionState } from '../../client/ciam-client.js';
import type { CiamErrorEvent, CiamSignedInEvent } from '../shared/events.js';
import type { CiamLogin } from './login.js';
import './ciam-login.js';

const part = (el: CiamLogin, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: CiamLogin, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim();
const field = (el: CiamLogin, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`);

type SignedOut = Extract<SessionState, { name: 'signed-out' }>;
type Flow = NonNullable<SignedOut['flow']>;
/** The embedded sign-in form at some moment of its flow (the scripted steps, changed where the test says). */
function embedded(flow: Partial<Flow>, autofill?: SignedOut['autofill']): SessionState {
  const state = steps.embeddedPassword() as SignedOut;
  return { ...state, flow: { ...state.flow!, ...flow }, ...(autofill ? { autofill } : {}) };
}

async function render(step: Parameters<typeof scripted>[0], attrs = '') {
  const client = scripted(step);
  const el = await fixture<CiamLogin>(html`<ciam-login .client=${client} locale=${attrs}></ciam-login>`);
  return { el, client };
}

describe('<ciam-login>', () => {
  describe('every story', () => {
    for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
      it(`${name} renders with its parts and passes axe`, async () => {
        const el = await renderStory<CiamLogin>(stories as unknown as StoriesModule, story);
        for (const name of ['card', 'header', 'title', 'status']) expect(part(el, name), name).to.be.instanceOf(HTMLElement);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('when signed out', () => {
    it('shows Sign in and Create account as real buttons', async () => {
      const { el } = await render('signedOut');
      expect(part(el, 'sign-in-button')!.tagName).to.equal('BUTTON');
      expect(text(el, 'sign-in-button')).to.equal('Sign in');
      expect(text(el, 'sign-up-button')).to.equal('Create account');
    });

    it('starts the client once its card has been drawn and a frame has passed (issue 13: paint first)', async () => {
      const client = scripted('loading');
      let framed = false;
      requestAnimationFrame(() => (framed = true));
      let atStart: { drawn: boolean; framed: boolean } | undefined;
      const start = client.start.bind(client);
      client.start = () => {
        const card = document.querySelector<CiamLogin>('ciam-login');
        atStart = { drawn: !!card && !!part(card, 'sign-in-button'), framed };
        start();
      };
      await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
      await waitUntil(() => atStart !== undefined, 'the client never started');
      expect(atStart).to.deep.equal({ drawn: true, framed: true });
    });

    it('asks the client to sign in, or to sign up, on click', async () => {
      const { el, client } = await render('signedOut');
      part(el, 'sign-in-button')!.click();
      part(el, 'sign-up-button')!.click();
      expect(client.calls.filter((c) => c.method === 'signIn').map((c) => c.options?.intent ?? 'sign-in')).to.deep.equal(['sign-in', 'sign-up']);
    });

    it('passes mode, return-to and the language it shows with the request', async () => {
      const client = scripted('signedOut');
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client} mode="popup" return-to="/orders" locale="de"></ciam-login>`);
      part(el, 'sign-in-button')!.click();
      expect(client.calls.at(-1)).to.deep.equal({ method: 'signIn', options: { via: 'popup', returnTo: '/orders', uiLocales: 'de' } });
    });

    it('hides Create account when the OP offers no sign-up', async () => {
      const { el } = await render('signedOutNoSignUp');
      expect(part(el, 'sign-up-button')).to.equal(null);
    });

    it('is reachable and usable by keyboard: Tab to Sign in, Enter; Tab to Create account, Space', async () => {
      const { el, client } = await render('signedOut');
      const before = await fixture(html`<button>before</button>`);
      (before as HTMLElement).focus();
      el.before(before);
      (before as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement, 'focus').to.equal(part(el, 'sign-in-button'));
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement, 'focus').to.equal(part(el, 'sign-up-button'));
      await sendKeys({ press: 'Space' });
      expect(client.calls.filter((c) => c.method === 'signIn').length).to.equal(2);
    });
  });

  describe('before discovery has answered (issue 13)', () => {
    it('takes the click at once: the client is asked to sign in, and the button shows it under way while the client holds it', async () => {
      const { el, client } = await render('loading');
      const signIn = part(el, 'sign-in-button')!;
      expect(signIn.hasAttribute('disabled'), 'enabled from the first paint').to.equal(false);
      expect(signIn.getAttribute('aria-busy')).to.equal('false');
      expect(text(el, 'status'), 'nothing to wait for yet').to.equal('');
      signIn.click();
      expect(client.calls.filter((c) => c.method === 'signIn')).to.have.length(1);
      client.holding = true; // what the real client does with a click before discovery (ciam-client.ts)
      client.set(steps.loading());
      await el.updateComplete;
      expect(part(el, 'sign-in-button')!.getAttribute('aria-busy')).to.equal('true');
      expect(part(el, 'sign-in-button')!.hasAttribute('disabled')).to.equal(true);
      expect(text(el, 'status')).to.equal('Loading sign-in…');
    });

    it('keeps Create account’s place, unseen and out of reach, so the card does not grow when discovery offers it', async () => {
      const { el, client } = await render('loading');
      const card = () => part(el, 'card')!.getBoundingClientRect().height;
      const before = card();
      const signUp = part(el, 'sign-up-button')!;
      expect(getComputedStyle(signUp).visibility).to.equal('hidden');
      expect(signUp.closest('[inert]'), 'not focusable nor clickable').to.be.instanceOf(HTMLElement);
      client.set(steps.signedOut());
      await el.updateComplete;
      expect(getComputedStyle(part(el, 'sign-up-button')!).visibility).to.equal('visible');
      expect(Math.abs(card() - before), `before ${before}px, ready ${card()}px`).to.be.at.most(1);
    });
  });

  describe('social and enterprise providers (issue 14)', () => {
    const social = (el: CiamLogin) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="social-button"]')];
    const names = (el: CiamLogin) => social(el).map((b) => b.textContent.replace(/\s+/g, ' ').trim());

    it('shows one real button per provider, in the order given, above the OP sign-in, with parts and an accessible group', async () => {
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('signedOut')} social="github, google, acme=Acme SSO"></ciam-login>`);
      expect(names(el)).to.deep.equal(['GH Continue with GitHub', 'G Continue with Google', 'A Continue with Acme SSO']);
      expect(social(el).map((b) => b.tagName)).to.deep.equal(['BUTTON', 'BUTTON', 'BUTTON']);
      expect(social(el)[2].getAttribute('part')).to.equal('button social-button social-acme');
      expect(part(el, 'social')!.getAttribute('role')).to.equal('group');
      expect(part(el, 'social')!.getAttribute('aria-label')).to.equal('Sign in with');
      const order = [...part(el, 'actions')!.querySelectorAll('[part]')].map((p) => p.getAttribute('part')!.split(' ').at(-1));
      expect(order.indexOf('social-divider')).to.be.lessThan(order.indexOf('sign-in-button'));
      await expect(el).to.be.accessible();
    });

    it('signs in at the OP with the provider as the hint, and shows that button under way', async () => {
      const client = scripted('signedOut');
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client} social="github, google" mode="popup" locale="en"></ciam-login>`);
      social(el)[1].click();
      expect(client.calls.at(-1)).to.deep.equal({ method: 'signIn', options: { via: 'popup', idp: 'google', returnTo: undefined, uiLocales: 'en' } });
      client.set(steps.popupOpen());
      await el.updateComplete;
      expect(social(el)[1].getAttribute('aria-busy')).to.equal('true');
      expect(social(el).every((b) => b.disabled)).to.equal(true);
      expect(part(el, 'sign-in-button')!.querySelector('.spinner'), 'the OP sign-in is not the one under way').to.equal(null);
      client.set(steps.signedOut()); // the popup was closed: a cancel
      await el.updateComplete;
      expect(social(el).map((b) => [b.disabled, b.getAttribute('aria-busy')])).to.deep.equal([
        [false, 'false'],
        [false, 'false'],
      ]);
    });

    it('takes a provider click before discovery answers (the client holds it)', async () => {
      const { el, client } = await render('loading');
      el.social = 'google';
      await el.updateComplete;
      expect(social(el)[0].disabled).to.equal(false);
      social(el)[0].click();
      client.holding = true;
      client.set(steps.loading());
      await el.updateComplete;
      expect(client.calls.filter((c) => c.method === 'signIn').map((c) => c.options?.idp)).to.deep.equal(['google']);
      expect(social(el)[0].getAttribute('aria-busy')).to.equal('true');
    });

    it("uses the app's own mark from the social-<id> slot, else the name's initials", async () => {
      const el = await fixture<CiamLogin>(
        html`<ciam-login .client=${scripted('signedOut')} social="google, acme=Acme SSO"><svg slot="social-acme" viewBox="0 0 20 20"></svg></ciam-login>`,
      );
      const slot = social(el)[1].querySelector<HTMLSlotElement>('slot[name="social-acme"]')!;
      expect(slot.assignedElements().map((e) => e.tagName.toLowerCase())).to.deep.equal(['svg']);
      expect(el.querySelector('svg')!.getBoundingClientRect().width).to.equal(20);
      expect(social(el)[0].querySelector('.initial')!.textContent).to.equal('G');
    });

    it('embedded: the providers show above the email step and the sign-up step, not on later steps', async () => {
      const client = scripted('embeddedIdentifier');
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client} social="google"></ciam-login>`);
      await formReady(el);
      expect(names(el)).to.deep.equal(['G Continue with Google']);
      client.set(steps.embeddedPassword());
      await formReady(el);
      expect(social(el)).to.have.length(0);
      client.set(steps.embeddedSignUp());
      await formReady(el);
      expect(social(el)).to.have.length(1);
      client.set(steps.embeddedRecover());
      await formReady(el);
      expect(social(el)).to.have.length(0);
    });

    it('no providers, no group and no extra "or"', async () => {
      const { el } = await render('signedOut');
      expect(part(el, 'social')).to.equal(null);
      expect(part(el, 'social-divider')).to.equal(null);
    });
  });

  describe('while busy', () => {
    it('disables the button, says why in the live region, and reflects the state', async () => {
      const { el, client } = await render('signedOut');
      client.set(steps.redirecting());
      await el.updateComplete;
      expect(part(el, 'sign-in-button')!.hasAttribute('disabled')).to.equal(true);
      expect(part(el, 'sign-in-button')!.getAttribute('aria-busy')).to.equal('true');
      expect(part(el, 'status')!.getAttribute('aria-live')).to.equal('polite');
      expect(text(el, 'status')).to.equal('Taking you to sign-in…');
      expect(el.getAttribute('state')).to.equal('signing-in');
    });

    it('tells the user to finish in the popup', async () => {
      const { el } = await render('popupOpen');
      expect(text(el, 'status')).to.equal('Finish signing in in the window that opened.');
    });
  });

  describe('when something fails', () => {
    it('shows a localized message in an alert, moves focus to it, and retries on click', async () => {
      const { el, client } = await render('signedOut');
      client.set(steps.networkError());
      await el.updateComplete;
      const alert = part(el, 'error')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(text(el, 'error-message')).to.contain('can’t reach the sign-in service');
      expect(el.shadowRoot!.activeElement, 'focus').to.equal(alert);
      part(el, 'retry-button')!.click();
      expect(client.calls.at(-1)!.method).to.equal('retry');
    });

    it('shows the Retry-After seconds when rate limited', async () => {
      const { el } = await render('rateLimited');
      expect(text(el, 'error-message')).to.equal('Too many attempts. You can try again in 30 seconds.');
    });

    it('explains an error of the OP’s answer (its messages load once the sign-in is under way), in German too', async () => {
      const { el, client } = await render('completing');
      client.set(steps.accessDenied());
      await waitUntil(() => text(el, 'error-message') === 'Sign-in was cancelled or access was denied.', 'English message');
      el.locale = 'de';
      await waitUntil(() => text(el, 'error-message') === 'Die Anmeldung wurde abgebrochen oder der Zugriff verweigert.', 'German message');
    });

    it('renders OP-provided text as text, never HTML', async () => {
      const { el, client } = await render('signedOut');
      const state = steps.accessDenied();
      if (state.name === 'error') state.error.detail = '<img src=x onerror="window.pwned=1">';
      client.set(state);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    });
  });

  describe('focus follows the flow', () => {
    it('leaves focus where it is on the first paint, even with an error showing', async () => {
      const outside = await fixture<HTMLButtonElement>(html`<button>page</button>`);
      outside.focus();
      const client = scripted('embeddedWrongPassword');
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
      await formReady(el);
      expect(document.activeElement, 'focus stays on the page').to.equal(outside);
    });

    it('moves to the next step’s first field once its form has loaded (password after the email)', async () => {
      const { el, client } = await render('embeddedIdentifier');
      await formReady(el);
      client.set(embedded({ step: 'identifier', pending: true }));
      await el.updateComplete;
      client.set(steps.embeddedPassword());
      await waitUntil(() => field(el, 'password'), 'the password step did not render');
      expect(document.activeElement, 'focus on the password field').to.equal(field(el, 'password'));
    });

    it('moves to the error summary after a failed step, and not while a request is pending', async () => {
      const { el, client } = await render('embeddedPassword');
      await formReady(el);
      const password = field(el, 'password')!;
      password.focus();
      client.set(steps.embeddedPending());
      await el.updateComplete;
      expect(document.activeElement, 'focus stays while pending').to.equal(password);
      client.set(steps.embeddedRateLimited());
      await el.updateComplete;
      const summary = el.querySelector<HTMLElement>('[role="alert"]')!;
      expect(summary.textContent).to.contain('Too many attempts');
      expect(document.activeElement, 'focus on the error summary').to.equal(summary);
    });

    it('returns to Sign in after the popup was closed', async () => {
      const { el, client } = await render('popupOpen');
      client.set(steps.signedOut());
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement, 'focus on Sign in').to.equal(part(el, 'sign-in-button'));
    });

    it('after a refused submit: on the summary; Tab goes to its link, then to the field in error (not to “Use another email”)', async () => {
      const { el } = await render('embeddedPassword');
      await formReady(el);
      field(el, 'password')!.focus();
      await sendKeys({ press: 'Enter' }); // empty: the form's own check refuses it
      await el.updateComplete;
      const summary = el.querySelector<HTMLElement>('.ciam-error')!;
      expect(document.activeElement === summary, 'focus on the summary').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === summary.querySelector('a'), 'the summary’s link').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === field(el, 'password'), 'the field in error').to.equal(true);
      // Shift+Tab back through the link: the summary sits right before the fields, after the account line.
      await sendKeys({ press: 'Shift+Tab' });
      await sendKeys({ press: 'Shift+Tab' });
      expect(document.activeElement!.textContent.trim(), 'before the summary').to.equal('Use another email');
    });

    it('after the OP refuses the password: the same order, summary, link, field', async () => {
      const { el, client } = await render('embeddedPassword');
      await formReady(el);
      field(el, 'password')!.focus();
      client.set(steps.embeddedPending());
      await el.updateComplete;
      client.set(steps.embeddedWrongPassword());
      await el.updateComplete;
      expect(document.activeElement === el.querySelector('.ciam-error')).to.equal(true);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === field(el, 'password'), 'the password field').to.equal(true);
    });

    it('after “Send a new code”: on the line that says a new code was sent (the button gives way to a countdown)', async () => {
      const client = scripted('embeddedEmailCode');
      const codeStep = () => embedded({ step: 'email-code', methods: ['email_code'], resendAvailableAtMs: Date.now() - 1 });
      client.state = codeStep();
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
      await formReady(el);
      const resend = [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Send a new code')!;
      resend.focus();
      resend.click();
      expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'send-code' } });
      client.set(embedded({ step: 'email-code', methods: ['email_code'], pending: true }));
      await el.updateComplete;
      client.set(embedded({ step: 'email-code', methods: ['email_code'], resendAvailableAtMs: Date.now() + 30_000 }));
      await el.updateComplete;
      const sent = el.querySelector<HTMLElement>('.ciam-sent')!;
      expect(sent.textContent).to.equal('We sent a new code to ada@example.com. It is valid for 10 minutes.');
      expect(sent.getAttribute('role')).to.equal('status');
      expect(document.activeElement === sent, 'focus on the confirmation').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === field(el, 'code'), 'then the code field').to.equal(true);
    });

    it('on a new step: its first field, also when it came from a link (Create account, Use another email)', async () => {
      const { el, client } = await render('embeddedPassword');
      await formReady(el);
      const link = [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Use another email')!;
      link.focus();
      link.click();
      expect(client.calls.at(-1)).to.deep.equal({ method: 'navigate', intent: 'sign-in' });
      client.set(embedded({ step: 'identifier' }));
      await el.updateComplete;
      expect(document.activeElement === field(el, 'username'), 'the email field').to.equal(true);
      client.set(embedded({ intent: 'sign-up', step: 'signup' }));
      await el.updateComplete;
      expect(document.activeElement === field(el, 'name'), 'the name field').to.equal(true);
    });

    /** The password step with focus in its field, answered with a sign-in. */
    async function signInHere() {
      const { el, client } = await render('embeddedPassword');
      await formReady(el);
      field(el, 'password')!.focus();
      client.set(steps.embeddedPending());
      await el.updateComplete;
      client.set(steps.signedIn(), { event: 'signed-in', user: user(), restored: false });
      await el.updateComplete;
      return el;
    }

    it('after signing in here: on the signed-in line, not the page’s body', async () => {
      const el = await signInHere();
      expect(el.shadowRoot!.activeElement === part(el, 'signed-in'), 'focus on the signed-in line').to.equal(true);
      expect(text(el, 'signed-in')).to.equal('Signed in as Ada Lovelace.');
      // The card says it, not "Sign in / Continue to your account" above it.
      expect(text(el, 'title')).to.equal('You’re signed in');
      expect(part(el, 'lead')).to.equal(null);
    });

    it('a page that hides the signed-in element until the passkey offer shows: focus goes to the offer’s title then', async () => {
      const style = Object.assign(document.createElement('style'), { textContent: "ciam-login[state='signed-in']:not([offering]) { display: none }" });
      document.head.append(style);
      try {
        const el = await signInHere();
        expect(document.activeElement === document.body, 'hidden: nothing can take it yet').to.equal(true);
        el.offering = true; // what offer.ts does once its code has loaded
        await el.updateComplete;
        expect(el.shadowRoot!.activeElement === part(el, 'title'), 'the offer’s title').to.equal(true);
      } finally {
        style.remove();
      }
    });

    it('a restored session takes no focus (the page keeps it)', async () => {
      const outside = await fixture<HTMLButtonElement>(html`<button>page</button>`);
      outside.focus();
      const { el, client } = await render('loading');
      client.set(steps.signedIn(), { event: 'signed-in', user: user(), restored: true });
      await el.updateComplete;
      expect(document.activeElement === outside).to.equal(true);
    });

    it('when what had focus goes away with no next target yet (the passkey button, while the browser’s prompt runs), the title holds it', async () => {
      const { el, client } = await render('embeddedIdentifier');
      await formReady(el);
      const passkey = [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Sign in with a passkey')!;
      passkey.focus();
      client.set(steps.embeddedPasskeyPrompt());
      await waitUntil(() => el.textContent?.includes('Follow your browser’s prompt'), 'the passkey step');
      expect(el.shadowRoot!.activeElement === part(el, 'title'), 'focus on the title').to.equal(true);
    });
  });

  describe('passkey autofill', () => {
    const asked = (client: ReturnType<typeof scripted>) => client.calls.filter((c) => c.method === 'autofill').length;

    it('is asked for only while the email step shows and nothing runs, and again when it shows again', async () => {
      const { el, client } = await render('embeddedIdentifier');
      await formReady(el);
      expect(asked(client), 'idle email step').to.be.greaterThan(0);
      let before = asked(client);
      for (const state of [
        embedded({ step: 'identifier', pending: true }),
        embedded({ step: 'identifier' }, { stage: 'starting', attempt: 1 }),
        embedded({ step: 'identifier' }, { stage: 'failed', attempt: 1 }),
        embedded({ intent: 'sign-up', step: 'signup' }),
        embedded({ intent: 'recover', step: 'recover' }),
        steps.embeddedPassword(),
        steps.embeddedPasskeyPrompt(),
      ]) {
        client.set(state);
        await el.updateComplete;
      }
      await formReady(el);
      expect(asked(client), 'pending, already asked, given up, other views, later steps').to.equal(before);
      before = asked(client);
      client.set(embedded({ step: 'identifier' }, { stage: 'off', attempt: 1 }));
      await el.updateComplete;
      expect(asked(client), 'the email step is back').to.be.greaterThan(before);
    });

    it('is not asked for by the redirect buttons, nor during a step-up', async () => {
      for (const step of ['signedOut', 'stepUpPassword'] as const) {
        const { el, client } = await render(step);
        await formReady(el);
        expect(asked(client), step).to.equal(0);
      }
    });
  });

  describe('countdowns', () => {
    it('tick: the seconds until a new code can be sent count down on their own', async () => {
      const client = scripted('embeddedEmailCode');
      const state = client.state as SignedOut;
      client.state = { ...state, flow: { ...state.flow!, resendAvailableAtMs: Date.now() + 2000 } };
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
      await formReady(el);
      await waitUntil(() => /new code in 2 s/.test(el.textContent ?? ''), 'starts at 2 s', { timeout: 3000 });
      await waitUntil(() => /new code in 1 s/.test(el.textContent ?? ''), 'ticks to 1 s', { timeout: 3000 });
    });
  });

  describe('events', () => {
    it('fires ciam-signed-in, bubbling and composed, with the user', async () => {
      const { el, client } = await render('completing');
      const fired = oneEvent<CiamSignedInEvent>(document, 'ciam-signed-in');
      const signedIn = steps.signedIn();
      client.set(signedIn, { event: 'signed-in', user: user(), restored: false });
      const event = await fired;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.user.email).to.equal('ada@example.com');
      expect(event.detail.restored).to.equal(false);
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('signed-in');
      expect(text(el, 'signed-in')).to.equal('Signed in as Ada Lovelace.');
    });

    it('fires ciam-signed-out and ciam-error with a typed CiamError', async () => {
      const { client } = await render('signedIn');
      const out = oneEvent(document, 'ciam-signed-out');
      client.set(steps.signedOut(), { event: 'signed-out' });
      await out;
      const failed = oneEvent<CiamErrorEvent>(document, 'ciam-error');
      client.set(steps.badResponse(), { event: 'error', error: { code: 'bad_response', detail: 'x' } });
      const event = await failed;
      expect(event.detail.error.name).to.equal('CiamError');
      expect(event.detail.error.code).to.equal('bad_response');
    });
  });

  describe('slots', () => {
    it('shows the footer only when the page slots something into it', async () => {
      const { el } = await render('signedOut');
      expect(part(el, 'footer')!.hidden).to.equal(true);
      const withFooter = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('signedOut')}><a slot="footer" href="/terms">Terms</a></ciam-login>`);
      await withFooter.updateComplete;
      expect(part(withFooter, 'footer')!.hidden).to.equal(false);
    });
  });

  describe('i18n', () => {
    it('speaks German with locale="de"', async () => {
      const { el } = await render('signedOut', 'de');
      await new Promise((r) => setTimeout(r, 50)); // the catalog loads on demand
      await el.updateComplete;
      expect(text(el, 'sign-in-button')).to.equal('Anmelden');
    });

    it('lays out right-to-left for Arabic', async () => {
      const { el } = await render('signedOut', 'ar');
      expect(part(el, 'card')!.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(part(el, 'card')!).direction).to.equal('rtl');
    });

    it('takes message overrides from the app', async () => {
      const client = scripted('signedOut');
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client} .messages=${{ 'login.title': 'Welcome back' }}></ciam-login>`);
      expect(text(el, 'title')).to.equal('Welcome back');
    });
  });
});
