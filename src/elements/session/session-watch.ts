/**
 * The working part of <ciam-session>, loaded once someone is signed in and a
 * limit is set: activity across tabs, the timer, the warning dialog and the
 * end. The element itself is a shell (its attributes and client).
 */
import { elementJourney, type JourneyEmit } from '../shared/journey.js';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { SessionClient } from '../../client/ciam-client.js';
import { formatCountdown, parseDuration, sessionTimeout, type TimeoutPhase, type TimeoutReason } from '../../core/session-timeout.js';
import type { SessionUser } from '../../core/states.js';
import { addDefaultMessages, type MessageId } from '../../i18n/index.js';
import { enTimeout } from '../../i18n/en-timeout.js';
import { Activity } from './activity.js';

addDefaultMessages('en', enTimeout);

const DEFAULT_WARN_MS = 2 * 60_000;
/** Looked at again at least this often while all is well: another tab's activity or a sleeping laptop change things. */
const RECHECK_MS = 30_000;
/** The tab that signs out for all holds its lock this long, so the others hear it before they would try. */
const HOLD_MS = 2_000;

export const watchStyles = css`
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
`;

/** What the watch needs of its element. */
export interface WatchHost {
  /** The element's attributes, as they are now. */
  limits(): { idleTimeout: string; maxAge: string; warnBefore: string };
  locale(): string;
  dir(): 'ltr' | 'rtl' | undefined;
  user(): SessionUser | null;
  client(): SessionClient | null;
  msg(id: MessageId, params?: Record<string, string | number>): string;
  requestUpdate(): void;
  dialog(): HTMLDialogElement | null;
  /** Fires `ciam-journey`: the warning shown, then kept (ok), timed out (its code) or "Sign out now" (cancelled). */
  journey: JourneyEmit;
}

export class SessionWatch {
  private phase: TimeoutPhase = { phase: 'off' };
  private announcement = '';
  private readonly activity: Activity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ending = false;

  private readonly journey;

  constructor(private readonly host: WatchHost) {
    this.journey = elementJourney(host.journey, 'ciam-session');
    this.activity = new Activity(Date.now(), () => this.look());
    this.look();
  }

  stop() {
    clearTimeout(this.timer);
    this.activity.stop();
  }

