/**
 * The steps after the first submit (password, codes, passkey prompt): loaded
 * by <ciam-login> on the user's first action, so the first paint carries only
 * the opening views (bundle budget, docs/decisions.md).
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { CountdownController } from './controllers/countdown.js';
import { BotCheckController, type BotCheckHost } from './controllers/bot-check.js';
import { LinkWaitController } from './controllers/link-wait.js';
import type { EmbeddedFlow, EmbeddedSubmit } from '../../core/embedded.js';
import type { MessageId } from '../../i18n/index.js';
import { emailBreakParts } from '../../core/email.js';
import { textField } from '../shared/forms.js';
import { passwordField } from '../shared/forms-later.js';
import { formatDuration } from '../../i18n/duration.js';
import { MAX_PASSWORD_LENGTH, minPasswordLength, passwordLength } from '../../core/policy/password.js';
import { checkField, type FieldProblem } from '../shared/checks.js';
import {
  backToGuest,
  checks,
  divider,
  emailField,
  fieldError,
  fieldText,
  form,
  lockout,
  passkeyButton,
  secondsUntil,
  submit,
  switchIntent,
  type EmbeddedView,
  type FormNote,
} from './embedded.js';

// Their messages come with them.
export { enSteps } from '../../i18n/en-steps.js';
/**
 * What the later steps run on their own, made once they have loaded: the countdowns (resend, Retry-After),
 * the OP's bot check (it answers a submit: `resend` sends that submit again with the proof), and the
 * sign-in link's status requests. The element reads the bot check's status for the form.
 */
export function stepControllers(host: ReactiveControllerHost, options: BotCheckHost & { submit(submit: EmbeddedSubmit): void }) {
  const flow = () => options.flow();
  new CountdownController(host, flow);
  new LinkWaitController(host, flow, () => options.submit({ kind: 'link-status' }));
  return new BotCheckController(host, options);
}

/** "13 minutes and 12 seconds": the time until `at`, in the catalog's language (`form.locale`), not the page's. */
function waitText(at: number, view: Pick<EmbeddedView, 'msg' | 'now'>): string {
  return formatDuration(secondsUntil(at, view.now), view.msg('form.locale'));
}

/** While locked out of this way to sign in: the other ways this element offers here (the OP limits each way on its own). */
function meanwhileText(view: EmbeddedView): string {
  const { flow } = view;
  const signIn = flow.intent === 'sign-in' && !view.cancel;
  const ways = [
    signIn && flow.step === 'password' && flow.methods.includes('email_code') ? view.msg('login.meanwhile.emailCode') : '',
    signIn && view.passkeys ? view.msg('login.meanwhile.passkey') : '',
    signIn ? view.msg('login.meanwhile.recover') : '',
  ].filter(Boolean);
  if (!ways.length) return '';
  return view.msg('login.meanwhile', { ways: new Intl.ListFormat(view.msg('form.locale'), { type: 'disjunction' }).format(ways) });
}

lockout.wait = (at, view) => view.msg('error.rate_limited.wait', { time: waitText(at, view) });
lockout.meanwhile = meanwhileText;

// Every field's constraints, with the kit's message for each (the opening views' email check until now).
checks.field = (view, input) => {
  const problem = checkField(input);
  return problem ? problemText(view, input, problem) : '';
};

function problemText(view: EmbeddedView, input: HTMLInputElement, problem: FieldProblem): string {
  if (problem === 'email') return view.msg('error.invalid_email');
  if (input.autocomplete === 'new-password')
    return view.msg(problem === 'long' ? 'password.too_long' : 'password.too_short', { min: minPasswordLength(), max: MAX_PASSWORD_LENGTH });
  if (input.name === 'code') return view.msg(problem === 'required' ? 'form.code.required' : 'form.code.invalid');
  return view.msg(input.name === 'password' ? 'form.password.required' : 'form.email.required');
}

/**
 * The card's title and lead for the step on screen: each step says what it asks for ("Enter your
 * password", "Check your email"). An empty lead is left out: the code steps say where the code went
 * in the form itself, as its main message (a status that focus can move to after "Send a new code").
 * Step-up keeps its own ("Confirm it's you") while it asks for the password.
 */
