import { adoptStyles, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConnectionsApi } from '../../client/connections-api.js';
import { readLinkReturn, withoutLinkReturn } from '../../core/link-return.js';
import { accountCardStyles } from '../shared/account-card.styles.js';
import { ApiCallController } from '../shared/api-call.js';
import { accountApi } from '../shared/lazy-api.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';
import type { ConnectionsCard } from './connections-card.js';

/**
 * @tag ciam-connections
 * @summary The signed-in user's connected accounts (social and company sign-ins linked at the OP): list them
 * (provider and email, never tokens), connect another (a top-level visit to the OP, which links and sends the
 * browser back here), disconnect one after a confirmation. The OP refuses to disconnect the last way to sign
 * in (`last_method`); the element says why, and marks that row before anyone tries.
 * @attr endpoint - Base URL of the connections API (e.g. `https://id.example.com/api/connections`).
 * @attr authority - Issuer URL of the OP (optional when the page has one client).
 * @attr client-id - OAuth client_id at the OP.
 * @fires {CiamLinkedEvent} ciam-linked - An account was connected (on the page the OP sent the browser back to). detail: { provider }
 * @fires {CiamUnlinkedEvent} ciam-unlinked - An account was disconnected. detail: { provider, id }
 * @fires {CiamJourneyEvent} ciam-journey - Connecting or disconnecting: the step and its outcome, with nothing personal
 *   (README, "Journey events").
 * @csspart card - The outer box.
 * @csspart title - The heading.
 * @csspart lead - The line under it.
 * @csspart empty - Shown while signed out or loading, or when none is connected.
 * @csspart status - The live status line.
 * @csspart error - Why the last action failed (role=alert).
 * @csspart list - The connections.
 * @csspart item - A connection.
 * @csspart name - The provider's name.
 * @csspart meta - The account's email at the provider.
 * @csspart item-actions - Its Disconnect button and note.
 * @csspart confirm - The disconnect confirmation.
 * @csspart confirm-message - Its question.
 * @csspart confirm-actions - Its buttons.
 * @csspart only-way - The note on a connection that is the last way to sign in.
 * @csspart connect - The providers that can be connected.
 * @csspart section-title - A heading inside the card (also `connect-title`).
 * @csspart connect-title - The heading over the providers that can be connected.
 * @csspart button - Every button.
 * @csspart connect-button - A provider's "Connect" button.
 * @csspart connect-<id> - The button of one provider, e.g. `connect-github`.
 * @csspart disconnect-button - Asks to disconnect an account.
 * @csspart disconnect-confirm-button - Disconnects it.
 * @cssprop --ciam-card-width - Maximum card width.
 * @cssprop --ciam-card-shadow - Card shadow (`box-shadow`).
 */
export class CiamConnections extends CiamElement {
  static override styles = [baseStyles, shadowControls, cardStyles, accountCardStyles];

  @property() endpoint = '';
  /** A connections API to use instead of `endpoint` (tests, stories, custom backends). */
  @property({ attribute: false }) api: ConnectionsApi | undefined;

  /** What it shows and does (connections-card.ts), loaded with the element. */
  @state() private card: ConnectionsCard | null = null;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly call: ApiCallController = new ApiCallController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });
  private loading: Promise<void> | null = null;
  /** The answer of a link, read once from the address the OP sent the browser back to (the card says it). */
  private readonly linkReturn = readLinkReturn(location.href);

  override connectedCallback() {
    super.connectedCallback();
    // Off the address at once, not when the card arrives: a reload must not announce it again.
    if (this.linkReturn) history.replaceState(history.state, '', withoutLinkReturn(location.href));
    this.loading ??= import('./connections-card.js').then(
      (m) => {
        adoptStyles(this.renderRoot as ShadowRoot, [...CiamConnections.elementStyles, m.connectionsStyles]);
        this.card = new m.ConnectionsCard(
          {
            state: () => this.session.state,
            client: () => this.session.client,
            target: () => this.api ?? this.endpoint,
            api: () => this.apiNow(),
            call: this.call,
            dir: () => this.i18n.dir,
            locale: () => this.i18n.locale,
            msg: (id, params) => this.i18n.msg(id, params),
            emit: (type, detail) => this.emit(type, detail),
            requestUpdate: () => this.requestUpdate(),
            root: () => this.renderRoot,
          },
          this.linkReturn,
        );
      },
      () => void (this.loading = null), // offline: the placeholder stays, and the next connect tries again
    );
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

  /** The page's own API, or the endpoint's through the client; its code (and zod) loads with the first call. */
  private apiNow(): ConnectionsApi | null {
    return accountApi(
      { api: this.api, endpoint: this.endpoint, client: this.session.client },
      () => import('../../client/connections-api.js').then((m) => m.connectionsApi),
      'connections',
      ['list', 'link', 'unlink'],
    );
  }
}
