import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DeviceSession, SessionsApi } from '../../client/sessions-api.js';
import { addDefaultMessages, errorMessage, type MessageId } from '../../i18n/index.js';
import { enSession } from '../../i18n/en-session.js';
import { enSessions } from '../../i18n/en-sessions.js';
import { accountCardStyles } from '../shared/account-card.styles.js';
import { ApiCallController } from '../shared/api-call.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { mediumDate, withIsolatedValue } from '../shared/isolated.js';
import { lazyApi } from '../shared/lazy-api.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';

/**
 * @tag ciam-sessions
 * @summary Where the signed-in user is signed in: each session's browser and system, the app, an approximate
 * place when the OP knows one, when it started and was last active, this device marked. "Sign out" ends any
 * other session (its tokens are revoked: that browser is signed out at its next renewal or API call), "Sign out
 * everywhere else" ends all but this one.
 * @attr endpoint - Base URL of the sessions API (e.g. `https://id.example.com/api/sessions`).
 * @attr authority - Issuer URL of the OP (optional when the page has one client).
 * @attr client-id - OAuth client_id at the OP.
 * @csspart card - The box; also `title`, `lead`, `error`, `status`, `empty`.
 * @csspart list - The sessions; each is `item` with `name`, `badge` (this device), `meta`, `item-actions`.
 * @csspart button - Every button; also `end-button`, `end-others-button`.
 */
export class CiamSessions extends CiamElement {
  static override styles = [
    baseStyles,
    shadowControls,
    cardStyles,
    accountCardStyles,
    css`
      [part~='badge'] {
        margin-inline-start: 0.5rem;
        color: var(--_primary);
        font-size: 0.75rem;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.04em;
      }
      [part~='end-others-button'] {
        justify-self: start;
        inline-size: auto;
      }
    `,
  ];

  @property() endpoint = '';
  /** A sessions API to use instead of `endpoint` (tests, stories, custom backends). */
  @property({ attribute: false }) api: SessionsApi | undefined;

  @state() private sessions: DeviceSession[] | null = null;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly call: ApiCallController = new ApiCallController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });
  private boundTo: unknown[] = [];

  constructor() {
    super();
    addDefaultMessages('en', { ...enSession, ...enSessions });
  }

  protected override willUpdate() {
    const state = this.session.state;
    const who = state.name === 'signed-in' || state.name === 'reauthenticating' ? state.user.sub : null;
    const key = [who, this.session.client, this.api ?? this.endpoint];
    if (key.every((value, i) => value === this.boundTo[i])) return;
    this.boundTo = key;
    this.sessions = null;
    if (who && this.apiNow()) void this.load();
  }

  protected override render() {
    const state = this.session.state;
    const signedIn = state.name === 'signed-in' || state.name === 'reauthenticating';
    const sessions = this.sessions;
    const others = sessions?.filter((s) => !s.current) ?? [];
    return html`<section part="card" aria-labelledby="title" aria-busy=${this.call.busy ? 'true' : 'false'} dir=${this.i18n.dir ?? nothing}>
      <h2 part="title" id="title" tabindex="-1">${this.msg('sessions.title')}</h2>
      <p part="lead">${this.msg('sessions.lead')}</p>
      ${this.call.error ? html`<div part="error" role="alert" tabindex="-1">${errorMessage((id, params) => this.msg(id, params), this.call.error)}</div>` : nothing}
      ${
        !signedIn
          ? html`<p part="empty">${this.msg('sessions.signedOut')}</p>`
          : !sessions
            ? html`<p part="empty">${this.msg('sessions.loading')}</p>`
            : html`<ul part="list">
                  ${[...sessions].sort((a, b) => Number(b.current) - Number(a.current)).map((s) => this.renderSession(s))}
                </ul>
                ${
                  others.length > 0
                    ? html`<button part="button end-others-button" class="button" type="button" ?disabled=${this.call.busy} @click=${() => this.endOthers()}>
                        ${this.msg('sessions.endOthers')}
                      </button>`
                    : html`<p part="empty">${this.msg('sessions.onlyThis')}</p>`
                }`
      }
      <p part="status" role="status" aria-live="polite">${this.call.status}</p>
    </section>`;
  }

  private renderSession(session: DeviceSession) {
    const device =
      session.browser && session.os ? this.msg('sessions.device', { browser: session.browser, os: session.os }) : this.msg('sessions.unknownDevice');
    const where = [session.app, session.place].filter(Boolean).join(' · ');
    return html`<li part="item" data-id=${session.id}>
      <span part="name"><bdi>${device}</bdi>${session.current ? html`<span part="badge">${this.msg('sessions.this')}</span>` : nothing}</span>
      ${where ? html`<span part="meta"><bdi>${where}</bdi></span>` : nothing}
      <span part="meta"
        >${withIsolatedValue((id, params) => this.msg(id, params), 'sessions.started', 'date', this.date(session.created_at))} ·
        ${withIsolatedValue((id, params) => this.msg(id, params), 'sessions.lastSeen', 'date', this.date(session.last_seen))}</span
      >
      ${
        session.current
          ? nothing
          : html`<div part="item-actions">
              <button part="button end-button" class="button danger" type="button" ?disabled=${this.call.busy} aria-label="${this.msg('sessions.end')}: ${device}" @click=${() => this.end(session)}>
                ${this.msg('sessions.end')}
              </button>
            </div>`
      }
    </li>`;
  }

  private apiNow(): SessionsApi | null {
    if (this.api) return this.api;
    const client = this.session.client;
    const endpoint = this.endpoint;
    if (!client || !endpoint) return null;
    const api = lazyApi(
      () => import('../../client/sessions-api.js').then((m) => m.sessionsApi(endpoint, (input, init) => client.fetch(input, init))),
      'sessions',
    );
    return { list: () => api.then((a) => a.list()), end: (id) => api.then((a) => a.end(id)), endOthers: () => api.then((a) => a.endOthers()) };
  }

  private async load() {
    const key = this.boundTo;
    const answer = await this.call.run(() => this.apiNow()!.list());
    if (key === this.boundTo && answer.ok) this.sessions = answer.value;
  }

  private async end(session: DeviceSession) {
    const answer = await this.call.run(() => this.apiNow()!.end(session.id));
    if (!answer.ok) return;
    await this.load();
    this.call.status = this.msg('sessions.ended');
    this.renderRoot.querySelector<HTMLElement>('[part~="title"]')?.focus(); // its row (and button) is gone
  }

  private async endOthers() {
    const answer = await this.call.run(() => this.apiNow()!.endOthers());
    if (!answer.ok) return;
    await this.load();
    this.call.status = this.msg('sessions.endedOthers');
    this.renderRoot.querySelector<HTMLElement>('[part~="title"]')?.focus();
  }

  private msg(id: MessageId, params?: Record<string, string | number>) {
    return this.i18n.msg(id, params);
  }

  private date(iso: string): string {
    return mediumDate(this.i18n.locale, iso);
  }
}
