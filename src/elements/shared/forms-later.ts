/**
 * Light-DOM form pieces only the later steps use (password, codes, new password): they load with
 * embedded-steps.ts, so the first screen carries neither the password toggle nor its styles (bundle
 * budget). The stylesheet joins forms.ts's `lightSheets` when this module loads, before the first
 * later step renders.
 */
import { css, html, type CSSResult } from 'lit';
import { lightSheets, textField, type FieldOptions } from './forms.js';

/**
 * A password field with a show/hide toggle: an eye inside the field's end, 44×44 px, after the input in
 * Tab order. Paste stays allowed; the input itself never changes but for its type, so password managers
 * keep it. The button's name is its text ("Show password", "Hide password"), swapped with aria-pressed.
 */
export function passwordField(o: FieldOptions & { showLabel: string; hideLabel: string }) {
  const toggle = (e: Event) => {
    const button = e.currentTarget as HTMLButtonElement;
    const input = button.closest('.ciam-password')?.querySelector('input');
    if (!input) return;
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    // Only attributes change: the labels below are Lit's, swapped by CSS on aria-pressed.
    button.setAttribute('aria-pressed', String(show));
  };
  return html`<div class="ciam-password">
    ${textField({ ...o, type: 'password' })}
    <button class="ciam-toggle" type="button" aria-pressed="false" aria-controls=${o.id} @click=${toggle}>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
        <circle cx="12" cy="12" r="3" />
        <path class="ciam-when-on" d="M4 4l16 16" />
      </svg>
      <span class="ciam-visually-hidden ciam-when-off">${o.showLabel}</span><span class="ciam-visually-hidden ciam-when-on">${o.hideLabel}</span>
    </button>
  </div>`;
}

/** Readable in the light DOM: every selector is wrapped in `:where()`, so page CSS wins with any specificity. */
const laterStyles: CSSResult = css`
  /* The OP's bot check: what runs, or the provider's widget with what to do (controllers/bot-check.ts). */
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-bot-check {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    color: var(--_muted, #5b6270);
    font-size: 0.875rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-bot-check.ciam-error {
    color: var(--_danger, #b42318);
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-bot-check p {
    margin: 0;
  }
  /* A form's opening note is its main message (what was sent where, the passkey prompt, the offer): body text, not a footnote. */
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-form > p.ciam-note:first-of-type {
    color: inherit;
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  /* An email stays in one piece when it fits a line; only a longer one wraps, at its <wbr>s (after the @, before dots). */
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-email {
    display: inline-block;
    max-inline-size: 100%;
  }
  /* Focus lands on "We sent a new code…" after a resend: its ring stands clear of the text. */
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-sent:focus-visible {
    outline: 3px solid var(--_focus, #2f55d4);
    outline-offset: 4px;
    border-radius: 2px;
  }
  /* The toggle sits over the input's end: the input is the field's last box, so the field's bottom is the input's. */
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-password {
    position: relative;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-password .ciam-input {
    padding-inline-end: var(--_control, 2.75rem);
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-toggle {
    position: absolute;
    inset-block-end: 0;
    inset-inline-end: 0;
    display: grid;
    place-items: center;
    inline-size: var(--_control, 2.75rem);
    block-size: var(--_control, 2.75rem);
    padding: 0;
    border: 0;
    border-radius: var(--_radius, 0.5rem);
    background: none;
    color: var(--_muted, #5b6270);
    cursor: pointer;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-toggle:hover {
    color: var(--_fg, #1a1d23);
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-toggle:focus-visible {
    outline: 3px solid var(--_focus, #2f55d4);
    outline-offset: -3px;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-toggle svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-toggle[aria-pressed='true'] .ciam-when-off,
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-toggle[aria-pressed='false'] .ciam-when-on {
    display: none;
  }
  /* The line focus moves to on a step with nothing to type (where a link went, what will move): a target, not a control. */
  :where(ciam-login) .ciam-note[tabindex='-1']:focus {
    outline: none;
  }
  /* A wait that has no button to show it ("Waiting for you to open the link"). */
  :where(ciam-login) .ciam-note:has(> .ciam-spinner) {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  :where(ciam-login) .ciam-note > .ciam-spinner {
    flex: none;
  }
  /* "Forgot password?" belongs to the field above it. */
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-forgot {
    justify-content: end;
    margin-block-start: calc(0.375rem - var(--_space, 1rem));
  }
`;

lightSheets.push(laterStyles);
