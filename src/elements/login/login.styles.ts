import { css } from 'lit';

export default css`
  [part~='card'] {
    display: grid;
    gap: var(--_space);
    max-inline-size: var(--ciam-card-width, 24rem);
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
  [part~='skeleton'],
  .field {
    display: grid;
    gap: var(--_space);
  }
  .field {
    gap: 0.375rem;
  }
  /* Still, in the border's colour (the status line says it loads); each piece as tall as what replaces it: the label's line (1.5em), fields and buttons (2.75rem), "or" and the sign-up line (1.5rem). */
  .label,
  .box,
  .line {
    border-radius: var(--_radius);
    background: var(--_border);
  }
  .label {
    inline-size: 5rem;
    block-size: 0.875em;
    margin-block: 0.3125em;
  }
  .box {
    block-size: 2.75rem;
  }
  .line {
    justify-self: center;
    inline-size: 50%;
    block-size: 0.75rem;
    margin-block: 0.375rem;
  }
  [part~='header'] {
    display: grid;
    gap: 0.25rem;
  }
  ::slotted([slot='logo']) {
    max-block-size: 2.5rem;
    margin-block-end: 0.5rem;
  }
  [part~='title'] {
    margin: 0;
    font-size: 1.5rem;
    line-height: 1.25;
    font-weight: 650;
  }
  [part~='lead'],
  [part~='signed-in'] {
    margin: 0;
    color: var(--_muted);
  }
  [part~='actions'] {
    display: grid;
    gap: 0.75rem;
  }
  /* Sign-up's place, kept while discovery decides whether the OP offers it: the card does not grow when it shows. */
  .reserved,
  .then {
    display: contents;
  }
  .reserved {
    visibility: hidden;
  }
  [part~='divider'] {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part~='divider']::before,
  [part~='divider']::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--_border);
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
  [part~='error']:focus,
  [part~='title']:focus,
  [part~='signed-in']:focus {
    outline: none;
  }
  /* Focus is put on the title and the signed-in line (tabindex=-1): the kit's ring, clear of the text. */
  [part~='title']:focus-visible,
  [part~='signed-in']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 4px;
    border-radius: 2px;
  }
  [part~='error']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [part~='error-title'] {
    font-weight: 650;
  }
  [part~='error'] p {
    margin: 0;
  }
  [part~='status'] {
    margin: 0;
    min-block-size: 1.5em;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part~='status']:empty {
    display: none;
  }
  [part~='footer'][hidden] {
    display: none;
  }
`;
