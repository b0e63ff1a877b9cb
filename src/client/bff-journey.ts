/**
 * The BFF client's journey tracker (core/journey.ts has the rules; the
 * normal client's is client/journey.ts). A sign-in in BFF mode is a visit to
 * the BFF's login, which goes on to the OP and back to the page: the attempt
 * leaves with `method` and `step: provider`, and its id and start wait in
 * sessionStorage (client/journey-attempt.ts); the page that comes back ends
 * it with the outcome of its first answer from `{bff}/user`. A page load with
 * no attempt coming back (a restored session) says nothing. Sign-out says
 * nothing either, as in the other modes. A lazy chunk, loaded once an
 * element listens.
 */
import type { CiamErrorCode } from '../core/error-codes.js';
import { durationBucket, type JourneyDetail, type JourneyMark } from '../core/journey.js';
import type { SessionState } from '../core/states.js';
import { handOverAttempt, newAttempt, resumedAttempt, type Attempt } from './journey-attempt.js';
import type { JourneyListener } from './journey.js';

/** What the BFF client tells its tracker. */
export type BffJourneyEvent =
  /** The page leaves for the BFF's login (sign-in, sign-up or step-up); `social` with a provider hint. */
  | { type: 'leaving'; social: boolean }
  /** The page's first answer: the state it settled in and the code the BFF sent back (`bff_error`), if any. */
  | { type: 'loaded'; state: SessionState; returned: CiamErrorCode | null };

export type BffJourney = (event: BffJourneyEvent) => void;

/** The marks of one event; `away`: an attempt left for the BFF's login and this page is its return. */
export function bffMarks(event: BffJourneyEvent, away: boolean): JourneyMark[] {
  if (event.type === 'leaving') {
    return [
      { type: 'method', method: event.social ? 'social' : 'redirect' },
      { type: 'step', step: 'provider' },
    ];
  }
  // The BFF's code says how the visit ended, even when this tab lost its attempt (a new id then, as in redirect mode).
  if (event.returned === 'access_denied') return [{ type: 'outcome', outcome: 'cancelled' }];
  if (event.returned) return [{ type: 'outcome', outcome: 'error', code: event.returned }];
  if (!away) return []; // a plain page load: a restored session or nobody, not a journey
  const { state } = event;
  if (state.name === 'signed-in') return [{ type: 'outcome', outcome: 'ok' }];
  if (state.name === 'error') return [{ type: 'outcome', outcome: 'error', code: state.error.code }];
  return [{ type: 'outcome', outcome: 'cancelled' }]; // back, and nobody signed in
}

export function bffJourney(emit: JourneyListener): BffJourney {
  let attempt: Attempt | null = resumedAttempt(Date.now());
  return (event) => {
    const now = Date.now();
    for (const mark of bffMarks(event, !!attempt)) {
      attempt ??= newAttempt(now);
      const detail: Omit<JourneyDetail, 'element'> = { ...mark, attempt: attempt.id, mode: 'bff' };
      if (mark.type === 'outcome') detail.duration = durationBucket(now - attempt.startedAt);
      if (mark.type === 'step') handOverAttempt(attempt);
      // Every outcome here ends the attempt: the next sign-in is a new one.
      if (mark.type === 'outcome') attempt = null;
      emit(detail);
    }
  };
}
