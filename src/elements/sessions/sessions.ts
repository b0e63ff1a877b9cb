import { adoptStyles, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DeviceSession, SessionsApi } from '../../client/sessions-api.js';
import type { MessageId } from '../../i18n/index.js';
import { accountCardStyles } from '../shared/account-card.styles.js';
import { ApiCallController } from '../shared/api-call.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { accountApi } from '../shared/lazy-api.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';
import { accountHolder } from '../../core/states.js';

type View = typeof import('./sessions-view.js');

/**
 * @tag ciam-sessions
 * @summary Where the signed-in user is signed in: each session's browser and system, the app, an approximate
 * place when the OP knows one, when it started and was last active, this device marked. "Sign out" ends any
 * other session (its tokens are revoked: that browser is signed out at its next renewal or API call), "Sign out
 * everywhere else" ends all but this one. Its list and actions load with the first render.
 * @attr endpoint - Base URL of the sessions API (e.g. `https://id.example.com/api/sessions`).
 * @attr authority - Issuer URL of the OP (optional when the page has one client).
 * @attr client-id - OAuth client_id at the OP.
 * @fires {CiamJourneyEvent} ciam-journey - Ending sessions: the step and its outcome, with nothing personal (README,
 *   "Journey events").
 * @csspart card - The box.
 * @csspart title - The heading.
 * @csspart lead - The line under it.
 * @csspart error - Why the last action failed (role=alert).
 * @csspart status - The live status line.
 * @csspart empty - Shown while signed out or loading, or when this is the only session.
 * @csspart list - The sessions.
 * @csspart item - A session.
 * @csspart name - Its browser and system.
 * @csspart badge - "This device".
 * @csspart meta - Where, and when it started and was last active.
 * @csspart item-actions - A session's button.
 * @csspart button - Every button.
 * @csspart end-button - Signs one other session out.
 * @csspart end-others-button - "Sign out everywhere else".
 * @cssprop --ciam-card-width - Maximum card width.
 * @cssprop --ciam-card-shadow - Card shadow (`box-shadow`).
 */
export class CiamSessions extends CiamElement {
  static override styles = [baseStyles, shadowControls, cardStyles, accountCardStyles];

  @property() endpoint = '';
  /** A sessions API to use instead of `endpoint` (tests, stories, custom backends). */
  @property({ attribute: false }) api: SessionsApi | undefined;

  @state() private sessions: DeviceSession[] | null = null;
  @state() private view: View | null = null;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly call: ApiCallController = new ApiCallController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });
  private boundTo: unknown[] = [];
  /** The view on its way; a failed load (offline) is forgotten, so the next connect tries again. */
  private loading: Promise<void> | null = null;

  override connectedCallback() {
    super.connectedCallback();
    this.loading ??= import('./sessions-view.js').then(
      (view) => {
        adoptStyles(this.renderRoot as ShadowRoot, [...CiamSessions.elementStyles, view.viewStyles]);
        this.view = view;
      },
      () => void (this.loading = null),
    );
  }

  /** Includes the view's arrival, so a fixture, a story or an app sees the card rather than its placeholder. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.loading;
    return super.getUpdateComplete();
  }

  protected override willUpdate() {
    const state = this.session.state;
    const who = accountHolder(state)?.sub ?? null;
    const key = [who, this.session.client, this.api ?? this.endpoint];
    if (key.every((value, i) => value === this.boundTo[i])) return;
    this.boundTo = key;
    this.sessions = null;
    if (who && this.apiNow()) void this.load();
  }

  protected override render() {
    const view = this.view;
    if (!view) return html`<section part="card" aria-busy="true"></section>`;
    return view.renderSessions({
      signedIn: !!accountHolder(this.session.state),
      sessions: this.sessions,
      call: this.call,
      locale: this.i18n.locale,
      dir: this.i18n.dir,
      msg: (id: MessageId, params?: Record<string, string | number>) => this.i18n.msg(id, params),
      api: () => this.apiNow()!,
      reload: async (status) => {
        await this.load();
        this.call.status = this.i18n.msg(status);
        this.renderRoot.querySelector<HTMLElement>('[part~="title"]')?.focus();
      },
      journey: (detail) => this.emit('ciam-journey', detail),
    });
  }

  private apiNow(): SessionsApi | null {
    return accountApi(
      { api: this.api, endpoint: this.endpoint, client: this.session.client },
      () => import('../../client/sessions-api.js').then((m) => m.sessionsApi),
      'sessions',
      ['list', 'end', 'endOthers'],
    );
  }

  private async load() {
    const key = this.boundTo;
    const answer = await this.call.run(() => this.apiNow()!.list());
    if (key === this.boundTo && answer.ok) this.sessions = answer.value;
  }
}
