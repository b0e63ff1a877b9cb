/**
 * How the sign-in card looks in each state: titles and leads per step, the loading shape, the
 * lockout text, control contrast in light and dark, the password toggle, phone widths.
 */
import { contrast } from '../../../test/contrast.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { scripted, steps, type Step } from '../../../test/fixtures/scripted-client.js';
import { formReady } from '../../../test/fixtures/stories.js';
import type { SessionState } from '../../core/states.js';
import type { CiamLogin } from './login.js';
import './ciam-login.js';

async function render(step: Step, attrs: { locale?: string; noPasskeys?: boolean; authority?: string } = {}) {
  const client = scripted(step);
  // Page margins as on a real page (1.5rem each side), so widths are what a phone shows.
  const page = await fixture<HTMLElement>(html`<div class="page" style="padding: 0 1.5rem">
    <ciam-login .client=${client} authority=${attrs.authority ?? ''} locale=${attrs.locale ?? ''} ?no-passkeys=${attrs.noPasskeys}></ciam-login>
  </div>`);
  const el = page.querySelector<CiamLogin>('ciam-login')!;
  await formReady(el);
  return { el, client, page };
}

const part = (el: CiamLogin, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: CiamLogin, name: string) => [...el.querySelectorAll('button')].find((b) => b.innerText.trim() === name);
const height = (el: CiamLogin) => part(el, 'card')!.getBoundingClientRect().height;

