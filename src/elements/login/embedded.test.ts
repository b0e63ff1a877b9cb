import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { scripted, steps } from '../../../test/fixtures/scripted-client.js';
import { formReady } from '../../../test/fixtures/stories.js';
import type { CiamLogin } from './login.js';
import type { BotChallenge, EmbeddedSubmit } from '../../core/embedded.js';
import type { CiamErrorData } from '../../core/errors.js';
import type { SessionState } from '../../core/states.js';
import { sha256 } from '../../core/pow.js';
import './ciam-login.js';
import '../signup/ciam-signup.js';

async function render(step: Parameters<typeof scripted>[0]) {
  const client = scripted(step);
  const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
  await formReady(el);
  return { el, client };
}
const input = (el: CiamLogin, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
/** By accessible text: what is visible, as a person reads it. */
const button = (el: CiamLogin, text: string) => [...el.querySelectorAll('button')].find((b) => b.innerText.trim() === text)!;
/** What a screen reader reads after the field's label: its hint and its error message. */
const describedBy = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '')
    .join(' | ');
const summary = (el: CiamLogin) => el.querySelector<HTMLElement>('.ciam-error[role="alert"]');
const submits = (client: { calls: { method: string }[] }) => client.calls.filter((c) => c.method === 'submit');
/** Types into a field as a person does (keystrokes, input events). */
async function type(field: HTMLInputElement, text: string) {
  field.focus();
  await sendKeys({ type: text });
}
/** Renders with a locale and waits until its catalog speaks. */
async function renderIn(step: Parameters<typeof scripted>[0], locale: string, tag = 'ciam-login') {
  const client = scripted(step);
  const el = document.createElement(tag) as CiamLogin;
  Object.assign(el, { client, locale });
  await fixture(html`${el}`);
  await formReady(el);
  return { el, client };
}