export function stepHeader(flow: EmbeddedFlow, msg: EmbeddedView['msg']): [string, string] {
  if (flow.stepUp && (flow.step === 'identifier' || flow.step === 'password')) return [msg('stepup.title'), msg('stepup.lead')];
  switch (flow.step) {
    case 'password':
      return [msg('login.passwordTitle'), ''];
    case 'email-code':
    case 'email-link':
    case 'verify-email':
      return [msg('login.codeTitle'), ''];
    case 'recovery-code':
      return [msg('recovery.codeTitle'), ''];
    case 'passkey':
      return [msg('login.passkey'), ''];
    case 'guest-merge':
      return [msg('guest.mergeTitle'), ''];
    case 'signup':
      return [msg('signup.title'), msg('signup.lead')];
    case 'recover':
      return [msg('recovery.title'), msg('recovery.lead')];
    default:
      return [msg('login.title'), msg('login.lead')];
  }
}

/**
 * A lockout is not the user's mistake: its summary says "Too many attempts", not the generic "There is a
 * problem" (on every step: the opening one's form() asks this hook). The form's own field checks keep theirs.
 */
lockout.title = (view) => {
  const checked = view.note.problems && view.note.step === view.flow.step;
  return view.flow.error?.code === 'rate_limited' && !checked ? view.msg('error.rate_limited.title') : undefined;
};

export function renderLaterStep(view: EmbeddedView) {
  switch (view.flow.step) {
    case 'signup':
      return signupStep(view);
    case 'password':
      return passwordStep(view);
    case 'email-code':
    case 'verify-email':
      return codeStep(view);
    case 'email-link':
      return linkStep(view);
    case 'guest-merge':
      return guestMergeStep(view);
    case 'recovery-code':
      return recoveryCodeStep(view);
    case 'passkey':
      return passkeyStep(view);
    default:
      return nothing;
  }
}

/** Lets password managers pair the password with the account on steps that do not show the email field. */
function hiddenUsername(view: EmbeddedView, autocomplete = 'username') {
  return html`<input class="ciam-visually-hidden" type="email" name="username" autocomplete=${autocomplete} .defaultValue=${view.flow.username} readonly tabindex="-1" aria-hidden="true" />`;
}

/**
 * A message naming the email: the address in its own direction (`<bdi>`, for right-to-left pages) and
 * breakable only after the @ and before each dot, so a long address wraps there, not mid-word.
 */
function withEmail(view: EmbeddedView, message: MessageId) {
  const marker = '\u0000';
  const [before = '', after = ''] = view.msg(message, { email: marker }).split(marker);
  return html`${before}<bdi class="ciam-email">${emailBreakParts(view.flow.username).map((part, i) => (i ? html`<wbr />${part}` : part))}</bdi>${after}`;
}

function identity(view: EmbeddedView, message: MessageId) {
  return html`<p class="ciam-identity">
    <span>${withEmail(view, message)}</span>
    ${view.cancel ? nothing : changeEmail(view)}
  </p>`;
}

function changeEmail(view: EmbeddedView) {
  if (view.cancel) return html`<button class="ciam-link" type="button" @click=${view.cancel}>${view.msg('stepup.cancel')}</button>`;
  return html`<button class="ciam-link" type="button" @click=${() => view.navigate(view.flow.intent)}>${view.msg('login.changeEmail')}</button>`;
}

function passwordStep(view: EmbeddedView) {
  const body = html`${hiddenUsername(view)}
    ${passwordField({
      id: view.ids.password,
      name: 'password',
      label: view.msg('form.password.label'),
      autocomplete: 'current-password',
      error: fieldError(view, view.ids.password),
      showLabel: view.msg('form.password.show'),
      hideLabel: view.msg('form.password.hide'),
    })}
    ${
      view.cancel
        ? nothing
        : html`<div class="ciam-links ciam-forgot"><button class="ciam-link" type="button" @click=${() => view.navigate('recover')}>${view.msg('login.forgotPassword')}</button></div>`
    }
    ${submit(view, 'login.signIn')} ${otherWays(view)} ${view.cancel ? html`<div class="ciam-links">${changeEmail(view)}</div>` : nothing}`;
  return form(view, (data) => ({ kind: 'password', password: fieldText(data, 'password') }), body, identity(view, 'login.signingInAs'));
}

