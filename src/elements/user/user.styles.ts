import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
  }
  [part~='user-menu'] {
    display: flex;
    align-items: center;
    gap: 0.75rem;
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
  [part~='identity'] {
    display: grid;
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
  [part~='name'],
  [part~='email'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part~='sign-out-button'] {
    inline-size: auto;
    min-block-size: 2.25rem;
    font-weight: 500;
  }
`;
