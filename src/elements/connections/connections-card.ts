/**
 * What <ciam-connections> shows and does: the signed-in user's connected
 * accounts, "Disconnect" with its confirmation, "Connect" for the providers
 * not linked yet, and the answer of a link the OP sent the browser back
 * with; its messages and look. Loaded with the element, so pages that define
 * every element but show no connections card do not carry it.
 */
import { elementJourney } from '../shared/journey.js';
import { css, html, nothing } from 'lit';
import type { SessionClient } from '../../client/ciam-client.js';
import type { Connection, ConnectionList, ConnectionsApi } from '../../client/connections-api.js';
import type { LinkReturn } from '../../core/link-return.js';
import { accountHolder, type SessionState } from '../../core/states.js';
import { addDefaultMessages, errorMessage, type MessageId } from '../../i18n/index.js';
import { enConnections } from '../../i18n/en-connections.js';
import { enSession } from '../../i18n/en-session.js';
import type { ApiCallController } from '../shared/api-call.js';
import type { CiamElement } from '../shared/base.js';
import { mediumDate, withIsolatedValue } from '../shared/isolated.js';

addDefaultMessages('en', { ...enSession, ...enConnections });

export const connectionsStyles = css`
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
`;

/** Where focus goes after the last change: what the user acted on, or what took its place. */
type Focus = { to: 'title' | 'error' | 'confirm' } | { to: 'disconnect'; id: string };

/** What the card needs of its element. */
export interface ConnectionsHost {
  state(): SessionState;
  client(): SessionClient | null;
  /** The `api` property, else the `endpoint` attribute: the list is read again when it changes. */
  target(): ConnectionsApi | string;
  /** The API to call, null until there is a client and an endpoint (shared/lazy-api.ts). */
  api(): ConnectionsApi | null;
  readonly call: ApiCallController;
  dir(): 'ltr' | 'rtl' | undefined;
  locale(): string;
  msg(id: MessageId, params?: Record<string, string | number>): string;
  emit: CiamElement['emit'];
  requestUpdate(): void;
  /** The shadow root, where focus moves. */
  root(): ParentNode;
}

export class ConnectionsCard {
  /** What the API said; null while it loads (or nobody is signed in). */
  private list: ConnectionList | null = null;
  /** The connection whose disconnect awaits confirmation. */
  private confirming: string | null = null;
  private boundTo: unknown[] = [];
  private focusNext: Focus | null = null;

  /** `linkReturn`: the answer of a link, read by the element from the address the OP sent the browser back to. */
  /** `ciam-journey`: connecting (it ends at the OP and comes back: a new attempt says how) and disconnecting. */
  private readonly journey;

  constructor(
    private readonly host: ConnectionsHost,
    private linkReturn: LinkReturn,
  ) {
    this.journey = elementJourney((detail) => host.emit('ciam-journey', detail), 'ciam-connections');
  }

  /** Before each render: the list, read once per signed-in user, client and API. */
  bind() {
    const state = this.host.state();
    const who = accountHolder(state)?.sub ?? null;
    const key = [who, this.host.client(), this.host.target()];
    if (key.every((value, i) => value === this.boundTo[i])) return;
    this.boundTo = key;
    this.list = null;
    this.confirming = null;
    if (who && this.host.api()) void this.load();
  }

  /** After each render. */
  moveFocus() {
    const focus = this.focusNext;
    if (!focus) return;
    this.focusNext = null;
    const find = (selector: string) => this.host.root().querySelector<HTMLElement>(selector);
    if (focus.to === 'disconnect') find(`[part~="item"][data-id="${CSS.escape(focus.id)}"] [part~="disconnect-button"]`)?.focus();
    else find({ title: '[part~="title"]', error: '[part~="error"]', confirm: '[part~="disconnect-confirm-button"]' }[focus.to])?.focus();
  }