describe('<ciam-login> in embedded mode', () => {
  it('renders a real light-DOM form that autofill finds, with a submit button, slotted into the card', async () => {
    const { el } = await render('embeddedIdentifier');
    const field = [...document.querySelectorAll<HTMLInputElement>('input[autocomplete]')].find((i) => el.contains(i))!;
    expect(field.getAttribute('autocomplete')).to.equal('username webauthn');
    expect(field.closest('form')!.querySelector('button[type="submit"]')).to.be.instanceOf(HTMLButtonElement);
    expect(el.shadowRoot!.querySelector('slot[name="form"]')).to.be.instanceOf(HTMLSlotElement);
    expect(document.querySelector(`label[for="${field.id}"]`)!.textContent).to.equal('Email');
  });

  it('asks for passkey autofill while the email step shows, and not on later steps or while it runs', async () => {
    const { el, client } = await render('embeddedIdentifier');
    expect(client.calls.filter((c) => c.method === 'autofill')).to.have.length.greaterThan(0);
    const asked = () => client.calls.filter((c) => c.method === 'autofill').length;
    const before = asked();
    const identifier = steps.embeddedIdentifier();
    client.set({ ...identifier, autofill: { stage: 'waiting', attempt: 1 } } as typeof identifier);
    await el.updateComplete;
    client.set(steps.embeddedPassword());
    await el.updateComplete;
    expect(asked()).to.equal(before);
  });

  it('no-passkeys: neither the passkey button nor autofill', async () => {
    const client = scripted('embeddedIdentifier');
    const el = await fixture<CiamLogin>(html`<ciam-login no-passkeys .client=${client}></ciam-login>`);
    await formReady(el);
    expect(button(el, 'Sign in with a passkey')).to.equal(undefined);
    expect(button(el, 'Continue')).to.be.instanceOf(HTMLButtonElement);
    expect(client.calls.some((c) => c.method === 'autofill')).to.equal(false);
  });

  it('submits the identifier with Enter', async () => {
    const { el, client } = await render('embeddedIdentifier');
    input(el, 'username').focus();
    await sendKeys({ type: 'ada@example.com' });
    await sendKeys({ press: 'Enter' });
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'identifier', username: 'ada@example.com' } });
  });

  it('asks for the password with current-password and a show-password toggle', async () => {
    const { el, client } = await render('embeddedPassword');
    const password = input(el, 'password');
    expect(password.getAttribute('autocomplete')).to.equal('current-password');
    expect(el.textContent).to.contain('Signing in as ada@example.com');
    password.value = 'correct horse';
    button(el, 'Show password').click();
    expect(password.type).to.equal('text');
    expect(button(el, 'Hide password').getAttribute('aria-pressed')).to.equal('true');
    client.set(steps.embeddedWrongPassword()); // a re-render keeps the toggle working
    await el.updateComplete;
    expect(password.type).to.equal('text');
    button(el, 'Hide password').click();
    expect(password.type).to.equal('password');
    password.form!.requestSubmit();
    expect(client.calls.at(-1)!.submit).to.deep.equal({ kind: 'password', password: 'correct horse' });
  });

  it('after a wrong password: the error summary gets focus, the field is marked, the typed text stays', async () => {
    const { el, client } = await render('embeddedPassword');
    input(el, 'password').value = 'wrong but kept';
    client.set(steps.embeddedWrongPassword());
    await el.updateComplete;
    const summary = el.querySelector<HTMLElement>('[role="alert"]')!;
    expect(summary.textContent).to.contain('Wrong email or password.');
    expect(document.activeElement, 'focus on the error summary').to.equal(summary);
    expect(input(el, 'password').value).to.equal('wrong but kept');
    expect(input(el, 'password').getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(input(el, 'password')), 'the message under the field').to.contain('Wrong email or password.');
    expect(summary.querySelector('a')!.getAttribute('href'), 'the summary links to the field').to.equal(`#${input(el, 'password').id}`);
  });

  it('does not submit twice while a request is pending', async () => {
    const { el, client } = await render('embeddedPending');
    const submit = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit.disabled).to.equal(true);
    input(el, 'password').form!.requestSubmit();
    expect(client.calls.filter((c) => c.method === 'submit')).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.equal('Checking…');
  });

  it('asks for the email code with one-time-code and a numeric keyboard, and counts down to resend', async () => {
    const { el } = await render('embeddedEmailCode');
    const code = input(el, 'code');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.getAttribute('inputmode')).to.equal('numeric');
    expect(el.textContent).to.match(/You can ask for a new code in (29|30) seconds\./);
  });

  it('shows the rate limit with its countdown and holds the submit button until it ends', async () => {
    const { el } = await render('embeddedRateLimited');
    expect(el.querySelector('[role="alert"]')!.textContent).to.match(/try again in (41|42) seconds/);
    expect(el.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).to.equal(true);
  });

  it('heads a lockout "Too many attempts", not the generic "There is a problem" (it is not the user\'s mistake), in German too', async () => {
    const { el } = await render('embeddedRateLimited');
    expect(el.querySelector('.ciam-error-title')!.textContent).to.equal('Too many attempts');
    const { el: de } = await renderIn('embeddedRateLimited', 'de');
    await waitUntil(() => de.querySelector('.ciam-error-title')?.textContent === 'Zu viele Versuche', 'German title');
    // A wrong password is the user's to fix: the generic title stays.
    const { el: wrong } = await render('embeddedWrongPassword');
    expect(wrong.querySelector('.ciam-error-title')!.textContent).to.equal('There is a problem');
  });

  it("in German at 390 px, the password step's other ways are one line each, as tall as each other", async () => {
    await setViewport({ width: 390, height: 844 });
    document.body.style.margin = '16px'; // the page's gutter, as the visual suite draws it
    try {
      const { el } = await renderIn('embeddedPassword', 'de');
      await waitUntil(() => button(el, 'Code per E-Mail senden'), 'German');
      const heights = ['Code per E-Mail senden', 'Mit Passkey anmelden'].map((name) => button(el, name).getBoundingClientRect().height);
      expect(heights[0]).to.be.closeTo(heights[1], 0.5);
      expect(heights[0], 'one line').to.be.below(50);
    } finally {
      document.body.style.margin = '';
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('sign-up uses new-password, explains the rule, and shows why a password was refused', async () => {
    const { el } = await render('embeddedWeakPassword');
    expect(input(el, 'password').getAttribute('autocomplete')).to.equal('new-password');
    expect(input(el, 'password').getAttribute('minlength')).to.equal('15');
    expect(el.textContent).to.contain('At least 15 characters');
    expect(el.querySelector('[role="alert"]')!.textContent).to.contain('lists of common or breached passwords');
  });

  it('recovery says the same thing whether or not the account exists', async () => {
    const { el } = await render('embeddedRecoveryCode');
    expect(el.textContent).to.contain('If an account exists for ada@example.com, we sent a 6-digit code to it.');
    expect(input(el, 'password').getAttribute('autocomplete')).to.equal('new-password');
  });

  it('switches to sign-up and to recovery through the client', async () => {
    const { el, client } = await render('embeddedPassword');
    button(el, 'Forgot password?').click();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'navigate', intent: 'recover' });
  });

  it('step-up: asks to confirm it is you, without recovery or another email, and can be cancelled', async () => {
    const { el, client } = await render('stepUpPassword');
    expect(el.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.equal('Confirm it’s you');
    expect(el.getAttribute('state')).to.equal('reauthenticating');
    expect(button(el, 'Forgot password?')).to.equal(undefined);
    expect(button(el, 'Use another email')).to.equal(undefined);
    button(el, 'Cancel').click();
    expect(client.calls.at(-1)!.method).to.equal('cancelStepUp');
  });

  it('offers "Sign in with a passkey" beside the email field and starts the ceremony from it', async () => {
    const { el, client } = await render('embeddedIdentifier');
    input(el, 'username').value = 'ada@example.com';
    button(el, 'Sign in with a passkey').click();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'passkey', username: 'ada@example.com' } });
  });

  it('while the browser asks for the passkey: says so, and offers another way', async () => {
    const { el, client } = await render('embeddedPasskeyPrompt');
    expect(el.textContent).to.contain('Follow your browser’s prompt to use your passkey.');
    button(el, 'Use another way to sign in').click();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'navigate', intent: 'sign-in' });
  });

  it('after a timed-out prompt: a clear message and the button again', async () => {
    const { el } = await render('embeddedPasskeyFailed');
    expect(el.querySelector('[role="alert"]')!.textContent).to.contain('The passkey prompt timed out.');
    expect(button(el, 'Sign in with a passkey')).to.be.instanceOf(HTMLButtonElement);
  });

  describe('the kit checks the fields itself: no browser bubbles', () => {
    it('every form it renders is novalidate', async () => {
      const all = [
        'embeddedIdentifier',
        'embeddedPassword',
        'embeddedEmailCode',
        'embeddedSignUp',
        'embeddedVerifyEmail',
        'embeddedRecover',
        'embeddedRecoveryCode',
        'embeddedPasskeyFailed',
      ] as const;
      for (const step of all) {
        const { el } = await render(step);
        const forms = [...el.querySelectorAll('form')];
        expect(forms.length, step).to.be.greaterThan(0);
        for (const form of forms) expect(form.noValidate, step).to.equal(true);
      }
    });

    it('an empty email: the kit’s message under the field and in the summary, focus on the summary, nothing sent', async () => {
      const { el, client } = await render('embeddedIdentifier');
      button(el, 'Continue').click();
      await el.updateComplete;
      expect(submits(client)).to.have.length(0);
      const email = input(el, 'username');
      expect(summary(el)!.textContent).to.contain('Enter your email address.');
      expect(describedBy(email)).to.contain('Enter your email address.');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(document.activeElement === summary(el), 'focus on the summary').to.equal(true);
    });

    it('an email without a dot in its domain (ada@example) is refused before sending; the typed text stays', async () => {
      const { el, client } = await render('embeddedIdentifier');
      await type(input(el, 'username'), 'ada@example');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(submits(client)).to.have.length(0);
      expect(summary(el)!.textContent).to.contain('Enter a valid email address, like name@example.com.');
      expect(describedBy(input(el, 'username'))).to.contain('Enter a valid email address');
      expect(input(el, 'username').value).to.equal('ada@example');
      // Fixed, it goes through, and the problem is gone.
      input(el, 'username').value = 'ada@example.com';
      button(el, 'Continue').click();
      await el.updateComplete;
      expect(submits(client).at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'identifier', username: 'ada@example.com' } });
      expect(summary(el) === null, 'no summary').to.equal(true);
      expect(input(el, 'username').getAttribute('aria-invalid')).to.equal('false');
    });

    it('speaks German: empty and invalid email, too short a password', async () => {
      const { el } = await renderIn('embeddedIdentifier', 'de');
      await waitUntil(() => button(el, 'Weiter'), 'the German catalog', { timeout: 5000 });
      button(el, 'Weiter').click();
      await el.updateComplete;
      expect(summary(el)!.textContent).to.contain('Geben Sie Ihre E-Mail-Adresse ein.');
      expect(summary(el)!.textContent).to.contain('Es gibt ein Problem');
      const signup = await renderIn('embeddedSignUp', 'de', 'ciam-signup');
      await waitUntil(() => button(signup.el, 'Konto erstellen'), 'the German catalog', { timeout: 5000 });
      input(signup.el, 'email').value = 'ada@example';
      input(signup.el, 'password').value = 'password123';
      button(signup.el, 'Konto erstellen').click();
      await signup.el.updateComplete;
      expect(describedBy(input(signup.el, 'email'))).to.contain('Geben Sie eine gültige E-Mail-Adresse ein');
      expect(describedBy(input(signup.el, 'password'))).to.contain('Verwenden Sie mindestens 15 Zeichen.');
      expect(summary(signup.el)!.querySelectorAll('a')).to.have.length(2);
    });

    it('sign-up: password123 gets the policy’s message (not the browser’s minlength), passwordpassword reaches the OP’s', async () => {
      const { el, client } = await render('embeddedSignUp');
      input(el, 'email').value = 'grace@example.com';
      await type(input(el, 'password'), 'password123');
      button(el, 'Create account').click();
      await el.updateComplete;
      expect(submits(client)).to.have.length(0);
      expect(input(el, 'password').validity.valid, 'the browser would not have let it through').to.equal(false);
      expect(summary(el)!.textContent).to.contain('Use at least 15 characters.');
      expect(describedBy(input(el, 'password'))).to.contain('Use at least 15 characters.');
      expect(input(el, 'password').value).to.equal('password123');

      input(el, 'password').value = 'passwordpassword';
      button(el, 'Create account').click();
      expect(submits(client).at(-1)!).to.deep.equal({
        method: 'submit',
        submit: { kind: 'signup', email: 'grace@example.com', password: 'passwordpassword', name: undefined },
      });
      client.set(steps.embeddedWeakPassword()); // the OP: common
      await el.updateComplete;
      expect(describedBy(input(el, 'password'))).to.contain('lists of common or breached passwords');
      expect(summary(el)!.querySelector('a')!.textContent).to.contain('lists of common or breached passwords');
    });

    it('empty fields of later steps: password and code, and a code that is not 6 digits', async () => {
      const password = await render('embeddedPassword');
      button(password.el, 'Sign in').click();
      await password.el.updateComplete;
      expect(describedBy(input(password.el, 'password'))).to.contain('Enter your password.');
      expect(submits(password.client)).to.have.length(0);
      const code = await render('embeddedEmailCode');
      button(code.el, 'Verify').click();
      await code.el.updateComplete;
      expect(describedBy(input(code.el, 'code'))).to.contain('Enter the code from the email.');
      input(code.el, 'code').value = '12a4';
      button(code.el, 'Verify').click();
      await code.el.updateComplete;
      expect(describedBy(input(code.el, 'code'))).to.contain('Enter the 6 digits from the email.');
      expect(submits(code.client)).to.have.length(0);
    });

    it('recovery: the new password is checked before the code is used up', async () => {
      const { el, client } = await render('embeddedRecoveryCode');
      input(el, 'code').value = '123456';
      input(el, 'password').value = 'short one';
      button(el, 'Set new password').click();
      await el.updateComplete;
      expect(submits(client)).to.have.length(0);
      expect(describedBy(input(el, 'password'))).to.contain('Use at least 15 characters.');
    });

    it('a new password shows how many characters are still needed as it is typed; screen readers hear it once typing pauses', async () => {
      const { el } = await render('embeddedSignUp');
      const password = input(el, 'password');
      const shown = el.querySelector('.ciam-length')!;
      const said = el.querySelector('.ciam-length + [role="status"]')!;
      expect(shown.textContent).to.equal('');
      await type(password, 'abc');
      expect(shown.textContent).to.equal('12 more characters');
      expect(said.textContent, 'not announced on each keystroke').to.equal('');
      await type(password, 'defghijklmn');
      expect(shown.textContent).to.equal('1 more character');
      await type(password, 'o');
      expect(shown.textContent).to.equal('Long enough');
      await waitUntil(() => said.textContent === 'Long enough', 'announced after the pause', { timeout: 3000 });
      expect(describedBy(password), 'read with the field').to.contain('Long enough');
    });

    it('each summary message is a link that moves focus to its field', async () => {
      const { el } = await render('embeddedSignUp');
      input(el, 'email').value = '';
      button(el, 'Create account').click();
      await el.updateComplete;
      const links = [...summary(el)!.querySelectorAll('a')];
      expect(links.map((a) => a.textContent)).to.deep.equal(['Enter your email address.', 'Use at least 15 characters.']);
      links[1].click();
      expect(document.activeElement === input(el, 'password')).to.equal(true);
      expect(location.hash, 'the page’s URL stays').to.equal('');
      // By keyboard: from the summary, Tab to the first link, Enter.
      summary(el)!.focus();
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === links[0]).to.equal(true);
      await sendKeys({ press: 'Enter' });
      expect(document.activeElement === input(el, 'email')).to.equal(true);
    });
  });
});

