/**
 * The embedded steps of <ciam-login>: one light-DOM `<form>` per step, so
 * password managers, autofill and Enter-to-submit see real fields.
 * Pure template functions of the flow; the element wires the callbacks.
 */
import { html, nothing } from 'lit';
import type { EmbeddedFlow, EmbeddedIntent, EmbeddedSubmit } from '../../core/embedded.js';
import { MAX_PASSWORD_LENGTH, minPasswordLength } from '../../core/policy/password.js';
import type { CiamErrorData } from '../../core/errors.js';
import { errorMessage, type MessageId } from '../../i18n/index.js';
import { errorSummary, passwordField, submitButton, textField } from '../shared/forms.js';

// Loaded on demand by <ciam-login> when the mode collects credentials (embedded, hosted).
export { adoptLightStyles, errorSummary } from '../shared/forms.js';
export { enForms } from '../../i18n/en-forms.js';

export interface EmbeddedView {
  flow: EmbeddedFlow;
  /** Ids of this element's fields (stable across renders). */
  ids: Record<'email' | 'password' | 'code' | 'name' | 'error', string>;
  now: number;
  msg(id: MessageId, params?: Record<string, string | number>): string;
  submit(submit: EmbeddedSubmit): void;
  navigate(intent: EmbeddedIntent): void;
  /** Shows "Create account" on the identifier step. */
  canSignUp: boolean;
  /** Step-up: the user is known, so no "use another email" or recovery; a Cancel instead. */
  cancel?: () => void;
  /** The browser can use passkeys: offer "Sign in with a passkey". */
  passkeys: boolean;
}

/** The steps a view can open with: in this chunk. Later steps load on the first submit (embedded-steps.ts). */
export const firstSteps: readonly string[] = ['identifier', 'signup', 'recover'];

export function renderStep(view: EmbeddedView, later: typeof import('./embedded-steps.js') | null) {
  switch (view.flow.step) {
    case 'identifier':
      return identifierStep(view);
    case 'signup':
      return signupStep(view);
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

export function form(view: EmbeddedView, onSubmit: (data: FormData) => EmbeddedSubmit, body: unknown) {
  const handle = (e: SubmitEvent) => {
    e.preventDefault();
    if (view.flow.pending) return; // no double submit
    view.submit(onSubmit(new FormData(e.currentTarget as HTMLFormElement)));
  };
  return html`<form class="ciam-form" @submit=${handle} aria-busy=${view.flow.pending ? 'true' : 'false'}>
    ${errorSummary(view.ids.error, view.msg('form.problem'), errorMessages(view))} ${body}
  </form>`;
}

function errorMessages(view: EmbeddedView): string[] {
  const error = view.flow.error;
  if (!error) return [];
  return [errorText(error, view), ...(error.code === 'weak_password' ? [passwordReasonText(error, view)] : [])];
}

export function errorText(error: CiamErrorData, view: Pick<EmbeddedView, 'msg' | 'now' | 'flow'>): string {
  if (error.code === 'rate_limited' && view.flow.retryAvailableAtMs) {
    return view.msg('error.rate_limited', { seconds: secondsUntil(view.flow.retryAvailableAtMs, view.now) });
  }
  return errorMessage(view.msg, error);
}

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

export const invalid = (view: EmbeddedView, ...codes: string[]) => codes.includes(view.flow.error?.code ?? '');

function emailField(view: EmbeddedView, autocomplete: string) {
  return textField({
    id: view.ids.email,
    name: 'email',
    type: 'email',
    label: view.msg('form.email.label'),
    autocomplete,
    value: view.flow.username,
    inputmode: 'email',
    invalid: invalid(view, 'invalid_email'),
    errorId: view.ids.error,
  });
}

export function newPasswordField(view: EmbeddedView, label: MessageId) {
  return passwordField({
    id: view.ids.password,
    name: 'password',
    label: view.msg(label),
    autocomplete: 'new-password',
    hint: view.msg('signup.passwordHint', { min: minPasswordLength() }),
    minlength: minPasswordLength(),
    maxlength: MAX_PASSWORD_LENGTH,
    invalid: invalid(view, 'weak_password'),
    errorId: view.ids.error,
    showLabel: view.msg('form.password.show'),
    hideLabel: view.msg('form.password.hide'),
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
    invalid: invalid(view, 'invalid_email', 'invalid_session'),
    errorId: view.ids.error,
  })}
    ${submit(view, 'login.continue')}
    ${
      view.passkeys
        ? html`<button class="ciam-button ciam-passkey-button" type="button" ?disabled=${view.flow.pending} @click=${(e: Event) => view.submit({ kind: 'passkey', username: typedUsername(e) })}>
          ${view.msg('login.passkey')}</button>`
        : nothing
    }
    ${
      view.canSignUp
        ? html`<p class="ciam-note">${view.msg('login.signUpLead')}
          <button class="ciam-link" type="button" @click=${() => view.navigate('sign-up')}>${view.msg('login.signUp')}</button></p>`
        : nothing
    }`;
  return form(view, (data) => ({ kind: 'identifier', username: fieldText(data, 'username').trim() }), body);
}

function signupStep(view: EmbeddedView) {
  const body = html`${textField({ id: view.ids.name, name: 'name', label: view.msg('form.name.label'), autocomplete: 'name', required: false })}
    ${emailField(view, 'email')} ${newPasswordField(view, 'form.password.label')} ${submit(view, 'signup.submit')}
    <p class="ciam-note">${view.msg('signup.haveAccount')}
      <button class="ciam-link" type="button" @click=${() => view.navigate('sign-in')}>${view.msg('login.signIn')}</button></p>`;
  return form(
    view,
    (data) => ({
      kind: 'signup',
      email: fieldText(data, 'email').trim(),
      password: fieldText(data, 'password'),
      name: fieldText(data, 'name').trim() || undefined,
    }),
    body,
  );
}

function recoverStep(view: EmbeddedView) {
  const body = html`<p class="ciam-note">${view.msg('recovery.lead')}</p>
    ${emailField(view, 'username')} ${submit(view, 'recovery.submit')}
    <button class="ciam-link" type="button" @click=${() => view.navigate('sign-in')}>${view.msg('login.backToSignIn')}</button>`;
  return form(view, (data) => ({ kind: 'recover', email: fieldText(data, 'email').trim() }), body);
}

/** What is in the email field right now, so a cancelled passkey prompt gives it back. */
function typedUsername(e: Event): string | undefined {
  const field = (e.currentTarget as HTMLElement).closest('form')?.querySelector<HTMLInputElement>('input[name="username"]');
  return field?.value.trim() || undefined;
}
