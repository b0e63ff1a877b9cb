/**
 * Light-DOM form pieces as template functions, not nested elements: the
 * `<form>`, `<label for>` and `<input>` stay together in the element's own
 * light DOM, so autofill, password managers and Enter-to-submit work
 * (docs/decisions.md). Styled by `lightStyles` below, adopted once per document.
 */
import { css, html, nothing, type CSSResult } from 'lit';
import { controlStyles } from './styles.js';
import { ifDefined } from 'lit/directives/if-defined.js';

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete: string;
  value?: string;
  inputmode?: 'numeric' | 'email' | 'text';
  hint?: string;
  invalid?: boolean;
  /** Id of the error summary, read after the label when the field is invalid. */
  errorId?: string;
  required?: boolean;
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  disabled?: boolean;
}

export function textField(o: FieldOptions) {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const describedBy = [hintId, o.invalid ? o.errorId : undefined].filter(Boolean).join(' ') || undefined;
  return html`<div class="ciam-field">
    <label class="ciam-label" for=${o.id}>${o.label}</label>
    ${o.hint ? html`<p class="ciam-hint" id=${hintId!}>${o.hint}</p>` : nothing}
    <input
      class="ciam-input"
      id=${o.id}
      name=${o.name}
      type=${o.type ?? 'text'}
      autocomplete=${o.autocomplete}
      .defaultValue=${o.value ?? ''}
      inputmode=${ifDefined(o.inputmode)}
      minlength=${ifDefined(o.minlength)}
      maxlength=${ifDefined(o.maxlength)}
      pattern=${ifDefined(o.pattern)}
      aria-invalid=${o.invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy)}
      ?required=${o.required ?? true}
      ?readonly=${o.disabled}
      autocapitalize="off"
      spellcheck="false"
    />
  </div>`;
}

/** A password field with a show/hide toggle; paste stays allowed. */
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
    <button class="ciam-link ciam-toggle" type="button" aria-pressed="false" aria-controls=${o.id} @click=${toggle}>
      <span class="ciam-when-off">${o.showLabel}</span><span class="ciam-when-on">${o.hideLabel}</span>
    </button>
  </div>`;
}

/** The form's error summary: an alert that focus moves to, inside the same tree as the fields. */
export function errorSummary(id: string, title: string, messages: string[]) {
  if (messages.length === 0) return nothing;
  return html`<div class="ciam-error" id=${id} role="alert" tabindex="-1">
    <p class="ciam-error-title">${title}</p>
    ${messages.map((m) => html`<p class="ciam-error-message">${m}</p>`)}
  </div>`;
}

export function submitButton(label: string, busy: boolean, busyLabel: string, disabled = false) {
  return html`<button class="ciam-button ciam-button-primary" type="submit" ?disabled=${busy || disabled} aria-busy=${busy ? 'true' : 'false'}>
    ${busy ? html`<span class="ciam-spinner" aria-hidden="true"></span>${busyLabel}` : label}
  </button>`;
}

/** Readable in the light DOM: every selector is wrapped in `:where()`, so page CSS wins with any specificity. */
export const lightStyles: CSSResult = css`
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-form,
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-form * {
    box-sizing: border-box;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-form {
    display: grid;
    gap: var(--_space, 1rem);
    margin: 0;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-field {
    display: grid;
    gap: 0.375rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-label {
    font-weight: 600;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-hint,
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-note {
    margin: 0;
    color: var(--_muted, #5b6270);
    font-size: 0.875rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-input {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border, #d6d9e0);
    border-radius: var(--_radius, 0.5rem);
    background: var(--_bg, #fff);
    color: inherit;
    font: inherit;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-input:focus-visible {
    outline: 3px solid var(--_focus, #2f55d4);
    outline-offset: 1px;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-input[aria-invalid='true'] {
    border-color: var(--_danger, #b42318);
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-password {
    display: grid;
    gap: 0.25rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-toggle {
    justify-self: end;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-toggle[aria-pressed='true'] .ciam-when-off,
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-toggle[aria-pressed='false'] .ciam-when-on {
    display: none;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-link:focus-visible {
    outline: 3px solid var(--_focus, #2f55d4);
    outline-offset: 2px;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-link {
    padding: 0.25rem 0;
    border: 0;
    background: none;
    color: var(--_primary, #2f55d4);
    font: inherit;
    font-size: 0.875rem;
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-links {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-identity {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0;
    overflow-wrap: anywhere;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-error {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem 1rem;
    border: 1px solid currentColor;
    border-inline-start-width: 4px;
    border-radius: var(--_radius, 0.5rem);
    background: var(--_danger-bg, #fef3f2);
    color: var(--_danger, #b42318);
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-error p {
    margin: 0;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-error-title {
    font-weight: 650;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-error:focus {
    outline: none;
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-error:focus-visible {
    outline: 3px solid var(--_focus, #2f55d4);
  }
  :where(ciam-login, ciam-signup, ciam-recovery) .ciam-visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

const lightControls = controlStyles(':where(ciam-login, ciam-signup, ciam-recovery)', '.ciam-button', '.ciam-button-primary', '.ciam-spinner');

/** Adopts the light-DOM stylesheets into the element's document once (CSP-safe: no <style> element). */
export function adoptLightStyles(root: Document | ShadowRoot) {
  if (!root.adoptedStyleSheets) return; // a detached element's root is itself: adopted once it is in a document again
  const sheets = [lightStyles.styleSheet, lightControls.styleSheet].filter(
    (sheet): sheet is CSSStyleSheet => !!sheet && !root.adoptedStyleSheets.includes(sheet),
  );
  if (sheets.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
}
