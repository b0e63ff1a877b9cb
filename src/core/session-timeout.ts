/**
 * When a session ends for lack of use or age (<ciam-session>): after
 * `idle` without activity in any tab of the app, or `maxAge` after the user
 * authenticated (`auth_time`), whichever comes first, with a warning
 * `warn` before. NIST SP 800-63B-4 §2.2.3 for AAL2: re-authentication at
 * least every 24 hours and after 1 hour of inactivity. Pure: the element
 * brings the clock and the last activity.
 */
export interface TimeoutPolicy {
  /** Milliseconds without activity that end the session; null: no idle limit. */
  idleMs: number | null;
  /** Milliseconds after authentication that end the session; null: no limit here. */
  maxAgeMs: number | null;
  /** How long before the end the warning shows. */
  warnMs: number;
}

export type TimeoutReason = 'idle' | 'max-age';
/** Why a session ended without the user signing out: a limit here (`idle`, `max-age`), or the OP ended it (`ended`: from another device's list, an administrator). */
export type EndReason = TimeoutReason | 'ended';

/** What the signed-out view says for a session that ended without the user signing out. */
export function endNotice(reason: EndReason): { code: 'idle_timeout' | 'session_max_age' | 'session_expired' } {
  return { code: reason === 'idle' ? 'idle_timeout' : reason === 'max-age' ? 'session_max_age' : 'session_expired' };
}

export type TimeoutPhase =
  /** Nothing to say until `until` (epoch ms), when the warning is due. */
  | { phase: 'active'; until: number }
  | { phase: 'warning'; reason: TimeoutReason; endsAt: number }
  | { phase: 'ended'; reason: TimeoutReason }
  /** No limit applies. */
  | { phase: 'off' };

export function sessionTimeout(policy: TimeoutPolicy, at: { now: number; lastActivity: number; authTime: number | null }): TimeoutPhase {
  const ends: [TimeoutReason, number][] = [];
  if (policy.idleMs !== null) ends.push(['idle', at.lastActivity + policy.idleMs]);
  if (policy.maxAgeMs !== null && at.authTime !== null) ends.push(['max-age', at.authTime + policy.maxAgeMs]);
  if (ends.length === 0) return { phase: 'off' };
  const [reason, endsAt] = ends.reduce((first, end) => (end[1] < first[1] ? end : first));
  if (at.now >= endsAt) return { phase: 'ended', reason };
  if (at.now >= endsAt - policy.warnMs) return { phase: 'warning', reason, endsAt };
  return { phase: 'active', until: endsAt - policy.warnMs };
}

/** "15m", "1h30m", "90s", "90" (seconds) → milliseconds; null for anything else, or nothing. */
export function parseDuration(value: string | null | undefined): number | null {
  const text = value?.trim().toLowerCase();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || !(match[1] || match[2] || match[3])) return null;
  const [, h = '0', m = '0', s = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

/** A countdown as the dialog shows it: "1:59", "0:05". */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
