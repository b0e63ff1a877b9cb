/**
 * Journey events (`ciam-journey`): how people move through sign-in, sign-up
 * and recovery, for funnels and conversion work, without anything personal.
 * A journey detail is built only from fixed vocabularies (steps, methods,
 * error codes, modes), a coarse duration and a random id per attempt: never
 * an email, a name, a phone number, a `sub`, a token or anything typed. Pure:
 * the client adds the attempt id and the clock.
 */
import type { Mode } from './config.js';
import type { CiamErrorCode } from './error-codes.js';
import type { SessionEvent, SessionState } from './states.js';

/** How the user proves who they are, or starts to. */
export type JourneyMethod = 'password' | 'email_code' | 'email_link' | 'guest' | 'passkey' | 'sign_up' | 'recovery' | 'social' | 'redirect' | 'popup';

/**
 * Steps: the embedded flow's (`identifier`, `password`, `email-code`, `email-link`, `signup`, `verify-email`,
 * `recover`, `recovery-code`, `passkey`, `guest-merge`), `provider` (the OP's pages), and the other elements' own: `passkey-add`, `profile`,
 * `connect`, `disconnect`, `consent`, `sessions`, `session-warning`.
 */
export type JourneyStep = string;

/** What a step of the machine says happened: the client turns it into a JourneyDetail. */
export type JourneyMark =
  { type: 'step'; step: string } | { type: 'method'; method: JourneyMethod } | { type: 'outcome'; outcome: 'ok' | 'error' | 'cancelled'; code?: CiamErrorCode };

import type { DurationBucket } from './duration-bucket.js';

export { durationBucket, type DurationBucket } from './duration-bucket.js';

/** The sign-in modes, and `bff`: backend-for-frontend (client/bff-client.ts), which signs in through the app's own server. */
export type JourneyMode = Mode | 'bff';

export interface JourneyDetail {
  type: JourneyMark['type'];
  /** A random id per attempt (from its first step or method to its outcome): joins one attempt's events, nothing else. */
  attempt: string;
  mode: JourneyMode | null;
  /** The element that fired it (`ciam-login`, `ciam-passkey`, …). */
  element: string;
  step?: string;
  method?: JourneyMethod;
  outcome?: 'ok' | 'error' | 'cancelled';
  code?: CiamErrorCode;
  /** With an outcome: time since the attempt began. */
  duration?: DurationBucket;
}

const submitMethods: Partial<Record<string, JourneyMethod>> = {
  password: 'password',
  'send-code': 'email_code',
  'send-link': 'email_link',
  guest: 'guest',
  code: 'email_code',
  signup: 'sign_up',
  recover: 'recovery',
  'recovery-code': 'recovery',
  passkey: 'passkey',
  federate: 'social',
};

function flowOf(state: SessionState) {
  return state.name === 'signed-out' || state.name === 'reauthenticating' ? state.flow : undefined;
}

/** The journey marks of one machine step: `event` took the machine from `before` to `after`. */
export function journeyMarks(before: SessionState, after: SessionState, event: SessionEvent): JourneyMark[] {
  const marks: JourneyMark[] = [];
  if (event.type === 'embedded.submitted') {
    const method = submitMethods[event.submit.kind];
    // A proof of a bot check sends the same submit again: not a second choice.
    if (method && !event.submit.botProof) marks.push({ type: 'method', method });
  } else if (event.type === 'sign-in.requested') {
    marks.push({ type: 'method', method: event.options.idp ? 'social' : event.options.via === 'popup' ? 'popup' : 'redirect' });
  }
  const [was, is] = [flowOf(before), flowOf(after)];
  if (is && (is.step !== was?.step || is.intent !== was?.intent)) marks.push({ type: 'step', step: is.step });
  if (after.name === 'signing-in' && before.name !== 'signing-in') marks.push({ type: 'step', step: 'provider' });
  const signedIn =
    after.name === 'signed-in' &&
    (before.name === 'signing-in' || before.name === 'completing' || before.name === 'reauthenticating' || (before.name === 'signed-out' && !!was));
  if (signedIn) marks.push({ type: 'outcome', outcome: 'ok' });
  const error = is?.error && is.error !== was?.error ? is.error : after.name === 'error' && before.name !== 'error' ? after.error : undefined;
  if (error) marks.push({ type: 'outcome', outcome: 'error', code: error.code });
  if (event.type === 'oidc.cancelled' || (event.type === 'webauthn.cancelled' && event.id === 'passkey') || event.type === 'step-up.cancelled')
    marks.push({ type: 'outcome', outcome: 'cancelled' });
  return marks;
}