describe('the OP’s bot check on an embedded form', () => {
  const signUp = steps.embeddedSignUp();
  const flowOf = (state: SessionState) => (state as Extract<SessionState, { name: 'signed-out' }>).flow!;
  const asked = (botCheck: BotChallenge, error?: CiamErrorData) =>
    ({ ...signUp, flow: { ...flowOf(signUp), botCheck, ...(error ? { error } : {}) } }) as SessionState;

  async function filledSignUp() {
    const { el, client } = await render('embeddedSignUp');
    input(el, 'email').value = 'new@example.com';
    input(el, 'password').value = 'a long and quiet passphrase';
    button(el, 'Create account').click();
    await el.updateComplete;
    expect(submits(client)).to.have.length(1);
    return { el, client };
  }

  it('proof of work: says it is checking, then sends the form again as typed, with a proof the OP can verify', async () => {
    const { el, client } = await filledSignUp();
    const challenge = `${'s'.repeat(22)}.1765000000.10.${'m'.repeat(43)}`;
    client.set(asked({ type: 'pow', challenge, difficulty: 10 }));
    await el.updateComplete;
    await waitUntil(() => el.querySelector('.ciam-bot-check[role="status"]'), 'the check is announced');
    expect(el.querySelector('.ciam-bot-check')!.textContent).to.equal('Checking that you are a person, not a program. This takes a moment.');
    await waitUntil(() => submits(client).length === 2, 'sent again', { timeout: 5000 });
    const again = (submits(client)[1] as unknown as { submit: EmbeddedSubmit }).submit;
    expect({ ...again, botProof: undefined }).to.deep.equal({
      kind: 'signup',
      email: 'new@example.com',
      password: 'a long and quiet passphrase',
      name: undefined,
      botProof: undefined,
    });
    const [type, sent, n] = again.botProof!.split(':');
    expect([type, sent]).to.deep.equal(['pow', challenge]);
    expect(sha256(`${challenge}:${n}`)[0], 'ten zero bits: the first byte is 0').to.equal(0);
    expect(sha256(`${challenge}:${n}`)[1]).to.be.below(64);
  });

  it('a provider’s widget: renders in the form (its script already on the page: nothing is fetched), and its token is the proof', async () => {
    const rendered: { sitekey?: unknown; container?: HTMLElement }[] = [];
    const api = {
      render(container: HTMLElement, options: { sitekey: unknown; callback: (token: string) => void }) {
        rendered.push({ sitekey: options.sitekey, container });
        setTimeout(() => options.callback('widget-token'), 10);
      },
    };
    (window as unknown as { turnstile?: unknown }).turnstile = api;
    try {
      const { el, client } = await filledSignUp();
      client.set(asked({ type: 'turnstile', siteKey: 'site-1' }));
      await waitUntil(() => rendered.length === 1, 'the widget rendered');
      expect(rendered[0].sitekey).to.equal('site-1');
      expect(rendered[0].container!.closest('form')).to.equal(input(el, 'email').closest('form'));
      expect(el.querySelector('.ciam-bot-check')!.textContent).to.contain('Confirm that you are a person to continue.');
      await waitUntil(() => submits(client).length === 2, 'sent again');
      expect((submits(client)[1] as unknown as { submit: EmbeddedSubmit }).submit.botProof).to.equal('turnstile:widget-token');
    } finally {
      delete (window as unknown as { turnstile?: unknown }).turnstile;
    }
  });

  it('a refused proof says so; after three refusals in a row it stops and leaves the next try to the user', async () => {
    const { el, client } = await filledSignUp();
    for (let round = 1; round <= 4; round++) {
      client.set(asked({ type: 'pow', challenge: `c${round}.1765000000.1.m`, difficulty: 1 }, round > 1 ? { code: 'bot_check_failed' } : undefined));
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 100));
      client.set({ ...signUp, flow: { ...flowOf(signUp), pending: true } } as SessionState); // the OP is asked again
      await el.updateComplete;
    }
    expect(submits(client)).to.have.length(4, 'the first submit and three automatic ones');
    client.set(asked({ type: 'pow', challenge: 'c5.1765000000.1.m', difficulty: 1 }, { code: 'bot_check_failed' }));
    await el.updateComplete;
    expect(summary(el)!.textContent).to.contain('We could not confirm that this request comes from a person. Try again.');
  });
});

