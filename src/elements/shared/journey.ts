/**
 * An element's own journey events (`ciam-journey`): a passkey added, a
 * profile question answered, an account connected, a consent given, a
 * device signed out, a session kept. The same detail as sign-in's
 * (core/journey.ts): fixed words, error codes, a duration bucket and a random
 * id per attempt, never anything personal. Imported by the elements' lazy
 * views, which do the acting.
 */
import type { CiamErrorCode } from '../../core/error-codes.js';
import { durationBucket } from '../../core/duration-bucket.js';
import type { JourneyDetail, JourneyMark } from '../../core/journey.js';

export type JourneyEmit = (detail: JourneyDetail) => void;
export type Journey = (mark: JourneyMark) => void;

/** Marks become details of one attempt at a time: from its first mark to its outcome. */
export function elementJourney(emit: JourneyEmit, element: string): Journey {
  let attempt: { id: string; startedAt: number } | null = null;
  return (mark) => {
    const now = Date.now();
    attempt ??= { id: crypto.randomUUID(), startedAt: now };
    const detail: JourneyDetail = { ...mark, attempt: attempt.id, mode: null, element };
    if (mark.type === 'outcome') {
      detail.duration = durationBucket(now - attempt.startedAt);
      attempt = null;
    }
    emit(detail);
  };
}

/** The outcome of an API call's result: ok, cancelled (the user closed a prompt), or its error code. */
export function outcomeOf(result: { ok: true } | { ok: false; error: { code: CiamErrorCode }; cancelled?: boolean }): JourneyMark {
  if (result.ok) return { type: 'outcome', outcome: 'ok' };
  return result.cancelled ? { type: 'outcome', outcome: 'cancelled' } : { type: 'outcome', outcome: 'error', code: result.error.code };
}