  /** After every render: the dialog open exactly while warning, focus on the answer most people want. */
  sync() {
    const open = this.phase.phase === 'warning';
    const dialog = this.host.dialog();
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLButtonElement>('[part~="primary-button"]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }

  /** One `<dialog>` in every phase: closing that same element gives focus back to what had it before the warning. */
  render(): TemplateResult {
    const phase = this.phase;
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="message" dir=${this.host.dir() ?? nothing} @cancel=${(event: Event) => this.onCancel(event)}>
      ${phase.phase === 'warning' ? this.renderWarning(phase) : nothing}
    </dialog>`;
  }

  private renderWarning(phase: Extract<TimeoutPhase, { phase: 'warning' }>): TemplateResult {
    const msg: WatchHost['msg'] = (id, params) => this.host.msg(id, params);
    const left = formatCountdown(phase.endsAt - Date.now());
    const [before, after = ''] = msg(phase.reason === 'idle' ? 'timeout.idle' : 'timeout.maxAge', { time: '\u0000' }).split('\u0000');
    return html`<h2 part="title" id="title">${msg(phase.reason === 'idle' ? 'timeout.title' : 'timeout.titleMaxAge')}</h2>
      <p part="message" id="message">${before}<time part="countdown">${left}</time>${after}</p>
      <div part="actions">
        ${
          phase.reason === 'idle'
            ? html`<button part="button primary-button stay-button" class="button primary" type="button" @click=${() => this.activity.touch()}>${msg('timeout.stay')}</button>`
            : html`<button part="button primary-button sign-in-button" class="button primary" type="button" @click=${() => this.signInAgain()}>
                ${msg('timeout.signInAgain')}
              </button>`
        }
        <button part="button sign-out-button" class="button" type="button" @click=${() => (this.journey({ type: 'outcome', outcome: 'cancelled' }), void this.end(phase.reason, false))}>${msg('timeout.signOut')}</button>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>`;
  }

  /** Where the session stands now, and when to look again. */
  look() {
    clearTimeout(this.timer);
    const user = this.host.user();
    if (!user) return;
    const now = Date.now();
    const authTime = typeof user.claims.auth_time === 'number' ? user.claims.auth_time * 1000 : null;
    const host = this.host;
    const limits = host.limits();
    const phase = sessionTimeout(
      { idleMs: parseDuration(limits.idleTimeout), maxAgeMs: parseDuration(limits.maxAge), warnMs: parseDuration(limits.warnBefore) ?? DEFAULT_WARN_MS },
      { now, lastActivity: this.activity.last, authTime },
    );
    this.activity.paused = phase.phase === 'warning'; // the warning wants an answer, not a passing mouse
    const warned = this.phase.phase === 'warning';
    if (!warned && phase.phase === 'warning') this.journey({ type: 'step', step: 'session-warning' });
    if (warned && phase.phase === 'active') this.journey({ type: 'outcome', outcome: 'ok' });
    if (warned && phase.phase === 'ended')
      this.journey({ type: 'outcome', outcome: 'error', code: phase.reason === 'idle' ? 'idle_timeout' : 'session_max_age' });
    this.phase = phase;
    if (phase.phase === 'ended') return void this.end(phase.reason, true);
    if (phase.phase === 'warning') {
      this.announce(phase.endsAt - now);
      this.timer = setTimeout(() => this.look(), 1000 - (now % 1000) || 1000);
    } else {
      this.announcement = '';
      this.timer = setTimeout(() => this.look(), phase.phase === 'active' ? Math.min(phase.until - now, RECHECK_MS) : RECHECK_MS);
    }
    host.requestUpdate();
  }

  /** The time left, said every 30 seconds and in each of the last 10 (screen readers; the countdown is silent). */
  private announce(leftMs: number) {
    const seconds = Math.ceil(leftMs / 1000);
    if (seconds % 30 !== 0 && seconds > 10 && this.announcement) return;
    const locale = this.host.locale();
    const unit = (value: number, name: 'minute' | 'second') => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
    const parts = [Math.floor(seconds / 60) ? unit(Math.floor(seconds / 60), 'minute') : '', seconds % 60 ? unit(seconds % 60, 'second') : ''].filter(Boolean);
    this.announcement = this.host.msg('timeout.announce', { time: new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(parts) });
  }

  /** Escape: the user is here, which is what "Stay signed in" says (the age limit cannot be waved away). */
  private onCancel(event: Event) {
    event.preventDefault();
    if (this.phase.phase === 'warning' && this.phase.reason === 'idle') this.activity.touch();
  }

  private signInAgain() {
    this.host.dialog()?.close(); // the sign-in may show in the page (embedded mode), which the modal would cover
    void this.host
      .client()
      ?.stepUp?.({ maxAge: 0 })
      .catch(() => undefined); // a refusal leaves the countdown running
  }

  /**
   * The end: one tab signs out (a Web Lock picks it; the others hear it from that tab), with the reason.
   * `timedOut` false: "Sign out now", the user's own choice.
   */
  private async end(reason: TimeoutReason, timedOut: boolean) {
    if (this.ending) return;
    this.ending = true;
    const signOut = () => this.host.client()?.signOut(timedOut ? { reason } : {});
    const locks = globalThis.navigator?.locks;
    if (!timedOut || !locks) return signOut();
    const signedOutHere = await locks.request(`ciam-timeout:${this.host.user()?.sub ?? ''}`, { ifAvailable: true }, async (lock) => {
      if (!lock || !this.host.user()) return false;
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
}