describe('a long email on the later steps', () => {
  const long = 'firstname.middlename.lastname.department@subsidiary.examplecompany.co.uk';

  it('wraps only after the @ and before dots at 390 px, never inside a part, and keeps its own direction', async () => {
    await setViewport({ width: 390, height: 800 });
    try {
      const { el, client } = await render('embeddedPassword');
      const state = steps.embeddedPassword();
      if (state.name === 'signed-out' && state.flow) state.flow = { ...state.flow, username: long };
      client.set(state);
      await el.updateComplete;
      const email = el.querySelector<HTMLElement>('.ciam-identity .ciam-email')!;
      expect(email.tagName).to.equal('BDI');
      expect(email.textContent).to.equal(long);
      // Each piece between two break points is a text node drawn on one line box.
      const pieces = [...email.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent);
      expect(pieces.map((node) => node.textContent)).to.deep.equal([
        'firstname',
        '.middlename',
        '.lastname',
        '.department@',
        'subsidiary',
        '.examplecompany',
        '.co',
        '.uk',
      ]);
      const lines = new Set<number>();
      for (const node of pieces) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const boxes = [...range.getClientRects()].filter((rect) => rect.width > 0);
        expect(boxes.length, `"${node.textContent}" broke inside`).to.equal(1);
        lines.add(Math.round(boxes[0].top));
      }
      expect(lines.size, 'it does wrap at this width').to.be.greaterThan(1);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
