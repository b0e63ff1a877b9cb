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
  type?: 'text' | 'email' | 'password' | 'tel' | 'date';
  autocomplete: string;
  value?: string;
  inputmode?: 'numeric' | 'email' | 'text';
  /** Text (or a template) under the label, read with the field. */
  hint?: unknown;
  invalid?: boolean;
  /** What is wrong with the value: shown under the label and read with the field (it also marks it invalid). */
  error?: string;
  /** Id of the error summary, read after the label when the field is invalid and has no `error` of its own. */
  errorId?: string;
  required?: boolean;
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  disabled?: boolean;
}

export function textField(o: FieldOptions) {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const invalid = o.invalid || !!o.error;
  const describedBy = [hintId, o.error ? `${o.id}-error` : invalid ? o.errorId : undefined].filter(Boolean).join(' ') || undefined;
  return html`<div class="ciam-field">
    <label class="ciam-label" for=${o.id}>${o.label}</label>
    ${o.hint ? html`<p class="ciam-hint" id=${hintId!}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="ciam-field-error" id="${o.id}-error">${o.error}</p>` : nothing}
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
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy)}
      ?required=${o.required ?? true}
      ?readonly=${o.disabled}
      autocapitalize="off"
      spellcheck="false"
    />
  </div>`;
}

/** A message of the error summary; with `field` (its id) it is a link that takes focus to that field. */
export interface SummaryMessage {
  text: string;
  field?: string;
}

/**
 * The form's error summary: an alert that focus moves to, inside the same tree as the fields. Each
 * message about a field links to it; the link focuses the field itself (a fragment navigation would
 * change the page's URL, which routers read, and not move focus into the field).
 */
export function errorSummary(id: string, title: string, messages: (string | SummaryMessage)[]) {
  if (messages.length === 0) return nothing;
  return html`<div class="ciam-error" id=${id} role="alert" tabindex="-1">
    <p class="ciam-error-title">${title}</p>
    ${messages.map((m) =>
      typeof m === 'string' || !m.field
        ? html`<p class="ciam-error-message">${typeof m === 'string' ? m : m.text}</p>`
        : html`<p class="ciam-error-message"><a class="ciam-error-link" href="#${m.field}" @click=${focusField}>${m.text}</a></p>`,
    )}
  </div>`;
}

function focusField(e: Event) {
  e.preventDefault();
  const link = e.currentTarget as HTMLAnchorElement;
  (link.getRootNode() as Document | ShadowRoot).getElementById(link.hash.slice(1))?.focus();
}

export function submitButton(label: string, busy: boolean, busyLabel: string, disabled = false) {
  return html`<button class="ciam-button ciam-button-primary" type="submit" ?disabled=${busy || disabled} aria-busy=${busy ? 'true' : 'false'}>
    ${busy ? html`<span class="ciam-spinner" aria-hidden="true"></span>${busyLabel}` : label}
  </button>`;
}

/** Readable in the light DOM: every selector is wrapped in `:where()`, so page CSS wins with any specificity. */
export const lightStyles: CSSResult = css`
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-form,
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-form * {
    box-sizing: border-box;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-form {
    display: grid;
    gap: var(--_space, 1rem);
    margin: 0;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-fieldset {
    display: grid;
    gap: var(--_space, 1rem);
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  /* A legend is not a grid item: its own margin keeps it apart from the first field. */
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-fieldset > legend {
    padding: 0;
    margin-block-end: 0.75rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-field {
    display: grid;
    gap: 0.375rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-label {
    font-weight: 600;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-field-error {
    margin: 0;
    color: var(--_danger, #b42318);
    font-size: 0.875rem;
    font-weight: 600;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-hint,
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-note {
    margin: 0;
    color: var(--_muted, #5b6270);
    font-size: 0.875rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-input {
    inline-size: 100%;
    min-block-size: var(--_control, 2.75rem);
    padding: calc(0.5rem * var(--ciam-density, 1)) 0.75rem;
    border: 1px solid var(--_control-border, #858b97);
    border-radius: var(--_radius, 0.5rem);
    background: var(--_field, #fff);
    color: inherit;
    font: inherit;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-input:focus-visible {
    outline: 3px solid var(--_focus, #2f55d4);
    outline-offset: 1px;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-input[aria-invalid='true'] {
    border-color: var(--_danger, #b42318);
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-link:focus-visible {
    outline: 3px solid var(--_focus, #2f55d4);
    outline-offset: 2px;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-link {
    min-block-size: 1.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_primary, #2f55d4);
    font: inherit;
    font-size: 0.875rem;
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-links,
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-switch {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.25rem 1.5rem;
    min-block-size: 1.5rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-switch {
    gap: 0 0.375rem;
    color: var(--_muted, #5b6270);
    font-size: 0.875rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-divider {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    block-size: 1.5rem;
    color: var(--_muted, #5b6270);
    font-size: 0.875rem;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-divider::before,
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-divider::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--_border, #d6d9e0);
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-identity {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0;
    overflow-wrap: anywhere;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-error {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem 1rem;
    border: 1px solid currentColor;
    border-inline-start-width: 4px;
    border-radius: var(--_radius, 0.5rem);
    background: var(--_danger-bg, #fef3f2);
    color: var(--_danger, #b42318);
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-error p {
    margin: 0;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-error-link {
    color: inherit;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-error-title {
    font-weight: 650;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-error:focus {
    outline: none;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-error:focus-visible {
    outline: 3px solid var(--_focus, #2f55d4);
  }
  /* Its place kept while discovery decides whether it shows: the card does not grow when it does. */
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-reserved {
    visibility: hidden;
  }
  :where(ciam-login, ciam-signup, ciam-recovery, ciam-profile) .ciam-visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

const lightControls = controlStyles(':where(ciam-login, ciam-signup, ciam-recovery, ciam-profile)', '.ciam-button', '.ciam-button-primary', '.ciam-spinner');

/** The light-DOM stylesheets: these, and those a later chunk adds when it loads (forms-later.ts). */
export const lightSheets: CSSResult[] = [lightStyles, lightControls];

/** Adopts the light-DOM stylesheets into the element's document once (CSP-safe: no <style> element). */
export function adoptLightStyles(root: Document | ShadowRoot) {
  if (!root.adoptedStyleSheets) return; // a detached element's root is itself: adopted once it is in a document again
  const sheets = lightSheets.map((sheet) => sheet.styleSheet).filter((sheet): sheet is CSSStyleSheet => !!sheet && !root.adoptedStyleSheets.includes(sheet));
  if (sheets.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
}
