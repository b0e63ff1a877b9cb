/**
 * One journey attempt's id and start, and its hand-off across a full-page
 * navigation to the sign-in pages and back: sessionStorage, per tab, a
 * random id and a time, nothing else. Shared by the trackers of the normal
 * client (client/journey.ts) and the BFF client (client/bff-journey.ts).
 */
const KEY = 'ciam.journey';
/** An attempt that comes back later than this is not resumed. */
const MAX_AWAY_MS = 600_000;

export interface Attempt {
  id: string;
  startedAt: number;
}

export function newAttempt(now: number): Attempt {
  return { id: crypto.randomUUID(), startedAt: now };
}

/** The attempt that left this tab for the sign-in pages, if it is coming back now (at most 10 minutes later); read once. */
export function resumedAttempt(now: number): Attempt | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Attempt | null;
    sessionStorage.removeItem(KEY);
    return saved && typeof saved.id === 'string' && now - saved.startedAt < MAX_AWAY_MS ? { id: saved.id, startedAt: saved.startedAt } : null;
  } catch {
    return null;
  }
}

/** Keeps the attempt for the page the browser comes back to. */
export function handOverAttempt(attempt: Attempt) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(attempt));
  } catch {
    // Storage refused: the attempt gets a new id after the redirect.
  }
}