/** The other ways to sign in from the password step, after "or": secondary buttons (real choices, not small links). */
function otherWays(view: EmbeddedView) {
  const ways = [
    view.flow.methods.includes('email_code')
      ? html`<button class="ciam-button" type="button" ?disabled=${view.flow.pending} @click=${() => view.submit({ kind: 'send-code' })}>${view.msg('login.useEmailCode')}</button>`
      : nothing,
    view.flow.methods.includes('email_link')
      ? html`<button class="ciam-button" type="button" ?disabled=${view.flow.pending} @click=${() => void sendLink(view)}>${view.msg('login.useEmailLink')}</button>`
      : nothing,
    view.passkeys && !view.cancel ? passkeyButton(view) : nothing,
  ].filter((way) => way !== nothing);
  return ways.length ? [divider(view), ...ways] : nothing;
}

function codeField(view: EmbeddedView) {
  return textField({
    id: view.ids.code,
    name: 'code',
    label: view.msg('form.code.label'),
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    pattern: '[0-9]{6}',
    maxlength: 6,
    error: fieldError(view, view.ids.code),
  });
}

/**
 * "Send a new code" (or link), or its countdown. Recovery starts over with the same email (a fresh code and
 * session); a link goes with a new verifier (sendLink).
 */
function resend(view: EmbeddedView, again: EmbeddedSubmit = { kind: 'send-code' }, [label, wait]: [MessageId, MessageId] = ['login.resend', 'login.resendIn']) {
  const at = view.flow.resendAvailableAtMs ?? 0;
  if (secondsUntil(at, view.now) > 0) return html`<p class="ciam-note">${view.msg(wait, { time: waitText(at, view) })}</p>`;
  const note = { step: view.flow.step, resent: true };
  const send = again.kind === 'send-link' ? () => void sendLink(view, note) : () => view.submit(again, note);
  return html`<button class="ciam-link" type="button" ?disabled=${view.flow.pending} @click=${send}>${view.msg(label)}</button>`;
}

/**
 * Asks for a sign-in link with the SHA-256 of a new verifier this browser keeps (client/email-link.ts): the
 * link's page finds it and approves at once when opened here. Without it, the page asks first.
 */
async function sendLink(view: EmbeddedView, note?: FormNote) {
  const linkChallenge = await import('../../client/email-link.js').then(
    (m) => m.rememberLinkVerifier(),
    () => undefined,
  );
  view.submit({ kind: 'send-link', ...(linkChallenge ? { linkChallenge } : {}) }, note);
}

/**
 * What was sent where. After "Send a new code" it says a new code went out, and focus moves to it
 * (controllers/focus.ts): the button is gone by then (a countdown shows), and a screen reader user hears
 * the confirmation at once, then Tab goes on to the code field.
 */
function sentNote(view: EmbeddedView, sent: MessageId, resent: MessageId) {
  const again = view.note.resent && view.note.step === view.flow.step && !view.flow.error;
  return html`<p class="ciam-note ciam-sent" role="status" tabindex="-1">${withEmail(view, again ? resent : sent)}</p>`;
}

function codeStep(view: EmbeddedView) {
  const sent = view.flow.step === 'verify-email' ? 'signup.codeSent' : 'login.codeSent';
  // Sign-up: the email may have gone to someone who already has an account; it says to sign in instead, and so does a button here.
  const signIn =
    view.flow.step === 'verify-email'
      ? html`<button class="ciam-button" type="button" @click=${() => view.navigate('sign-in')}>${view.msg('login.backToSignIn')}</button>`
      : nothing;
  const body = html`${hiddenUsername(view)} ${codeField(view)} ${submit(view, 'login.verify')} ${signIn}
    <div class="ciam-links">${resend(view)} ${changeEmail(view)}</div>`;
  return form(view, (data) => ({ kind: 'code', code: fieldText(data, 'code').trim() }), body, sentNote(view, sent, 'login.codeResent'));
}

/**
 * A sign-in link is out: this page waits for it (controllers/link-wait.ts asks the OP) and signs in once
 * the link is opened, here or on another device. Nothing to type; a new link, or another email.
 */
function linkStep(view: EmbeddedView) {
  const expired = view.flow.error?.code === 'link_expired';
  const waiting = expired
    ? nothing
    : html`<p class="ciam-note ciam-link-waiting"><span class="ciam-spinner" aria-hidden="true"></span> ${view.msg('login.linkWaiting')}</p>`;
  const body = html`${waiting}
    <div class="ciam-links">${resend(view, { kind: 'send-link' }, ['login.resendLink', 'login.resendLinkIn'])} ${changeEmail(view)}</div>`;
  return form(view, () => ({ kind: 'send-link' }), body, sentNote(view, 'login.linkSent', 'login.linkResent'));
}

/**
 * A guest signed in to an existing account: what the guest saved moves into it, or stays behind (the OP
 * then tells the app's server, which moves it). The user is already verified; this only chooses.
 */
