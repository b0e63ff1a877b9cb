import { css } from 'lit';

/*
 * Two forms from one DOM: wide (avatar, name and email, "Sign out" in a row) and, where the element
 * itself is narrower than 18rem, an avatar button with the same name, email and button in a menu
 * under it. The element is a size container so the choice follows its own width (a phone's header,
 * a slim sidebar), not the viewport's.
 */
export default css`
  :host {
    display: block;
    position: relative;
    container-type: inline-size;
    /* In a flex row (a header): up to 22rem, and it gives way first. */
    flex: 0 1 22rem;
    min-inline-size: calc(var(--ciam-avatar-size, 2.5rem) + 0.25rem);
  }
  [part~='user-menu'] {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-inline-size: 0;
  }
  [part~='avatar'] {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: var(--ciam-avatar-size, 2.5rem);
    block-size: var(--ciam-avatar-size, 2.5rem);
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 650;
    object-fit: cover;
  }
  [part~='menu'] {
    display: flex;
    flex: 1;
    align-items: center;
    gap: 0.75rem;
    min-inline-size: 0;
  }
  [part~='identity'] {
    display: grid;
    flex: 0 1 auto;
    min-inline-size: 0;
    line-height: 1.3;
  }
  [part~='name'] {
    font-weight: 600;
  }
  [part~='email'] {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  /* Long names and emails end in an ellipsis (the full text is their title), never push the button out. */
  [part~='name'],
  [part~='email'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* The kit's secondary button as it is (weight, size, a 44 px target); only its width follows its label. */
  [part~='sign-out-button'] {
    flex: none;
    inline-size: auto;
    white-space: nowrap;
  }
  [part~='menu-button'] {
    display: none;
    flex: none;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  [part~='menu-button'] [data-initials]::before {
    content: attr(data-initials);
  }
  [part~='menu-button']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  @container (max-width: 18rem) {
    [part~='user-menu'] {
      justify-content: flex-end;
    }
    [part~='wide-avatar'] {
      display: none;
    }
    [part~='menu-button'] {
      display: block;
    }
    [part~='menu'] {
      display: none;
      position: absolute;
      inset-block-start: calc(100% + 0.5rem);
      inset-inline-end: 0;
      z-index: 10;
      flex-direction: column;
      align-items: stretch;
      inline-size: max-content;
      min-inline-size: 12rem;
      /* Never wider than the screen, however long the email. */
      max-inline-size: min(20rem, calc(100vw - 2rem));
      padding: 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
    }
    [part~='menu'].open {
      display: flex;
    }
    [part~='menu'][data-placed='start'] {
      inset-inline-start: 0;
      inset-inline-end: auto;
    }
    [part~='sign-out-button'] {
      inline-size: 100%;
    }
  }
`;