describe('<ciam-login> look', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 800, height: 600 });
  });

  describe('before discovery has answered', () => {
    it('in embedded mode shows the email step at once, as tall as the ready form (no jump), and it takes typing', async () => {
      const { el, client } = await render('embeddedLoading');
      const field = el.querySelector<HTMLInputElement>('input[name="username"]')!;
      expect(field, 'the email field').to.be.instanceOf(HTMLInputElement);
      expect(part(el, 'skeleton')).to.equal(null);
      expect(text(part(el, 'status')), 'nothing to wait for: nothing said').to.equal('');
      const sooner = height(el);
      field.focus();
      await sendKeys({ type: 'ada@example.com' });

      // A session store is asked first (restoring): the form stays as it is meanwhile.
      const { flow: _flow, ...ready } = steps.embeddedIdentifier() as Extract<SessionState, { name: 'signed-out' }>;
      client.set({ ...ready, name: 'restoring' });
      await el.updateComplete;
      expect(field.isConnected && field.value, 'kept while a stored session is looked for').to.equal('ada@example.com');

      client.set(steps.embeddedIdentifier());
      await el.updateComplete;
      expect(field.isConnected && field.value, 'the same field, with what was typed').to.equal('ada@example.com');
      expect(document.activeElement === field, 'focus stays in it').to.equal(true);
      expect(Math.abs(height(el) - sooner), `before ${sooner}px, ready ${height(el)}px`).to.be.at.most(1);
    });

    it('keeps sign-up’s place unseen until discovery says whether the OP offers it', async () => {
      const { el, client } = await render('embeddedLoading');
      const reserved = el.querySelector<HTMLElement>('.ciam-switch')!;
      expect(getComputedStyle(reserved).visibility).to.equal('hidden');
      expect(reserved.inert && reserved.getAttribute('aria-hidden')).to.equal('true');
      client.set(steps.embeddedIdentifier());
      await el.updateComplete;
      expect(getComputedStyle(el.querySelector('.ciam-switch')!).visibility).to.equal('visible');
    });

    it('with no mode set and a same-site OP shows the email step’s shape, as tall as the form, and says “Loading sign-in…” once', async () => {
      const { el, client } = await render('autoLoading', { authority: location.origin });
      const skeleton = part(el, 'skeleton')!;
      expect(skeleton.getAttribute('aria-hidden')).to.equal('true');
      expect(text(part(el, 'status'))).to.equal('Loading sign-in…');
      expect(part(el, 'status')!.getBoundingClientRect().width, 'the status only speaks').to.be.at.most(1);
      expect(el.shadowRoot!.querySelector('.spinner'), 'no spinner beside it').to.equal(null);
      const loading = height(el);

      client.set(steps.embeddedIdentifier());
      await formReady(el);
      await waitUntil(() => !part(el, 'skeleton'), 'the skeleton stays');
      expect(el.querySelector('input[name="username"]')).to.be.instanceOf(HTMLInputElement);
      expect(Math.abs(height(el) - loading), `loading ${loading}px, form ${height(el)}px`).to.be.at.most(1);
    });

    it('matches without the passkey button too (no-passkeys)', async () => {
      const { el, client } = await render('autoLoading', { authority: location.origin, noPasskeys: true });
      const loading = height(el);
      client.set(steps.embeddedIdentifier());
      await formReady(el);
      expect(Math.abs(height(el) - loading)).to.be.at.most(1);
    });
  });

  describe('while a request is out', () => {
    it('shows one busy indicator: the button; the status line only speaks', async () => {
      const { el } = await render('embeddedPending');
      const busy = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
      expect(busy.getAttribute('aria-busy')).to.equal('true');
      expect(text(part(el, 'status'))).to.equal('Checking…');
      expect(part(el, 'status')!.getBoundingClientRect().width).to.be.at.most(1);
    });
  });

  describe('titles and leads', () => {
    const cases: [Step, string, string | null][] = [
      ['embeddedIdentifier', 'Sign in', 'Continue to your account.'],
      ['embeddedPassword', 'Enter your password', null],
      ['embeddedEmailCode', 'Check your email', null],
      ['embeddedVerifyEmail', 'Check your email', null],
      ['embeddedRecover', 'Reset your password', 'Enter your email and we will send you a code.'],
      ['embeddedRecoveryCode', 'Choose a new password', null],
    ];
    for (const [step, title, lead] of cases) {
      it(`${step}: “${title}”${lead ? ` / “${lead}”` : ', and the form says the rest'}`, async () => {
        const { el } = await render(step);
        expect(text(part(el, 'title'))).to.equal(title);
        expect(part(el, 'lead') && text(part(el, 'lead'))).to.equal(lead);
      });
    }

    it('recovery says “we will send you a code” once, and not after the code is sent', async () => {
      const { el, client } = await render('embeddedRecover');
      const said = () => (text(el.shadowRoot!.querySelector('[part~="card"]')) + text(el)).split('we will send you a code').length - 1;
      expect(said()).to.equal(1);
      client.set(steps.embeddedRecoveryCode());
      await formReady(el);
      await waitUntil(() => text(part(el, 'title')) === 'Choose a new password');
      expect(said()).to.equal(0);
      expect(text(el)).to.contain('we sent a 6-digit code');
    });

    it('the code step’s main message is body text, not smaller than the lead', async () => {
      const { el } = await render('embeddedEmailCode');
      const message = el.querySelector<HTMLElement>('.ciam-form > p.ciam-note')!;
      expect(text(message)).to.contain('We sent a 6-digit code to ada@example.com');
      const identifier = await render('embeddedIdentifier');
      const leadSize = parseFloat(getComputedStyle(part(identifier.el, 'lead')!).fontSize);
      expect(parseFloat(getComputedStyle(message).fontSize)).to.be.at.least(leadSize);
    });

    it('says in the label which field is optional, in German too', async () => {
      const { el } = await render('embeddedSignUp');
      expect(text(el.querySelector('label[for$="name"], .ciam-field:has(input[name="name"]) label'))).to.equal('Full name (optional)');
      const de = await render('embeddedSignUp', { locale: 'de' });
      await waitUntil(() => text(de.el.querySelector('.ciam-field:has(input[name="name"]) label')) === 'Vollständiger Name (optional)');
    });
  });

  describe('sign-up with an email that may already have an account', () => {
    it('says what the email holds for a new and for an existing account, and leads back to sign-in', async () => {
      const { el, client } = await render('embeddedVerifyEmail');
      expect(text(el)).to.contain(
        'We sent an email to ada@example.com. If you are new, it has a 6-digit code to confirm your address. If you already have an account, it tells you how to sign in instead.',
      );
      expect(el.querySelector('input[autocomplete="one-time-code"]')).to.be.instanceOf(HTMLInputElement);
      const back = button(el, 'Back to sign-in')!;
      expect(back.classList.contains('ciam-button'), 'a button, not a small link').to.equal(true);
      back.click();
      expect(client.calls.at(-1)).to.deep.equal({ method: 'navigate', intent: 'sign-in' });
    });
  });

  describe('when locked out', () => {
    it('says the wait in minutes and seconds and what still works', async () => {
      const { el } = await render('embeddedLocked');
      const summary = text(el.querySelector('.ciam-error'));
      // Headed by the reason, said once; then the wait.
      expect(el.querySelector('.ciam-error-title')?.textContent).to.equal('Too many attempts');
      expect(summary).to.match(/You can try again in 13 minutes and 1[12] seconds\./);
      expect(summary.match(/Too many attempts/g)).to.have.length(1);
      expect(summary).to.contain('Meanwhile you can sign in with an email code, sign in with a passkey, or reset your password.');
    });

    it('counts down each second', async () => {
      const { el } = await render('embeddedLocked');
      const before = text(el.querySelector('.ciam-error'));
      await waitUntil(() => text(el.querySelector('.ciam-error')) !== before, 'no tick', { timeout: 2500 });
      expect(text(el.querySelector('.ciam-error'))).to.match(/13 minutes and \d+ seconds/);
    });

    it('lists only what this element offers, in German too', async () => {
      const { el } = await render('embeddedLocked', { locale: 'de', noPasskeys: true });
      await waitUntil(() => text(el.querySelector('.ciam-error')).includes('Zu viele Versuche'), 'German');
      const summary = text(el.querySelector('.ciam-error'));
      expect(summary).to.match(/Sie können es in 13 Minuten und 1[12] Sekunden erneut versuchen\./);
      expect(summary).to.contain('Bis dahin können Sie sich mit einem E-Mail-Code anmelden oder Ihr Passwort zurücksetzen.');
    });
  });

  describe('other ways to sign in', () => {
    it('come after “or” as secondary buttons; “Forgot password?” stays a link by the field', async () => {
      const { el } = await render('embeddedPassword');
      const divider = el.querySelector('.ciam-divider')!;
      expect(text(divider)).to.equal('or');
      for (const name of ['Email me a code instead', 'Sign in with a passkey']) {
        const way = button(el, name)!;
        expect(way.classList.contains('ciam-button'), name).to.equal(true);
        expect(divider.compareDocumentPosition(way) & Node.DOCUMENT_POSITION_FOLLOWING, name).to.not.equal(0);
      }
      const forgot = button(el, 'Forgot password?')!;
      expect(forgot.classList.contains('ciam-link')).to.equal(true);
      expect(forgot.compareDocumentPosition(el.querySelector('button[type="submit"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    });
  });

  describe('the show-password toggle', () => {
    it('is an eye inside the field’s end, 44×44 px, next in Tab order, and says what it does', async () => {
      const { el } = await render('embeddedPassword');
      const input = el.querySelector<HTMLInputElement>('input[name="password"]')!;
      const toggle = el.querySelector<HTMLButtonElement>('.ciam-toggle')!;
      const [box, eye] = [input.getBoundingClientRect(), toggle.getBoundingClientRect()];
      expect(eye.width).to.be.at.least(44);
      expect(eye.height).to.be.at.least(44);
      expect(eye.right).to.be.closeTo(box.right, 1);
      expect(eye.top).to.be.at.least(box.top - 1);
      expect(eye.bottom).to.be.at.most(box.bottom + 1);
      expect(toggle.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
      expect(toggle.innerText.trim()).to.equal('Show password');

      input.focus();
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement).to.equal(toggle);
      await sendKeys({ press: 'Enter' });
      expect(input.type).to.equal('text');
      expect(toggle.getAttribute('aria-pressed')).to.equal('true');
      expect(toggle.innerText.trim()).to.equal('Hide password');
      expect(input.getAttribute('autocomplete'), 'password managers still see the field').to.equal('current-password');
    });
  });

  describe('contrast of control edges (WCAG 2.2 SC 1.4.11)', () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`inputs and secondary buttons have ≥ 3:1 against the card (${colorScheme})`, async () => {
        await emulateMedia({ colorScheme });
        const { el } = await render('embeddedPassword');
        const card = getComputedStyle(part(el, 'card')!).backgroundColor;
        const input = getComputedStyle(el.querySelector('input[name="password"]')!).borderTopColor;
        const secondary = getComputedStyle(button(el, 'Sign in with a passkey')!).borderTopColor;
        expect(contrast(input, card), `input ${input} on ${card}`).to.be.at.least(3);
        expect(contrast(secondary, card), `button ${secondary} on ${card}`).to.be.at.least(3);
      });
    }
  });

  describe('theme and density', () => {
    const surface = (el: CiamLogin) => getComputedStyle(part(el, 'card')!).backgroundColor;
    const [white, night] = ['rgb(255, 255, 255)', 'rgb(23, 26, 33)'];

    it('follows the visitor’s colour scheme, and `theme` fixes one either way (the light-DOM form too)', async () => {
      const { el } = await render('embeddedPassword');
      expect(surface(el)).to.equal(white);
      await emulateMedia({ colorScheme: 'dark' });
      expect(surface(el)).to.equal(night);
      el.theme = 'light';
      await el.updateComplete;
      expect(el.getAttribute('theme'), 'reflected, so page CSS can select it').to.equal('light');
      expect(surface(el)).to.equal(white);
      expect(getComputedStyle(el.querySelector('input[name="password"]')!).backgroundColor, 'the light-DOM input').to.equal(white);
      await emulateMedia({ colorScheme: 'light' });
      el.setAttribute('theme', 'dark');
      await el.updateComplete;
      expect(surface(el)).to.equal(night);
      expect(getComputedStyle(el.querySelector('input[name="password"]')!).backgroundColor).to.equal('rgb(15, 17, 21)');
    });

    it('a page’s light-dark() brand colours switch with it', async () => {
      const { el, page } = await render('embeddedPassword');
      page.style.setProperty('--ciam-color-primary', 'light-dark(rgb(10, 125, 79), rgb(95, 211, 160))');
      const primary = () => getComputedStyle(el.querySelector('button[type="submit"]')!).backgroundColor;
      expect(primary()).to.equal('rgb(10, 125, 79)');
      el.theme = 'dark';
      await el.updateComplete;
      expect(primary()).to.equal('rgb(95, 211, 160)');
    });

    it('--ciam-density scales fields and gaps, never below 24 px', async () => {
      const { el, page } = await render('embeddedPassword');
      const input = () => el.querySelector('input[name="password"]')!.getBoundingClientRect().height;
      const gap = () => parseFloat(getComputedStyle(el.querySelector('.ciam-form')!).rowGap);
      expect([input(), gap()]).to.deep.equal([44, 16]);
      page.style.setProperty('--ciam-density', '0.75');
      expect([input(), gap()]).to.deep.equal([38, 12]);
      page.style.setProperty('--ciam-density', '0.3');
      const submit = el.querySelector('button[type="submit"]')!.getBoundingClientRect().height;
      expect(Math.min(input(), submit), 'the 24 px floor').to.be.at.least(24);
      page.style.setProperty('--ciam-density', '1.25');
      expect([input(), gap()]).to.deep.equal([55, 20]);
    });
  });

  describe('on a phone', () => {
    it('gives fields at least 300 px at 390 px, and nothing overflows at 320 px', async () => {
      await setViewport({ width: 390, height: 844 });
      document.body.style.margin = '0'; // the page's own margin is the fixture's 1.5rem
      const { el, page } = await render('embeddedPassword');
      expect(el.querySelector('input[name="password"]')!.getBoundingClientRect().width).to.be.at.least(300);
      await setViewport({ width: 320, height: 640 });
      await el.updateComplete;
      const card = part(el, 'card')!;
      expect(card.getBoundingClientRect().right).to.be.at.most(page.getBoundingClientRect().right);
      for (const node of el.querySelectorAll<HTMLElement>('input, button:not(.ciam-visually-hidden)')) {
        expect(node.getBoundingClientRect().right, node.outerHTML.slice(0, 60)).to.be.at.most(card.getBoundingClientRect().right);
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      document.body.style.margin = '';
    });
  });
});
