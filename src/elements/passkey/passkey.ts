import { adoptStyles, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PasskeyApi } from '../../client/passkeys-api.js';
import { accountCardStyles } from '../shared/account-card.styles.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';
import type { PasskeyCard } from './passkey-card.js';

/**
 * @tag ciam-passkey
 * @summary The signed-in user's passkeys: list (name, created, last used, synced or on one device), add, rename, remove.
 * Talks to a passkey management API (the demo OP's `/api/passkeys`, docs/first-party-challenge.md) with the
 * user's access token. The server refuses to remove the last way to sign in (`last_credential`); the element says why.
 * @attr endpoint - Base URL of the passkey API (e.g. `https://id.example.com/api/passkeys`).
 * @attr authority - Issuer URL of the OP (optional when the page has one client).
 * @attr client-id - OAuth client_id at the OP.
 * @fires {CiamJourneyEvent} ciam-journey - Adding a passkey: the step, method and outcome, with nothing personal
 *   (README, "Journey events").
 * @csspart card - The outer box.
 * @csspart title - The heading.
 * @csspart lead - The line under it.
 * @csspart list - The passkeys.
 * @csspart item - A passkey.
 * @csspart name - Its name.
 * @csspart meta - Created, last used, synced or on one device.
 * @csspart item-actions - Its Rename and Remove buttons.
 * @csspart rename-form - The inline rename form.
 * @csspart label - The rename form's label.
 * @csspart input - The rename form's name field.
 * @csspart field-error - What is wrong with the new name.
 * @csspart confirm - The remove confirmation.
 * @csspart confirm-message - Its question.
 * @csspart confirm-actions - The buttons of the rename form or the confirmation.
 * @csspart button - Every button.
 * @csspart primary-button - "Add a passkey", and Save in the rename form.
 * @csspart add-button - "Add a passkey".
 * @csspart rename-button - Opens the rename form.
 * @csspart remove-button - Asks to remove a passkey.
 * @csspart remove-confirm-button - Removes it.
 * @csspart error - The error box (role=alert).
 * @csspart empty - Shown while signed out or loading, or when there are none.
 * @csspart status - The live status line.
 * @cssprop --ciam-card-width - Maximum card width.
 * @cssprop --ciam-card-shadow - Card shadow (`box-shadow`).
 */
export class CiamPasskey extends CiamElement {
  static override styles = [baseStyles, shadowControls, cardStyles, accountCardStyles];

  @property() endpoint = '';
  /**
   * A passkey API to use instead of `endpoint` (tests, stories, custom backends). It is still
   * reached through the client, which runs the browser's ceremony and tells the page of changes.
   */
  @property({ attribute: false }) api: PasskeyApi | undefined;

  /** What it shows and does (passkey-card.ts), loaded with the element. */
  @state() private card: PasskeyCard | null = null;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });
  private loading: Promise<void> | null = null;

  override connectedCallback() {
    super.connectedCallback();
    this.loading ??= import('./passkey-card.js').then(
      (m) => {
        adoptStyles(this.renderRoot as ShadowRoot, [...CiamPasskey.elementStyles, m.passkeyStyles]);
        this.card = new m.PasskeyCard({
          state: () => this.session.state,
          client: () => this.session.client,
          target: () => this.api ?? this.endpoint,
          locale: () => this.i18n.locale,
          msg: (id, params) => this.i18n.msg(id, params),
          requestUpdate: () => this.requestUpdate(),
          root: () => this.renderRoot,
          journey: (detail) => this.emit('ciam-journey', detail),
        });
      },
      () => void (this.loading = null), // offline: the placeholder stays, and the next connect tries again
    );
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.card?.release();
  }

  /** Includes the card's arrival: `await el.updateComplete` (tests, stories, apps) finds the card, not its placeholder. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.loading;
    return super.getUpdateComplete();
  }

  protected override willUpdate() {
    this.card?.bind();
  }

  protected override updated() {
    this.card?.moveFocus();
  }

  protected override render() {
    return this.card?.render() ?? html`<section part="card" aria-busy="true"></section>`;
  }
}
