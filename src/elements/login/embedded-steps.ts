/**
 * The steps after the first submit (password, codes, passkey prompt): loaded
 * by <ciam-login> on the user's first action, so the first paint carries only
 * the opening views (bundle budget, docs/decisions.md).
 */
import { html, nothing } from 'lit';
import type { EmbeddedSubmit } from '../../core/embedded.js';
import type { MessageId } from '../../i18n/index.js';
import { passwordField, textField } from '../shared/forms.js';
import { fieldText, form, invalid, newPasswordField, secondsUntil, submit, type EmbeddedView } from './embedded.js';

// Their messages come with them.
export { enSteps } from '../../i18n/en-steps.js';

export function renderLaterStep(view: EmbeddedView) {
  switch (view.flow.step) {
    case 'password':
      return passwordStep(view);
    case 'email-code':
    case 'verify-email':
      return codeStep(view);
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

function identity(view: EmbeddedView, message: MessageId) {
  return html`<p class="ciam-identity">
    <span>${view.msg(message, { email: view.flow.username })}</span>
    ${view.cancel ? nothing : changeEmail(view)}
  </p>`;
}

function changeEmail(view: EmbeddedView) {
  if (view.cancel) return html`<button class="ciam-link" type="button" @click=${view.cancel}>${view.msg('stepup.cancel')}</button>`;
  return html`<button class="ciam-link" type="button" @click=${() => view.navigate(view.flow.intent)}>${view.msg('login.changeEmail')}</button>`;
}

function passwordStep(view: EmbeddedView) {
  const body = html`${identity(view, 'login.signingInAs')} ${hiddenUsername(view)}
    ${passwordField({
      id: view.ids.password,
      name: 'password',
      label: view.msg('form.password.label'),
      autocomplete: 'current-password',
      invalid: invalid(view, 'invalid_credentials'),
      errorId: view.ids.error,
      showLabel: view.msg('form.password.show'),
      hideLabel: view.msg('form.password.hide'),
    })}
    ${submit(view, 'login.signIn')}
    <div class="ciam-links">
      ${view.cancel ? changeEmail(view) : html`<button class="ciam-link" type="button" @click=${() => view.navigate('recover')}>${view.msg('login.forgotPassword')}</button>`}
      ${
        view.flow.methods.includes('email_code')
          ? html`<button class="ciam-link" type="button" ?disabled=${view.flow.pending} @click=${() => view.submit({ kind: 'send-code' })}>${view.msg('login.useEmailCode')}</button>`
          : nothing
      }
    </div>`;
  return form(view, (data) => ({ kind: 'password', password: fieldText(data, 'password') }), body);
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
    invalid: invalid(view, 'invalid_code', 'code_expired'),
    errorId: view.ids.error,
  });
}

/** "Send a new code", or its countdown. Recovery starts over with the same email (a fresh code and session). */
function resend(view: EmbeddedView, again: EmbeddedSubmit = { kind: 'send-code' }) {
  const seconds = view.flow.resendAvailableAtMs ? secondsUntil(view.flow.resendAvailableAtMs, view.now) : 0;
  if (seconds > 0) return html`<p class="ciam-note">${view.msg('login.resendIn', { seconds })}</p>`;
  return html`<button class="ciam-link" type="button" ?disabled=${view.flow.pending} @click=${() => view.submit(again)}>${view.msg('login.resend')}</button>`;
}

function codeStep(view: EmbeddedView) {
  const sent = view.flow.step === 'verify-email' ? 'signup.codeSent' : 'login.codeSent';
  const body = html`<p class="ciam-note">${view.msg(sent, { email: view.flow.username })}</p>
    ${hiddenUsername(view)} ${codeField(view)} ${submit(view, 'login.verify')}
    <div class="ciam-links">${resend(view)} ${changeEmail(view)}</div>`;
  return form(view, (data) => ({ kind: 'code', code: fieldText(data, 'code').trim() }), body);
}

function recoveryCodeStep(view: EmbeddedView) {
  const body = html`<p class="ciam-note">${view.msg('recovery.codeSent', { email: view.flow.username })}</p>
    ${hiddenUsername(view)} ${codeField(view)} ${newPasswordField(view, 'recovery.newPassword')} ${submit(view, 'recovery.reset')}
    <div class="ciam-links">${resend(view, { kind: 'recover', email: view.flow.username })}
      <button class="ciam-link" type="button" @click=${() => view.navigate('sign-in')}>${view.msg('login.backToSignIn')}</button></div>`;
  return form(view, (data) => ({ kind: 'recovery-code', code: fieldText(data, 'code').trim(), newPassword: fieldText(data, 'password') }), body);
}

/** Waiting for the browser's passkey prompt; a failure (shown above) offers the button again. */
function passkeyStep(view: EmbeddedView) {
  const body = html`${view.flow.pending ? html`<p class="ciam-note" role="status">${view.msg('login.passkeyPrompt')}</p>` : nothing}
    ${view.flow.pending ? nothing : submit(view, 'login.passkey')}
    <button class="ciam-link" type="button" @click=${() => view.navigate('sign-in')}>${view.msg('login.passkeyOther')}</button>`;
  return form(view, () => ({ kind: 'passkey' }), body);
}
