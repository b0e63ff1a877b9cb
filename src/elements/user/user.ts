import { html, nothing } from 'lit';
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
 * @attr authority - Issuer URL of the OP (optional when the page has one <ciam-login>).
 * @attr client-id - OAuth client_id at the OP.
 * @csspart user-menu - The whole row.
 * @csspart avatar - Picture, or initials when there is none.
 * @csspart identity - Name and email.
 * @csspart name - The name.
 * @csspart email - The email.
 * @csspart button - The sign-out button; also `sign-out-button`.
 * @cssprop --ciam-avatar-size - Avatar size.
 */
export class CiamUser extends CiamElement {
  static override styles = [baseStyles, shadowControls, styles];

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });

  protected override render() {
    const state = this.session.state;
    if (state.name !== 'signed-in' && state.name !== 'signing-out' && state.name !== 'reauthenticating') return nothing;
    const { user } = state;
    const name = user.name ?? user.email ?? this.i18n.msg('user.anonymous');
    return html`<div part="user-menu" role="group" aria-label=${this.i18n.msg('user.menuLabel')} dir=${this.i18n.dir ?? nothing}>
      ${this.renderAvatar(user, name)}
      <div part="identity">
        <span part="name">${name}</span>
        ${user.email && user.email !== name ? html`<span part="email">${user.email}</span>` : nothing}
      </div>
      <button part="button sign-out-button" class="button" type="button" ?disabled=${state.name === 'signing-out'} @click=${() => this.handleSignOut()}>
        ${this.i18n.msg('user.signOut')}
      </button>
    </div>`;
  }

  private renderAvatar(user: SessionUser, name: string) {
    // Decorative: the name is right beside it.
    if (user.picture) return html`<img part="avatar" src=${user.picture} alt="" referrerpolicy="no-referrer" />`;
    return html`<span part="avatar" aria-hidden="true">${initials(name)}</span>`;
  }

  private handleSignOut() {
    this.session.client?.signOut();
  }
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return letters.map((w) => Array.from(w)[0].toUpperCase()).join('');
}
