import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Connection, ConnectionList, ConnectionsApi } from '../../client/connections-api.js';
import { readLinkReturn, withoutLinkReturn } from '../../core/link-return.js';
import { addDefaultMessages, errorMessage, type MessageId } from '../../i18n/index.js';
import { enConnections } from '../../i18n/en-connections.js';
import { enSession } from '../../i18n/en-session.js';
import { accountCardStyles } from '../shared/account-card.styles.js';
import { ApiCallController } from '../shared/api-call.js';
import { accountApi } from '../shared/lazy-api.js';
import { mediumDate, withIsolatedValue } from '../shared/isolated.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';

/** Where focus goes after the last change: what the user acted on, or what took its place. */
type Focus = { to: 'title' | 'error' | 'confirm' } | { to: 'disconnect'; id: string };

/**
 * @tag ciam-connections
 * @summary The signed-in user's connected accounts (social and company sign-ins linked at the OP): list them
 * (provider and email, never tokens), connect another (a top-level visit to the OP, which links and sends the
 * browser back here), disconnect one after a confirmation. The OP refuses to disconnect the last way to sign
 * in (`last_method`); the element says why, and marks that row before anyone tries.
 * @attr endpoint - Base URL of the connections API (e.g. `https://id.example.com/api/connections`).
 * @attr authority - Issuer URL of the OP (optional when the page has one client).
 * @attr client-id - OAuth client_id at the OP.
 * @fires ciam-linked - An account was connected (on the page the OP sent the browser back to). detail: { provider }
 * @fires ciam-unlinked - An account was disconnected. detail: { provider, id }
 * @csspart card - The outer box; also `title`, `lead`, `empty`, `status`, `error`.
 * @csspart list - The connections; each is `item` with `name`, `meta`, `item-actions`, or `confirm` with `confirm-actions`.
 * @csspart only-way - The note on a connection that is the last way to sign in.
 * @csspart connect - The providers that can be connected; each button is `button connect-button connect-<id>`.
 * @csspart button - Every button; also `disconnect-button`, `disconnect-confirm-button`.
 */
export class CiamConnections extends CiamElement {
  static override styles = [
    baseStyles,
    shadowControls,
    cardStyles,
    accountCardStyles,
    css`
      [part~='connect'] {
        display: grid;
        gap: 0.5rem;
      }
      [part~='connect'] h3 {
        margin: 0;
        font-size: 1rem;
      }
      [part~='only-way'] {
        align-self: center;
        color: var(--_muted);
        font-size: 0.875rem;
      }
    `,
  ];

  @property() endpoint = '';
  /** A connections API to use instead of `endpoint` (tests, stories, custom backends). */
  @property({ attribute: false }) api: ConnectionsApi | undefined;

