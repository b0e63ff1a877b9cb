/**
 * The embedded steps of <ciam-login>: one light-DOM `<form>` per step, so
 * password managers, autofill and Enter-to-submit see real fields.
 * Pure template functions of the flow; the element wires the callbacks.
 */
import { html, nothing } from 'lit';
import type { EmbeddedFlow, EmbeddedIntent, EmbeddedStep, EmbeddedSubmit } from '../../core/embedded.js';
import { MAX_PASSWORD_LENGTH, minPasswordLength } from '../../core/policy/password.js';
import type { CiamErrorData } from '../../core/errors.js';
import { errorMessage, type MessageId } from '../../i18n/index.js';
import { isEmail } from '../../core/email.js';
import { errorSummary, submitButton, textField, type SummaryMessage } from '../shared/forms.js';

// Loaded on demand by <ciam-login> when the mode collects credentials (embedded, hosted).
export { adoptLightStyles, errorSummary } from '../shared/forms.js';
export { enForms } from '../../i18n/en-forms.js';

/** What the form knows between renders that the flow does not; a submit or a change of view starts a new one. */
export interface FormNote {
  /** The step it is about. */
  step?: EmbeddedStep;
  /** What the form's own check found (nothing was sent): shown inline and in the summary. */
  problems?: SummaryMessage[];
  /** "Send a new code" was used: the step says a new code was sent (and focus goes there). */
  resent?: boolean;
}

export interface EmbeddedView {
  flow: EmbeddedFlow;
  /** Ids of this element's fields (stable across renders). */
  ids: Record<'email' | 'password' | 'code' | 'name' | 'error', string>;
  now: number;
  msg(id: MessageId, params?: Record<string, string | number>): string;
  /** Sends a submit; the note (default: none) replaces the last one. */
  submit(submit: EmbeddedSubmit, note?: FormNote): void;
  navigate(intent: EmbeddedIntent): void;
  note: FormNote;
  /** Shows what the form's own check found, instead of sending. */
  refuse(note: FormNote): void;
  /** Shows "Create account" on the identifier step; `reserved`: keeps its place, unseen, until discovery says. */
  canSignUp: boolean | 'reserved';
  /** Step-up: the user is known, so no "use another email" or recovery; a Cancel instead. */
  cancel?: () => void;
  /** The browser can use passkeys: offer "Sign in with a passkey". */
  passkeys: boolean;
  /** The OP's bot check on this form (controllers/bot-check.ts): the proof running, a widget to answer, or it failed to load. */
  bot?: 'working' | 'widget' | 'unavailable';
  /** What a guest saved, in the app's words (`guest-data`): said when it may move into an account. */
  guestData?: string;
}

/** The steps a view can open with: in this chunk. Later steps load on the first submit (embedded-steps.ts). */
export const firstSteps: readonly string[] = ['identifier', 'recover'];

let prefetch: Promise<unknown> | undefined;

export function renderStep(view: EmbeddedView, later: typeof import('./embedded-steps.js') | null) {
  // The later steps (sign-up among them) are fetched once the first form is up and the page idles, so
  // "Create account" does not leave the old form showing while they load; a failed fetch is retried on use.
  prefetch ??= new Promise((done) => (globalThis.requestIdleCallback ?? setTimeout)(done)).then(() => import('./embedded-steps.js')).catch(() => undefined);
  switch (view.flow.step) {
    case 'identifier':
      return identifierStep(view);
    case 'recover':
      return recoverStep(view);
    default:
      return later ? later.renderLaterStep(view) : nothing;
  }
}

/** A text field's value, '' when absent (FormData.get answers a File for a file input; our forms have none). */
export function fieldText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * A step's `<form>`: `novalidate`, so the kit checks the fields itself (checkField) and says what is
 * wrong in its own words and language, under the field and in the summary, keeping what was typed.
 * The summary sits after the step's `intro` and right before the fields, so Tab goes on from it to them.
 */
