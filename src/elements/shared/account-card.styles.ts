import { css } from 'lit';

/**
 * A card of the signed-in user's account items (<ciam-passkey>'s passkeys, <ciam-connections>' connected accounts):
 * title, lead, a list of rows with their actions and an inline confirmation, error and status.
 */
export const accountCardStyles = css`
  /* The card, its title and error box are cardStyles (styles.ts), wider for the list. */
  :host {
    --_card-width: 32rem;
  }
  [part~='lead'],
  [part~='meta'],
  [part~='empty'],
  [part~='status'] {
    margin: 0;
    color: var(--_muted);
  }
  [part~='meta'],
  [part~='status'] {
    font-size: 0.875rem;
  }
  /* A fact ("Last used 28/11/2026") wraps as a whole where it fits: split over two lines, RTL would read it backwards. */
  [part~='meta'] > bdi {
    display: inline-block;
  }
  [part~='status']:empty {
    display: none;
  }
  [part~='list'] {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='item'] {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part~='name'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  /* A word beside a name: "Required", "This device". */
  [part~='badge'] {
    margin-inline-start: 0.5rem;
    color: var(--_muted);
    font-size: 0.75rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  [part~='item-actions'],
  [part~='confirm-actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part~='item-actions'] .button,
  [part~='confirm-actions'] .button {
    inline-size: auto;
    min-block-size: 2.25rem;
  }
  /*
   * Phones: the card's side padding halves (cardStyles), and each row's actions share one line
   * under the name, equally wide ("Umbenennen" and "Entfernen" fit at 390 px); where even that is too
   * narrow (320 px), each takes the whole width, in every row alike.
   */
  @media (max-width: 27.5rem) {
    [part~='item'] {
      padding-inline: 0.75rem;
    }
    [part~='item-actions'] .button,
    [part~='confirm-actions'] .button {
      flex: 1 1 auto;
      padding-inline: 0.75rem;
    }
  }
  [part~='name']:focus,
  [part~='title']:focus {
    outline: none;
  }
  [part~='name']:focus-visible,
  [part~='title']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    border-radius: 2px;
  }
  [part~='confirm'] {
    display: grid;
    gap: 0.5rem;
  }
  [part~='confirm'] p {
    margin: 0;
  }
  [part~='error']:focus {
    outline: none;
  }
  .danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
`;
