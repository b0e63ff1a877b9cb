import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { SessionUser } from '../../core/states.js';
import { formatCountdown, parseDuration, sessionTimeout, type TimeoutPhase, type TimeoutReason } from '../../core/session-timeout.js';
import { addDefaultMessages, type MessageId } from '../../i18n/index.js';
import { enTimeout } from '../../i18n/en-timeout.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, shadowControls } from '../shared/styles.js';
import { Activity } from './activity.js';

const DEFAULT_WARN_MS = 2 * 60_000;
/** Looked at again at least this often while all is well: another tab's activity or a sleeping laptop change things. */
const RECHECK_MS = 30_000;
/** The tab that signs out for all holds its lock this long, so the others hear it before they would try. */
const HOLD_MS = 2_000;

/**
 * @tag ciam-session
 * @summary Ends a session that is no longer used, or too old, and warns before: "Are you still there? For your
 * security, you will be signed out in 1:59." Idle time counts across every tab of the app; "Stay signed in" (or
 * activity in another tab) keeps the session, and at the end every tab is signed out, with the reason shown by
 * <ciam-login>. The warning is a modal dialog: focus moves to "Stay signed in", Escape also stays, and the time
 * left is announced politely every 30 seconds and in the last 10. Shows nothing otherwise.
 * @attr idle-timeout - Time without activity that ends the session (`15m`, `1h`, `900`); unset: no idle limit.
 * @attr max-age - Time after the user authenticated (`auth_time`) that ends the session (`12h`); unset: no limit here.
 * @attr warn-before - How long before the end the warning shows (default `2m`).
 * @csspart dialog - The warning; also `title`, `message`, `countdown`, `actions`.
 * @csspart button - Its buttons; also `stay-button` (or `sign-in-button` for `max-age`), `sign-out-button`.
 */
export class CiamSession extends CiamElement {
  static override styles = [
    baseStyles,
    shadowControls,
    css`
      :host {
        display: contents;
      }
      [part~='dialog'] {
        box-sizing: border-box;
        inline-size: min(26rem, calc(100vw - 2rem));
        padding: calc(var(--_space) * 1.5);
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 1.5);
        background: var(--_bg);
        color: var(--_fg);
        box-shadow: 0 8px 32px rgb(16 24 40 / 0.2);
      }
      [part~='dialog']::backdrop {
        background: rgb(16 24 40 / 0.45);
      }
      [part~='title'] {
        margin: 0 0 0.5rem;
        font-size: 1.25rem;
        line-height: 1.3;
      }
      [part~='message'] {
        margin: 0 0 var(--_space);
      }
      [part~='countdown'] {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
      [part~='actions'] {
        display: grid;
        gap: 0.5rem;
      }
    `,
  ];

  @property({ attribute: 'idle-timeout' }) idleTimeout = '';
  @property({ attribute: 'max-age' }) maxAge = '';
  @property({ attribute: 'warn-before' }) warnBefore = '';