export function form(view: EmbeddedView, onSubmit: (data: FormData) => EmbeddedSubmit, body: unknown, intro: unknown = nothing, onInput?: (e: Event) => void) {
  const handle = (e: SubmitEvent) => {
    e.preventDefault();
    if (view.flow.pending) return; // no double submit
    const form = e.currentTarget as HTMLFormElement;
    const problems = [...form.querySelectorAll<HTMLInputElement>('.ciam-input')].flatMap((input) => {
      const text = input.readOnly ? '' : (checks.field ?? checkEmail)(view, input);
      return text ? [{ field: input.id, text }] : [];
    });
    if (problems.length) view.refuse({ step: view.flow.step, problems });
    else view.submit(onSubmit(new FormData(form)));
  };
  return html`<form class="ciam-form" novalidate @submit=${handle} @input=${onInput} aria-busy=${view.flow.pending || view.bot === 'working' ? 'true' : 'false'}>
    ${intro} ${errorSummary(view.ids.error, lockout.title?.(view) ?? view.msg('form.problem'), summary(view))} ${botCheck(view)} ${body}
  </form>`;
}

/** The OP's bot check, where the form shows it: what runs (announced), or the provider's widget and what to do. */
function botCheck(view: EmbeddedView) {
  if (view.bot === 'working') return html`<p class="ciam-bot-check" role="status">${view.msg('bot.checking')}</p>`;
  if (view.bot === 'widget') return html`<div class="ciam-bot-check"><p>${view.msg('bot.widget')}</p><div class="ciam-bot-widget"></div></div>`;
  if (view.bot === 'unavailable') return html`<p class="ciam-bot-check ciam-error" role="alert">${view.msg('error.bot_check_unavailable')}</p>`;
  return nothing;
}

/** The later steps' field check (embedded-steps.ts sets it); until they load, the opening views' email check. */
export const checks: { field?: (view: EmbeddedView, input: HTMLInputElement) => string } = {};

/** The opening views have one field: an email, required. */
function checkEmail(view: EmbeddedView, input: HTMLInputElement): string {
  const value = input.value.trim();
  return !value ? view.msg('form.email.required') : isEmail(value) ? '' : view.msg('error.invalid_email');
}

/** The field an error of the OP's answer is about. */
const errorFields: Partial<Record<string, 'email' | 'password' | 'code'>> = {
  invalid_email: 'email',
  weak_password: 'password',
  invalid_credentials: 'password',
  invalid_code: 'code',
  code_expired: 'code',
};

/** The message under a field: the one the summary links to it. */
export function fieldError(view: EmbeddedView, id: string): string | undefined {
  return summary(view).find((m): m is SummaryMessage => typeof m !== 'string' && m.field === id)?.text;
}

/** What the summary lists: what the form's own check found, else the OP's answer, linked to its field. */
function summary(view: EmbeddedView): (string | SummaryMessage)[] {
  if (view.note.problems && view.note.step === view.flow.step) return view.note.problems;
  const error = view.flow.error;
  if (!error) return [];
  const meanwhile = error.code === 'rate_limited' ? (lockout.meanwhile?.(view) ?? '') : '';
  const field = errorFields[error.code];
  // A refused password: what to do, then why (one message, so the field shows both).
  const text = error.code === 'weak_password' ? `${errorText(error, view)} ${passwordReasonText(error, view)}` : errorText(error, view);
  return [{ text, field: field && view.ids[field] }, ...(meanwhile ? [meanwhile] : [])];
}

export function errorText(error: CiamErrorData, view: Pick<EmbeddedView, 'msg' | 'now' | 'flow'>): string {
  if (error.code === 'rate_limited' && view.flow.retryAvailableAtMs && lockout.wait) return lockout.wait(view.flow.retryAvailableAtMs, view);
  return errorMessage(view.msg, error);
}

/**
 * A lockout in words ("13 minutes and 12 seconds", what else works meanwhile): filled in by
 * embedded-steps.ts, which loads on the first submit, before any answer can say 429; its code and
 * messages stay out of the first screen (bundle budget). Until then: the plain seconds.
 */
export const lockout: {
  title?(view: EmbeddedView): string | undefined;
  wait?(at: number, view: Pick<EmbeddedView, 'msg' | 'now'>): string;
  meanwhile?(view: EmbeddedView): string;
} = {};