  /** What the API said; null while it loads (or nobody is signed in). */
  @state() private list: ConnectionList | null = null;
  /** The connection whose disconnect awaits confirmation. */
  @state() private confirming: string | null = null;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly call: ApiCallController = new ApiCallController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });
  private boundTo: unknown[] = [];
  private focusNext: Focus | null = null;
  /** The answer of a link, read once from the address the OP sent the browser back to. */
  private linkReturn = readLinkReturn(location.href);

  constructor() {
    super();
    addDefaultMessages('en', { ...enSession, ...enConnections });
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.linkReturn) history.replaceState(history.state, '', withoutLinkReturn(location.href));
  }

  protected override willUpdate() {
    const state = this.session.state;
    const who = state.name === 'signed-in' || state.name === 'reauthenticating' ? state.user.sub : null;
    const key = [who, this.session.client, this.api ?? this.endpoint];
    if (key.every((value, i) => value === this.boundTo[i])) return;
    this.boundTo = key;
    this.list = null;
    this.confirming = null;
    if (who && this.apiNow()) void this.load();
  }

  protected override updated() {
    const focus = this.focusNext;
    if (!focus) return;
    this.focusNext = null;
    const find = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);
    if (focus.to === 'disconnect') find(`[part~="item"][data-id="${CSS.escape(focus.id)}"] [part~="disconnect-button"]`)?.focus();
    else find({ title: '[part~="title"]', error: '[part~="error"]', confirm: '[part~="disconnect-confirm-button"]' }[focus.to])?.focus();
  }

  protected override render() {
    const state = this.session.state;
    const signedIn = state.name === 'signed-in' || state.name === 'reauthenticating';
    return html`<section part="card" aria-labelledby="title" aria-busy=${this.call.busy ? 'true' : 'false'} dir=${this.i18n.dir ?? nothing}>
      <h2 part="title" id="title" tabindex="-1">${this.msg('connections.title')}</h2>
      <p part="lead">${this.msg('connections.lead')}</p>
      ${this.call.error ? html`<div part="error" role="alert" tabindex="-1">${errorMessage((id, params) => this.msg(id, params), this.call.error)}</div>` : nothing}
      ${signedIn ? this.renderList() : html`<p part="empty">${this.msg('connections.signedOut')}</p>`}
      ${signedIn ? this.renderConnect() : nothing}
      <p part="status" role="status" aria-live="polite">${this.call.status}</p>
    </section>`;
  }

  private renderList() {
    const list = this.list;
    if (!list) return html`<p part="empty">${this.msg('connections.loading')}</p>`;
    if (list.connections.length === 0) return html`<p part="empty">${this.msg('connections.empty')}</p>`;
    return html`<ul part="list">
      ${list.connections.map((c) => this.renderItem(c, list.can_unlink?.[c.id] !== false))}
    </ul>`;
  }

  private renderItem(connection: Connection, canUnlink: boolean) {
    // Each piece isolated, and the date in its sentence (isolated.ts).
    const msg = (id: MessageId, params?: Record<string, string | number>) => this.msg(id, params);
    const meta = [connection.email, connection.linked_at ? withIsolatedValue(msg, 'connections.linkedOn', 'date', this.date(connection.linked_at)) : null]
      .filter((piece) => !!piece)
      .map((piece, i) => html`${i ? ' · ' : ''}<bdi>${piece}</bdi>`);
    const onlyWay = `only-way-${connection.id}`;
    return html`<li part="item" data-id=${connection.id}>
      <span part="name"><bdi>${connection.name}</bdi></span>
      ${meta.length ? html`<span part="meta">${meta}</span>` : nothing}
      ${
        this.confirming === connection.id
          ? html`<div part="confirm" role="group" aria-label=${this.msg('connections.disconnect')}>
            <p>${withIsolatedValue((id, params) => this.msg(id, params), 'connections.confirm', 'name', connection.name)}</p>
            <div part="confirm-actions">
              <button part="button disconnect-confirm-button" class="button danger" type="button" ?disabled=${this.call.busy} @click=${() => this.unlink(connection)}>
                ${this.msg('connections.confirmYes')}
              </button>
              <button part="button" class="button" type="button" @click=${() => this.closeConfirm(connection.id)}>${this.msg('connections.confirmNo')}</button>
            </div>
          </div>`
          : html`<div part="item-actions">
            <button
              part="button disconnect-button"
              class="button danger"
              type="button"
              ?disabled=${this.call.busy || !canUnlink}
              aria-label="${this.msg('connections.disconnect')}: ${connection.name}"
              aria-describedby=${canUnlink ? nothing : onlyWay}
              @click=${() => this.openConfirm(connection.id)}
            >
              ${this.msg('connections.disconnect')}
            </button>
            ${canUnlink ? nothing : html`<span part="only-way" id=${onlyWay}>${this.msg('connections.onlyWay')}</span>`}
          </div>`
      }
    </li>`;
  }

  /** The providers the OP can link that are not linked yet. */
  private renderConnect() {
    const list = this.list;
    const linked = new Set(list?.connections.map((c) => c.provider));
    const open = (list?.providers ?? []).filter((p) => !linked.has(p.id));
    if (open.length === 0) return nothing;
    return html`<div part="connect" role="group" aria-labelledby="connect-title">
      <h3 id="connect-title">${this.msg('connections.connectLead')}</h3>
      ${open.map(
        (p) =>
          html`<button part="button connect-button connect-${p.id.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}" class="button" type="button" ?disabled=${this.call.busy} @click=${() => this.link(p)}>
            ${this.msg('connections.connect', { name: p.name })}
          </button>`,
      )}
    </div>`;
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

  private async load() {
    const key = this.boundTo;
    const answer = await this.call.run(() => this.apiNow()!.list());
    if (key !== this.boundTo || !answer.ok) return;
    this.list = answer.value;
    this.announceLinkReturn(answer.value);
  }

  /** Once, after the OP sent the browser back from linking: say how it went, and tell the page. */
  private announceLinkReturn(list: ConnectionList) {
    const back = this.linkReturn;
    this.linkReturn = null;
    if (!back) return;
    if ('error' in back) {
      this.call.error = back.error;
      this.focusNext = { to: 'error' };
      return;
    }
    // Only a provider the API names, and only once it is connected: anyone can put ?linked= on a link to this page.
    const connected = list.connections.find((c) => c.provider === back.linked);
    if (!connected) return;
    const name = list.providers?.find((p) => p.id === back.linked)?.name ?? connected.name;
    this.call.status = this.msg('connections.linked', { name });
    this.emit('ciam-linked', { provider: back.linked });
  }

  private async link(provider: { id: string; name: string }) {
    const answer = await this.call.run(() => this.apiNow()!.link(provider.id, location.href));
    if (!answer.ok) return;
    this.call.status = this.msg('connections.connecting', { name: provider.name });
    location.assign(answer.value);
  }

  private async unlink(connection: Connection) {
    const answer = await this.call.run(() => this.apiNow()!.unlink(connection.id));
    if (!answer.ok) return;
    this.confirming = null;
    this.emit('ciam-unlinked', { provider: connection.provider, id: connection.id });
    await this.load(); // the row goes, and the provider can be connected again
    this.call.status ||= this.msg('connections.unlinked', { name: connection.name });
    this.focusNext ??= { to: 'title' };
  }

  private openConfirm(id: string) {
    this.confirming = id;
    this.call.error = null;
    this.focusNext = { to: 'confirm' };
  }

  private closeConfirm(id: string) {
    this.confirming = null;
    this.focusNext = { to: 'disconnect', id };
  }

  /** One call; busy meanwhile; an error shows (and takes focus) instead of the status. */
  private msg(id: MessageId, params?: Record<string, string | number>) {
    return this.i18n.msg(id, params);
  }

  private date(iso: string): string {
    return mediumDate(this.i18n.locale, iso);
  }
}
