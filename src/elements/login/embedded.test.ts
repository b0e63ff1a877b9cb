import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { scripted, steps } from '../../../test/fixtures/scripted-client.js';
import { formReady } from '../../../test/fixtures/stories.js';
import type { CiamLogin } from './login.js';
import './ciam-login.js';

async function render(step: Parameters<typeof scripted>[0]) {
  const client = scripted(step);
  const el = await fixture<CiamLogin>(html`<ciam-login .client=${client}></ciam-login>`);
  await formReady(el);
  return { el, client };
}
const input = (el: CiamLogin, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
/** By accessible text: what is visible, as a person reads it. */
const button = (el: CiamLogin, text: string) => [...el.querySelectorAll('button')].find((b) => b.innerText.trim() === text)!;

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
    expect(input(el, 'password').getAttribute('aria-describedby')).to.contain(summary.id);
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
    expect(el.textContent).to.match(/You can ask for a new code in (29|30) s\./);
  });

  it('shows the rate limit with its countdown and holds the submit button until it ends', async () => {
    const { el } = await render('embeddedRateLimited');
    expect(el.querySelector('[role="alert"]')!.textContent).to.match(/try again in (41|42) seconds/);
    expect(el.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).to.equal(true);
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
    expect(el.textContent).to.contain('If an account exists for ada@example.com, we sent a code to it.');
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
});