function guestMergeStep(view: EmbeddedView) {
  const what = view.guestData || view.msg('guest.mergeWhat');
  const body = html`<p class="ciam-note ciam-sent" tabindex="-1">${view.msg('guest.mergeLead', { what })}</p>
    ${submit(view, 'guest.move')}
    <button class="ciam-button" type="button" ?disabled=${view.flow.pending} @click=${() => view.submit({ kind: 'guest-merge', move: false })}>${view.msg('guest.keep')}</button>`;
  return form(view, () => ({ kind: 'guest-merge', move: true }), body);
}

function recoveryCodeStep(view: EmbeddedView) {
  const body = html`${hiddenUsername(view)} ${codeField(view)} ${newPasswordField(view, 'recovery.newPassword')} ${submit(view, 'recovery.reset')}
    <div class="ciam-links">${resend(view, { kind: 'recover', email: view.flow.username })}
      <button class="ciam-link" type="button" @click=${() => view.navigate('sign-in')}>${view.msg('login.backToSignIn')}</button></div>`;
  return form(
    view,
    (data) => ({ kind: 'recovery-code', code: fieldText(data, 'code').trim(), newPassword: fieldText(data, 'password') }),
    body,
    sentNote(view, 'recovery.codeSent', 'recovery.codeResent'),
    lengthHint(view),
  );
}

// Sign-up lives here too, not with the opening views: a new password's check, count and messages stay out of the first paint.
function signupStep(view: EmbeddedView) {
  const body = html`${textField({ id: view.ids.name, name: 'name', label: view.msg('form.name.label'), autocomplete: 'name', required: false })}
    ${emailField(view, 'email')} ${newPasswordField(view, 'form.password.label')} ${submit(view, 'signup.submit')}
    ${switchIntent(view, 'signup.haveAccount', 'sign-in', 'login.signIn')} ${backToGuest(view)}`;
  return form(
    view,
    (data) => ({
      kind: 'signup',
      email: fieldText(data, 'email').trim(),
      password: fieldText(data, 'password'),
      name: fieldText(data, 'name').trim() || undefined,
    }),
    body,
    undefined,
    lengthHint(view),
  );
}

/** minlength and maxlength stay for password managers that generate passwords; the form checks them itself (novalidate). */
export function newPasswordField(view: EmbeddedView, label: MessageId) {
  return passwordField({
    id: view.ids.password,
    name: 'password',
    label: view.msg(label),
    autocomplete: 'new-password',
    // The count is filled in as the user types (lengthHint); the status beside it is what screen readers hear.
    hint: html`${view.msg('signup.passwordHint', { min: minPasswordLength() })} <span class="ciam-length" aria-hidden="true"></span
      ><span class="ciam-visually-hidden" role="status"></span>`,
    minlength: minPasswordLength(),
    maxlength: MAX_PASSWORD_LENGTH,
    error: fieldError(view, view.ids.password),
    showLabel: view.msg('form.password.show'),
    hideLabel: view.msg('form.password.hide'),
  });
}

let pause: ReturnType<typeof setTimeout> | undefined;

/** The count under a new password follows each keystroke on screen; screen readers hear it once typing pauses. */
function lengthHint(view: EmbeddedView) {
  return (e: Event) => {
    const input = e.target as HTMLInputElement;
    const shown = input.autocomplete === 'new-password' ? input.parentElement?.querySelector('.ciam-length') : null;
    if (!shown) return;
    const more = minPasswordLength() - passwordLength(input.value);
    const text = more > 0 ? view.msg('password.more', { count: more }) : view.msg('password.enough');
    shown.textContent = text;
    clearTimeout(pause);
    pause = setTimeout(() => {
      const said = shown.nextElementSibling!;
      if (said.textContent !== text) said.textContent = text;
    }, 1000);
  };
}

/** Waiting for the browser's passkey prompt; a failure (shown above) offers the button again. */
function passkeyStep(view: EmbeddedView) {
  const body = html`${view.flow.pending ? html`<p class="ciam-note" role="status">${view.msg('login.passkeyPrompt')}</p>` : nothing}
    ${view.flow.pending ? nothing : submit(view, 'login.passkey')}
    <button class="ciam-link" type="button" @click=${() => view.navigate('sign-in')}>${view.msg('login.passkeyOther')}</button>`;
  return form(view, () => ({ kind: 'passkey' }), body);
}
