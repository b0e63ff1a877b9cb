import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as stories from '../../../stories/login.stories.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamLogin } from './login.js';
import './ciam-login.js';

const part = (el: CiamLogin, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: CiamLogin, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim();

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
        for (const name of ['card', 'header', 'title', 'status']) expect(part(el, name), name).to.exist;
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('when signed out', () => {
    it('shows Sign in and Create account as real buttons and starts the client', async () => {
      const { el, client } = await render('signedOut');
      expect(part(el, 'sign-in-button')!.tagName).to.equal('BUTTON');
      expect(text(el, 'sign-in-button')).to.equal('Sign in');
      expect(text(el, 'sign-up-button')).to.equal('Create account');
      expect(client.calls.some((c) => c.method === 'start')).to.be.true;
    });

    it('asks the client to sign in, or to sign up, on click', async () => {
      const { el, client } = await render('signedOut');
      part(el, 'sign-in-button')!.click();
      part(el, 'sign-up-button')!.click();
      expect(client.calls.filter((c) => c.method === 'signIn').map((c) => c.options?.intent ?? 'sign-in')).to.deep.equal(['sign-in', 'sign-up']);
    });

    it('passes mode and return-to with the request', async () => {
      const client = scripted('signedOut');
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${client} mode="popup" return-to="/orders"></ciam-login>`);
      part(el, 'sign-in-button')!.click();
      expect(client.calls.at(-1)).to.deep.equal({ method: 'signIn', options: { via: 'popup', returnTo: '/orders' } });
    });

    it('hides Create account when the OP offers no sign-up', async () => {
      const { el } = await render('signedOutNoSignUp');
      expect(part(el, 'sign-up-button')).to.be.null;
    });

    it('is reachable and usable by keyboard: Tab to Sign in, Enter; Tab to Create account, Space', async () => {
      const { el, client } = await render('signedOut');
      const before = await fixture(html`<button>before</button>`);
      (before as HTMLElement).focus();
      el.before(before);
      (before as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === part(el, 'sign-in-button'), 'focus').to.be.true;
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === part(el, 'sign-up-button'), 'focus').to.be.true;
      await sendKeys({ press: 'Space' });
      expect(client.calls.filter((c) => c.method === 'signIn').length).to.equal(2);
    });
  });

  describe('while busy', () => {
    it('disables the button, says why in the live region, and reflects the state', async () => {
      const { el, client } = await render('signedOut');
      client.set(steps.redirecting());
      await el.updateComplete;
      expect(part(el, 'sign-in-button')!.hasAttribute('disabled')).to.be.true;
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
      expect(el.shadowRoot!.activeElement === alert, 'focus').to.be.true;
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
      expect(el.shadowRoot!.querySelector('img')).to.be.null;
    });
  });

  describe('events', () => {
    it('fires ciam-signed-in, bubbling and composed, with the user', async () => {
      const { el, client } = await render('completing');
      const fired = oneEvent(document, 'ciam-signed-in');
      const signedIn = steps.signedIn();
      client.set(signedIn, { event: 'signed-in', user: user(), restored: false });
      const event = await fired;
      expect(event.bubbles && event.composed).to.be.true;
      expect(event.detail.user.email).to.equal('ada@example.com');
      expect(event.detail.restored).to.be.false;
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('signed-in');
      expect(text(el, 'signed-in')).to.equal('Signed in as Ada Lovelace.');
    });

    it('fires ciam-signed-out and ciam-error with a typed CiamError', async () => {
      const { client } = await render('signedIn');
      const out = oneEvent(document, 'ciam-signed-out');
      client.set(steps.signedOut(), { event: 'signed-out' });
      await out;
      const failed = oneEvent(document, 'ciam-error');
      client.set(steps.badResponse(), { event: 'error', error: { code: 'bad_response', detail: 'x' } });
      const event = await failed;
      expect(event.detail.error.name).to.equal('CiamError');
      expect(event.detail.error.code).to.equal('bad_response');
    });
  });

  describe('slots', () => {
    it('shows the footer only when the page slots something into it', async () => {
      const { el } = await render('signedOut');
      expect(part(el, 'footer')!.hidden).to.be.true;
      const withFooter = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('signedOut')}><a slot="footer" href="/terms">Terms</a></ciam-login>`);
      await withFooter.updateComplete;
      expect(part(withFooter, 'footer')!.hidden).to.be.false;
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
