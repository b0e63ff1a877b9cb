/**
 * The client's journey tracker (core/journey.ts has the rules): turns the
 * machine's steps into `ciam-journey` details with a random id per attempt
 * and a coarse duration. An attempt that leaves for the OP's pages carries
 * its id and start across the redirect in sessionStorage (a random id and a
 * time, nothing else). A lazy chunk, loaded once an element listens.
 */
import { durationBucket, journeyMarks, type JourneyDetail } from '../core/journey.js';
import type { SessionEvent, SessionState } from '../core/states.js';
import { handOverAttempt, newAttempt, resumedAttempt, type Attempt } from './journey-attempt.js';

export type JourneyListener = (detail: Omit<JourneyDetail, 'element'>) => void;
export type JourneyTracker = (before: SessionState, after: SessionState, event: SessionEvent) => void;

export function journeyTracker(emit: JourneyListener): JourneyTracker {
  let attempt: Attempt | null = resumedAttempt(Date.now());
  return (before, after, event) => {
    const now = Date.now();
    for (const mark of journeyMarks(before, after, event)) {
      attempt ??= newAttempt(now);
      const detail: Omit<JourneyDetail, 'element'> = { ...mark, attempt: attempt.id, mode: 'mode' in after ? after.mode : null };
      if (mark.type === 'outcome') detail.duration = durationBucket(now - attempt.startedAt);
      if (mark.type === 'step' && mark.step === 'provider' && after.name === 'signing-in' && after.request.via === 'redirect') handOverAttempt(attempt);
      // Signed in, cancelled, or failed for good: the next action is a new attempt. A wrong password is not the end.
      if (mark.type === 'outcome' && (mark.outcome !== 'error' || after.name === 'error')) attempt = null;
      emit(detail);
    }
  };
}
