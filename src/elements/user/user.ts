import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { SessionUser } from '../../core/states.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, shadowControls } from '../shared/styles.js';
import styles from './user.styles.js';

/**
 * @tag ciam-user
 * @summary The signed-in user (name, email, picture from the OP's claims) and a sign-out button.
 * Renders nothing while signed out. Without `authority`/`client-id` it joins the page's client.
 * Where it is narrow (below 18rem: a phone's header, a slim sidebar; a container query on the element
 * itself), it shows only an avatar button that opens a small menu with the name, email and "Sign out".
 * The element is a block-level size container: in a flex row it takes up to 22rem and gives way first.
 * @attr authority - Issuer URL of the OP (optional when the page has one <ciam-login>).
 * @attr client-id - OAuth client_id at the OP.
 * @csspart user-menu - The whole block.
 * @csspart avatar - Picture, or initials when there is none (also on the narrow form's button).
 * @csspart wide-avatar - The avatar of the wide form, beside the name (also `avatar`).
 * @csspart menu-button - The avatar button of the narrow form (`aria-expanded`).
 * @csspart menu - What it opens; in the wide form, the row of identity and button.
 * @csspart identity - Name and email.
 * @csspart name - The name.
 * @csspart email - The email.
 * @csspart button - The sign-out button.
 * @csspart sign-out-button - The same button, by its role.
 * @cssprop --ciam-avatar-size - Avatar size (default 2.5rem).
 */
export class CiamUser extends CiamElement {
  static override styles = [baseStyles, shadowControls, styles];

  /** The narrow form's menu is open. */
  @state() private open = false;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });

  constructor() {
    super();
    this.addEventListener('keydown', this.handleKeydown);
    this.addEventListener('focusout', this.handleFocusout);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.setOpen(false);
  }

  protected override render() {
    const state = this.session.state;
    if (state.name !== 'signed-in' && state.name !== 'signing-out' && state.name !== 'reauthenticating') return nothing;
    const { user } = state;
    const name = user.name ?? user.email ?? this.i18n.msg(user.claims.is_anonymous === true ? 'user.guest' : 'user.anonymous');
    const email = user.email && user.email !== name ? user.email : null;
    // One copy of each: the wide form shows the menu's contents in a row, the narrow one behind the button.
    return html`<div part="user-menu" role="group" aria-label=${this.i18n.msg('user.menuLabel')} dir=${this.i18n.dir ?? nothing}>
      ${this.renderAvatar(user, name, 'avatar wide-avatar')}
      <button
        part="menu-button"
        class="menu-button"
        type="button"
        aria-label=${this.i18n.msg('user.menuButton', { name })}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu"
        @click=${() => this.setOpen(!this.open)}
      >
        ${this.renderAvatar(user, name, 'avatar', true)}
      </button>
      <div part="menu" id="menu" class=${this.open ? 'open' : ''}>
        <div part="identity">
          <span part="name" title=${name}>${name}</span>
          ${email ? html`<span part="email" title=${email}>${email}</span>` : nothing}
        </div>
        <button part="button sign-out-button" class="button" type="button" ?disabled=${state.name === 'signing-out'} @click=${this.handleSignOut}>
          ${this.i18n.msg('user.signOut')}
        </button>
      </div>
    </div>`;
  }

  /** The open menu stays on the screen: it hangs from the button's end, or from its start where that would cross the edge. */
  protected override updated() {
    const menu = this.renderRoot.querySelector<HTMLElement>('[part~="menu"]');
    if (!menu || !this.open || menu.dataset.placed) return;
    menu.dataset.placed = 'end';
    const { left, right } = menu.getBoundingClientRect();
    if (left < 0 || right > document.documentElement.clientWidth) menu.dataset.placed = 'start';
  }

  /**
   * Decorative: the name is right beside it, or is the button's name. On the button the initials are
   * drawn by CSS (data-initials), like a picture: text there would have to be part of the button's name.
   */
  private renderAvatar(user: SessionUser, name: string, part: string, onButton = false) {
    if (user.picture) return html`<img part=${part} src=${user.picture} alt="" referrerpolicy="no-referrer" />`;
    if (onButton) return html`<span part=${part} data-initials=${initials(name)} aria-hidden="true"></span>`;
    return html`<span part=${part} aria-hidden="true">${initials(name)}</span>`;
  }

  private setOpen(open: boolean) {
    if (open === this.open) return;
    this.open = open;
    delete this.renderRoot.querySelector<HTMLElement>('[part~="menu"]')?.dataset.placed; // measured again when it opens
    // A click anywhere else on the page closes it (listening only while it is open).
    if (open) document.addEventListener('click', this.handleOutsideClick, true);
    else document.removeEventListener('click', this.handleOutsideClick, true);
  }

  private readonly handleOutsideClick = (e: Event) => {
    if (!e.composedPath().includes(this)) this.setOpen(false);
  };

  private readonly handleKeydown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !this.open) return;
    e.stopPropagation(); // the page's own Escape (a dialog around it) is not meant
    this.setOpen(false);
    this.renderRoot.querySelector<HTMLElement>('[part~="menu-button"]')?.focus();
  };

  /** Tab past the last item closes it; a click on nothing focusable (no related target) is left to the click handler. */
  private readonly handleFocusout = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to && !this.contains(to) && !this.renderRoot.contains(to)) this.setOpen(false);
  };

  private readonly handleSignOut = () => {
    this.setOpen(false);
    this.session.client?.signOut();
  };
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return letters.map((w) => Array.from(w)[0].toUpperCase()).join('');
}
