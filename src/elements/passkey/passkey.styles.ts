import { css } from 'lit';

/** The inline rename form of a passkey row; the card and its list are account-card.styles.ts. */
export default css`
  [part~='rename-form'] {
    display: grid;
    gap: 0.5rem;
  }
  [part~='rename-form'] input {
    min-block-size: 2.5rem;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    font: inherit;
  }
  [part~='rename-form'] input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  [part~='field-error'] {
    margin: 0;
    color: var(--_danger);
    font-size: 0.875rem;
  }
  [part~='rename-form'] .button {
    inline-size: auto;
    min-block-size: 2.25rem;
  }
`;
