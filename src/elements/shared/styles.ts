import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * Buttons and the busy spinner, for the shadow chrome and for the light-DOM
 * forms alike: only the selectors differ (`scope` prefixes the light-DOM ones
 * with a zero-specificity `:where()`, so page CSS wins there).
 */
export function controlStyles(scope: string, button: string, primary: string, spinner: string): CSSResult {
  const [b, p, sp] = [button, primary, spinner].map((name) => unsafeCSS(`${scope} ${name}`.trim()));
  return css`
    ${b} {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.5rem;
      box-sizing: border-box;
      inline-size: 100%;
      min-block-size: var(--_control, 2.75rem);
      padding-block: calc(0.5rem * var(--ciam-density, 1));
      padding-inline: 1rem;
      border: 1px solid var(--_control-border, #858b97);
      border-radius: var(--_radius, 0.5rem);
      background: var(--_bg, #fff);
      color: var(--_fg, inherit);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    ${b}:hover:not(:disabled) {
      border-color: var(--_muted, #5b6270);
    }
    ${p} {
      border-color: var(--_primary, #2f55d4);
      background: var(--_primary, #2f55d4);
      color: var(--_on-primary, #fff);
    }
    ${p}:hover:not(:disabled) {
      filter: brightness(1.08);
    }
    ${b}:focus-visible {
      outline: 3px solid var(--_focus, #2f55d4);
      outline-offset: 2px;
    }
    ${b}:disabled {
      cursor: not-allowed;
      opacity: 0.7;
    }
    ${sp} {
      inline-size: 1em;
      block-size: 1em;
      border: 2px solid currentColor;
      border-inline-end-color: transparent;
      border-radius: 50%;
      animation: ciam-spin 0.8s linear infinite;
    }
    @keyframes ciam-spin {
      to {
        transform: rotate(360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      ${sp} {
        animation-duration: 2.4s;
      }
    }
  `;
}

/**
 * Design tokens with light and dark defaults. Pages theme through
 * `--ciam-*` custom properties (they inherit into the shadow root) and
 * `::part()`; nothing here needs `style=` attributes, so strict CSP holds.
 * Each default is `light-dark()`: the element's `color-scheme` picks one, the
 * visitor's preference unless `theme="light|dark"` fixes it, and a page's own
 * `light-dark()` values follow the same switch.
 */
export const baseStyles = css`
  :host {
    color-scheme: light dark;
    --_bg: var(--ciam-color-surface, light-dark(#ffffff, #171a21));
    --_fg: var(--ciam-color-text, light-dark(#1a1d23, #eceef2));
    --_muted: var(--ciam-color-muted, light-dark(#5b6270, #a3a9b6));
    --_border: var(--ciam-color-border, light-dark(#d6d9e0, #343a46));
    /* Edges of inputs and buttons: 3:1 against the surface (WCAG 2.2 SC 1.4.11); --_border is for decoration. */
    --_control-border: var(--ciam-color-control-border, light-dark(#858b97, #6b7280));
    --_field: var(--ciam-color-field, light-dark(#ffffff, #0f1115));
    --_primary: var(--ciam-color-primary, light-dark(#2f55d4, #7d9bff));
    --_on-primary: var(--ciam-color-on-primary, light-dark(#ffffff, #0b1230));
    --_danger: var(--ciam-color-danger, light-dark(#b42318, #ffb4ab));
    --_danger-bg: var(--ciam-color-danger-surface, light-dark(#fef3f2, #3b1512));
    --_focus: var(--ciam-color-focus, light-dark(#2f55d4, #9db3ff));
    --_radius: var(--ciam-radius, 0.5rem);
    /* Density scales gaps and control heights; controls never drop below 24 px (WCAG 2.2 SC 2.5.8). */
    --_space: calc(var(--ciam-space, 1rem) * var(--ciam-density, 1));
    --_control: max(1.5rem, calc(2.75rem * var(--ciam-density, 1)));
    display: block;
    color: var(--_fg);
    font: var(--ciam-font, 400 1rem/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    /* Japanese wraps between phrases, not inside words; no CJK line starts with closing punctuation. Others: no change. */
    word-break: auto-phrase;
    line-break: strict;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** The shadow chrome's buttons (`.button`, `.button.primary`) and spinner. */
export const shadowControls = controlStyles('', '.button', '.button.primary', '.spinner');

/**
 * The card every element draws its content in (<ciam-login>'s, and the account cards of <ciam-passkey> and
 * <ciam-connections>, which are wider: `--_card-width`): the box, its title and the error box.
 */
export const cardStyles = css`
  [part~='card'] {
    display: grid;
    gap: var(--_space);
    max-inline-size: var(--ciam-card-width, var(--_card-width, 24rem));
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
    background: var(--_bg);
    box-shadow: var(--ciam-card-shadow, 0 1px 2px rgb(16 24 40 / 0.06), 0 4px 16px rgb(16 24 40 / 0.06));
  }
  /* Phones: the page has its own margins, so the card's are halved and fields keep their width (≥ 300 px at 390 px). */
  @media (max-width: 27.5rem) {
    [part~='card'] {
      padding-inline: var(--_space);
    }
  }
  [part~='title'] {
    margin: 0;
    font-size: 1.5rem;
    line-height: 1.25;
    font-weight: 650;
  }
  [part~='error'] {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem 1rem;
    border: 1px solid currentColor;
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_danger-bg);
    color: var(--_danger);
  }
`;