function passwordReasonText(error: CiamErrorData, view: EmbeddedView): string {
  const reason = ['too_short', 'too_long', 'common', 'repetitive', 'contains_identifier'].includes(error.detail ?? '') ? error.detail! : 'too_short';
  return view.msg(`password.${reason}` as MessageId, { min: minPasswordLength(), max: MAX_PASSWORD_LENGTH });
}

export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const waiting = (view: EmbeddedView) => !!view.flow.retryAvailableAtMs && view.flow.retryAvailableAtMs > view.now;

export function submit(view: EmbeddedView, label: MessageId) {
  return submitButton(view.msg(label), view.flow.pending, view.msg('form.busy'), waiting(view));
}

export function emailField(view: EmbeddedView, autocomplete: string) {
  return textField({
    id: view.ids.email,
    name: 'email',
    type: 'email',
    label: view.msg('form.email.label'),
    autocomplete,
    value: view.flow.username,
    inputmode: 'email',
    error: fieldError(view, view.ids.email),
  });
}

function identifierStep(view: EmbeddedView) {
  // `webauthn` last: passkey autofill (issue 6) hooks into this field.
  const body = html`${textField({
    id: view.ids.email,
    name: 'username',
    type: 'email',
    label: view.msg('form.email.label'),
    autocomplete: 'username webauthn',
    value: view.flow.username,
    inputmode: 'email',
    error: fieldError(view, view.ids.email),
  })}
    ${submit(view, 'login.continue')} ${view.passkeys ? [divider(view), passkeyButton(view)] : nothing}
    ${view.canSignUp ? switchIntent(view, 'login.signUpLead', 'sign-up', 'login.signUp', view.canSignUp === 'reserved') : nothing} ${backToGuest(view)}`;
  return form(view, (data) => ({ kind: 'identifier', username: fieldText(data, 'username').trim() }), body);
}

/** A guest signing in or up may change their mind: back to the guest session, as it was. */
export function backToGuest(view: EmbeddedView) {
  return view.flow.guest && view.cancel
    ? html`<div class="ciam-links"><button class="ciam-link" type="button" @click=${view.cancel}>${view.msg('guest.continue')}</button></div>`
    : nothing;
}

function recoverStep(view: EmbeddedView) {
  // The card's lead says what happens ("we will send you a code"): the form does not say it again.
  const body = html`${emailField(view, 'username')} ${submit(view, 'recovery.submit')}
    <div class="ciam-links"><button class="ciam-link" type="button" @click=${() => view.navigate('sign-in')}>${view.msg('login.backToSignIn')}</button></div>`;
  return form(view, (data) => ({ kind: 'recover', email: fieldText(data, 'email').trim() }), body);
}

/** "or" before the other ways to sign in (secondary buttons, not small links: they are real choices). */
export function divider(view: EmbeddedView) {
  return html`<div class="ciam-divider">${view.msg('form.or')}</div>`;
}

export function passkeyButton(view: EmbeddedView) {
  return html`<button class="ciam-button ciam-passkey-button" type="button" ?disabled=${view.flow.pending} @click=${(e: Event) => view.submit({ kind: 'passkey', username: typedUsername(e) })}>
    ${view.msg('login.passkey')}</button>`;
}

/** "New here? Create account" and back: a question and its answer, centred under the form. */
export function switchIntent(view: EmbeddedView, question: MessageId, intent: EmbeddedIntent, label: MessageId, reserved = false) {
  return html`<div class=${reserved ? 'ciam-switch ciam-reserved' : 'ciam-switch'} aria-hidden=${reserved ? 'true' : nothing} ?inert=${reserved}>${view.msg(question)}
    <button class="ciam-link" type="button" @click=${() => view.navigate(intent)}>${view.msg(label)}</button></div>`;
}

/** What is in the email field right now, so a cancelled passkey prompt gives it back. */
function typedUsername(e: Event): string | undefined {
  const field = (e.currentTarget as HTMLElement).closest('form')?.querySelector<HTMLInputElement>('input[name="username"]');
  return field?.value.trim() || undefined;
}