  @state() private phase: TimeoutPhase = { phase: 'off' };
  @state() private announcement = '';
  @query('dialog') private dialog!: HTMLDialogElement | null;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });
  private activity: Activity | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ending = false;

  constructor() {
    super();
    addDefaultMessages('en', enTimeout);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: PropertyValues) {
    const user = this.user();
    if (!user) return this.stop();
    if (!this.activity) {
      this.ending = false;
      this.activity = new Activity(Date.now(), () => this.look());
    }
    if (changed.has('idleTimeout') || changed.has('maxAge') || changed.has('warnBefore') || !this.timer) queueMicrotask(() => this.look());
  }

  protected override updated() {
    const open = this.phase.phase === 'warning';
    const dialog = this.dialog;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLButtonElement>('[part~="primary-button"]')?.focus(); // the answer most people want
    }
    if (!open && dialog.open) dialog.close();
  }

  protected override render() {
    const phase = this.phase;
    if (phase.phase !== 'warning') return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="message"></dialog>`;
    const left = formatCountdown(phase.endsAt - Date.now());
    const [before, after = ''] = this.msg(phase.reason === 'idle' ? 'timeout.idle' : 'timeout.maxAge', { time: '\u0000' }).split('\u0000');
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="message" dir=${this.i18n.dir ?? nothing} @cancel=${(event: Event) => this.onCancel(event)}>
      <h2 part="title" id="title">${this.msg(phase.reason === 'idle' ? 'timeout.title' : 'timeout.titleMaxAge')}</h2>
      <p part="message" id="message">${before}<time part="countdown">${left}</time>${after}</p>
      <div part="actions">
        ${
          phase.reason === 'idle'
            ? html`<button part="button primary-button stay-button" class="button primary" type="button" @click=${() => this.stay()}>
                ${this.msg('timeout.stay')}
              </button>`
            : html`<button part="button primary-button sign-in-button" class="button primary" type="button" @click=${() => this.signInAgain()}>
                ${this.msg('timeout.signInAgain')}
              </button>`
        }
        <button part="button sign-out-button" class="button" type="button" @click=${() => this.end(phase.reason, false)}>${this.msg('timeout.signOut')}</button>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </dialog>`;
  }

  /** Where the session stands now, and when to look again. */
  private look() {
    clearTimeout(this.timer);
    const user = this.user();
    if (!user || !this.activity) return;
    const now = Date.now();
    const authTime = typeof user.claims.auth_time === 'number' ? user.claims.auth_time * 1000 : null;
    const phase = sessionTimeout(
      { idleMs: parseDuration(this.idleTimeout), maxAgeMs: parseDuration(this.maxAge), warnMs: parseDuration(this.warnBefore) ?? DEFAULT_WARN_MS },
      { now, lastActivity: this.activity.last, authTime },
    );
    this.activity.paused = phase.phase === 'warning'; // the warning wants an answer, not a passing mouse
    if (JSON.stringify(phase) !== JSON.stringify(this.phase)) this.phase = phase;
    if (phase.phase === 'ended') return void this.end(phase.reason, true);
    if (phase.phase === 'warning') {
      this.announce(phase.endsAt - now);
      this.requestUpdate(); // the countdown
      this.timer = setTimeout(() => this.look(), 1000 - (now % 1000) || 1000);
      return;
    }
    this.announcement = '';
    this.timer = setTimeout(() => this.look(), phase.phase === 'active' ? Math.min(phase.until - now, RECHECK_MS) : RECHECK_MS);
  }

  /** The time left, said every 30 seconds and in each of the last 10 (screen readers; the countdown is silent). */
  private announce(leftMs: number) {
    const seconds = Math.ceil(leftMs / 1000);
    if (seconds % 30 !== 0 && seconds > 10 && this.announcement) return;
    const locale = this.i18n.locale;
    const unit = (value: number, name: 'minute' | 'second') => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
    const parts = [Math.floor(seconds / 60) ? unit(Math.floor(seconds / 60), 'minute') : '', seconds % 60 ? unit(seconds % 60, 'second') : ''].filter(Boolean);
    this.announcement = this.msg('timeout.announce', { time: new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(parts) });
  }

  private stay() {
    this.activity?.touch();
  }

  /** Escape: the user is here, which is what "Stay signed in" says (the age limit cannot be waved away). */
  private onCancel(event: Event) {
    event.preventDefault();
    if (this.phase.phase === 'warning' && this.phase.reason === 'idle') this.stay();
  }

  private signInAgain() {
    const client = this.session.client;
    this.dialog?.close(); // the sign-in may show in the page (embedded mode), which the modal would cover
    void client?.stepUp?.({ maxAge: 0 }).catch(() => undefined); // a refusal leaves the countdown running
  }

  /**
   * The end: one tab signs out (a Web Lock picks it; the others hear it from that tab), with the reason.
   * `timedOut` false: "Sign out now", the user's own choice.
   */
  private async end(reason: TimeoutReason, timedOut: boolean) {
    if (this.ending) return;
    this.ending = true;
    const client = this.session.client;
    const signOut = () => client?.signOut(timedOut ? { reason } : {});
    const locks = globalThis.navigator?.locks;
    const sub = this.user()?.sub ?? '';
    if (!timedOut || !locks) return signOut();
    const signedOutHere = await locks.request(`ciam-timeout:${sub}`, { ifAvailable: true }, async (lock) => {
      if (!lock || !this.user()) return false;
      signOut();
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS)); // the other tabs hear the sign-out meanwhile
      return true;
    });
    // Another tab is signing out for all; should that fail, this tab tries again.
    if (!signedOutHere) {
      this.timer = setTimeout(() => {
        this.ending = false;
        this.look();
      }, HOLD_MS);
    }
  }

  private stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.activity?.stop();
    this.activity = null;
    if (this.phase.phase !== 'off') this.phase = { phase: 'off' };
  }

  private user(): SessionUser | null {
    const state = this.session.state;
    return state.name === 'signed-in' || state.name === 'reauthenticating' ? state.user : null;
  }

  private msg(id: MessageId, params?: Record<string, string | number>) {
    return this.i18n.msg(id, params);
  }
}
