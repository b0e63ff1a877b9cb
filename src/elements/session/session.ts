import { adoptStyles, css, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { SessionClient } from '../../client/ciam-client.js';
import type { SessionUser } from '../../core/states.js';
import type { MessageId } from '../../i18n/index.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, shadowControls } from '../shared/styles.js';
import type { SessionWatch } from './session-watch.js';

/** How long a session the OP says has ended stays, for this app's own sign-out message to arrive first (client/tabs.ts). */
const ENDED_GRACE_MS = 2000;

/**
 * @tag ciam-session
 * @summary Ends a session that is no longer used, or too old, and warns before: "Are you still there? For your
 * security, you will be signed out in 1:59." Idle time counts across every tab of the app; "Stay signed in" (or
 * activity in another tab) keeps the session, and at the end every tab is signed out, with the reason shown by
 * <ciam-login>. The warning is a modal dialog: focus moves to "Stay signed in", Escape also stays, and the time
 * left is announced politely every 30 seconds and in the last 10. Shows nothing otherwise. Its code loads once
 * someone is signed in and a limit is set.
 * @attr idle-timeout - Time without activity that ends the session (`15m`, `1h`, `900`); unset: no idle limit.
 * @attr max-age - Time after the user authenticated (`auth_time`) that ends the session (`12h`); unset: no limit here.
 * @attr warn-before - How long before the end the warning shows (default `2m`).
 * @attr events - The OP's session event stream (server-sent events, e.g. the demo OP's `/api/sessions/events`): a
 *   session ended elsewhere (another device's list, an administrator) signs this browser out at once, with
 *   "Your session ended", instead of at its next renewal. One tab of the app listens for all (in BFF mode,
 *   `bff` and e.g. `events="/bff/events"`, each tab).
 * @fires {CiamJourneyEvent} ciam-journey - The warning and how it ended (stayed, signed out, timed out), with nothing
 *   personal (README, "Journey events").
 * @csspart dialog - The warning (a modal `<dialog>`).
 * @csspart title - Its heading.
 * @csspart message - What will happen, with the countdown.
 * @csspart countdown - The time left (`<time>`).
 * @csspart actions - The buttons.
 * @csspart button - Every button.
 * @csspart primary-button - "Stay signed in", or "Sign in again" for `max-age`.
 * @csspart stay-button - "Stay signed in" (idle limit).
 * @csspart sign-in-button - "Sign in again" (`max-age`: only a new sign-in extends it).
 * @csspart sign-out-button - "Sign out" now.
 */
export class CiamSession extends CiamElement {
  static override styles = [
    baseStyles,
    shadowControls,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  @property({ attribute: 'idle-timeout' }) idleTimeout = '';
  @property({ attribute: 'max-age' }) maxAge = '';
  @property({ attribute: 'warn-before' }) warnBefore = '';
  @property() events = '';

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });
  private watch: SessionWatch | null = null;
  private loading = false;
  /** Stops listening to `events`, and what it listens with (client/session-events.ts). */
  private listening: { stop(): void; key: unknown[] } | null = null;
  /** What the watch last looked at: a change (a limit, a step-up's new auth_time) makes it look again. */
  private seen: unknown[] = [];

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.watch?.stop();
    this.watch = null;
    this.listen(null);
  }

  protected override willUpdate() {
    const watching = !!this.user() && !!(this.idleTimeout || this.maxAge);
    if (!watching && this.watch) {
      this.watch.stop();
      this.watch = null;
    }
    if (watching && !this.watch && !this.loading) void this.startWatch();
    const client = this.session.client;
    this.listen(this.user() && this.events && client ? [client, this.events, this.user()?.sub] : null);
    const seen = [this.user(), this.idleTimeout, this.maxAge, this.warnBefore];
    if (seen.some((value, i) => value !== this.seen[i])) {
      this.seen = seen;
      if (this.watch) queueMicrotask(() => this.watch?.look());
    }
  }

  private async startWatch() {
    this.loading = true;
    const { SessionWatch, watchStyles } = await import('./session-watch.js');
    this.loading = false;
    if (this.watch || !this.user()) return;
    adoptStyles(this.renderRoot as ShadowRoot, [...CiamSession.elementStyles, watchStyles]);
    this.watch = new SessionWatch({
      limits: () => ({ idleTimeout: this.idleTimeout, maxAge: this.maxAge, warnBefore: this.warnBefore }),
      locale: () => this.i18n.locale,
      dir: () => this.i18n.dir,
      user: () => this.user(),
      client: () => this.session.client,
      msg: (id: MessageId, params?: Record<string, string | number>) => this.i18n.msg(id, params),
      requestUpdate: () => this.requestUpdate(),
      dialog: () => this.renderRoot.querySelector('dialog'),
      journey: (detail) => this.emit('ciam-journey', detail),
    });
  }

  /** Listens to the OP's session events with `key` (client, endpoint, user), or stops with null. */
  private listen(key: [SessionClient, string, string | undefined] | null) {
    if (key && this.listening?.key.every((v, i) => v === key[i])) return;
    this.listening?.stop();
    this.listening = null;
    if (!key) return;
    const [client, endpoint] = key;
    let stopped = false;
    let stop = (): void => void (stopped = true);
    this.listening = { stop: () => stop(), key };
    void import('../../client/session-events.js').then((m) => {
      // A BFF's tabs do not hear each other's sign-out: each listens.
      // A sign-out of this app's own (another tab timing out, or signing out) ends the grant too, and the OP may say
      // so before that tab's own message arrives: a moment's grace, and only a session still on here is ended.
      const ended = async () => {
        await new Promise((resolve) => setTimeout(resolve, ENDED_GRACE_MS));
        if (client.state.name === 'signed-in') client.signOut({ reason: 'ended' });
      };
      if (!stopped) stop = m.listenForSessionEnd(client, endpoint, ended, !this.bff);
    });
  }

  protected override render() {
    return this.watch?.render() ?? nothing;
  }

  protected override updated() {
    this.watch?.sync();
  }

  private user(): SessionUser | null {
    const state = this.session.state;
    return state.name === 'signed-in' || state.name === 'reauthenticating' ? state.user : null;
  }
}