  render() {
    const { call } = this.host;
    const state = this.host.state();
    const signedIn = !!accountHolder(state);
    return html`<section part="card" aria-labelledby="title" aria-busy=${call.busy ? 'true' : 'false'} dir=${this.host.dir() ?? nothing}>
      <h2 part="title" id="title" tabindex="-1">${this.msg('connections.title')}</h2>
      <p part="lead">${this.msg('connections.lead')}</p>
      ${call.error ? html`<div part="error" role="alert" tabindex="-1">${errorMessage((id, params) => this.msg(id, params), call.error)}</div>` : nothing}
      ${signedIn ? this.renderList() : html`<p part="empty">${this.msg('connections.signedOut')}</p>`}
      ${signedIn ? this.renderConnect() : nothing}
      <p part="status" role="status" aria-live="polite">${call.status}</p>
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
    const busy = this.host.call.busy;
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
            <p part="confirm-message">${withIsolatedValue(msg, 'connections.confirm', 'name', connection.name)}</p>
            <div part="confirm-actions">
              <button part="button disconnect-confirm-button" class="button danger" type="button" ?disabled=${busy} @click=${() => this.unlink(connection)}>
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
              ?disabled=${busy || !canUnlink}
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
      <h3 part="section-title connect-title" id="connect-title">${this.msg('connections.connectLead')}</h3>
      ${open.map(
        (p) =>
          html`<button part="button connect-button connect-${p.id.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}" class="button" type="button" ?disabled=${this.host.call.busy} @click=${() => this.link(p)}>
            ${this.msg('connections.connect', { name: p.name })}
          </button>`,
      )}
    </div>`;
  }

  private async load() {
    const key = this.boundTo;
    const answer = await this.host.call.run(() => this.host.api()!.list());
    if (key !== this.boundTo || !answer.ok) return;
    this.list = answer.value;
    this.host.requestUpdate();
    this.announceLinkReturn(answer.value);
  }

  /** Once, after the OP sent the browser back from linking: say how it went, and tell the page. */
  private announceLinkReturn(list: ConnectionList) {
    const back = this.linkReturn;
    this.linkReturn = null;
    if (!back) return;
    if ('error' in back) {
      this.host.call.error = back.error;
      this.focusNext = { to: 'error' };
      this.journey({ type: 'outcome', outcome: 'error', code: back.error.code });
      return;
    }
    // Only a provider the API names, and only once it is connected: anyone can put ?linked= on a link to this page.
    const connected = list.connections.find((c) => c.provider === back.linked);
    if (!connected) return;
    const name = list.providers?.find((p) => p.id === back.linked)?.name ?? connected.name;
    this.host.call.status = this.msg('connections.linked', { name });
    this.host.emit('ciam-linked', { provider: back.linked });
    this.journey({ type: 'outcome', outcome: 'ok' });
  }

  private async link(provider: { id: string; name: string }) {
    this.journey({ type: 'step', step: 'connect' });
    this.journey({ type: 'method', method: 'social' });
    const answer = await this.host.call.run(() => this.host.api()!.link(provider.id, location.href));
    if (!answer.ok) return this.journey({ type: 'outcome', outcome: 'error', code: this.host.call.error?.code ?? 'unknown' });
    this.host.call.status = this.msg('connections.connecting', { name: provider.name });
    location.assign(answer.value);
  }

  private async unlink(connection: Connection) {
    const { call } = this.host;
    this.journey({ type: 'step', step: 'disconnect' });
    const answer = await call.run(() => this.host.api()!.unlink(connection.id));
    this.journey(answer.ok ? { type: 'outcome', outcome: 'ok' } : { type: 'outcome', outcome: 'error', code: call.error?.code ?? 'unknown' });
    if (!answer.ok) return;
    this.confirming = null;
    this.host.requestUpdate();
    this.host.emit('ciam-unlinked', { provider: connection.provider, id: connection.id });
    await this.load(); // the row goes, and the provider can be connected again
    call.status ||= this.msg('connections.unlinked', { name: connection.name });
    this.focusNext ??= { to: 'title' };
  }

  private openConfirm(id: string) {
    this.confirming = id;
    this.host.call.error = null;
    this.focusNext = { to: 'confirm' };
    this.host.requestUpdate();
  }

  private closeConfirm(id: string) {
    this.confirming = null;
    this.focusNext = { to: 'disconnect', id };
    this.host.requestUpdate();
  }

  private msg(id: MessageId, params?: Record<string, string | number>) {
    return this.host.msg(id, params);
  }

  private date(iso: string): string {
    return mediumDate(this.host.locale(), iso);
  }
}
