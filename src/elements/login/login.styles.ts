import { css } from 'lit';

export default css`
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
    block-size: var(--_control);
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
