/**
 * Passkey autofill (conditional mediation), first paint: while the first
 * step shows, a passkey sign-in of its own waits in the background for the
 * user to pick a passkey from the email field's suggestions (`state.autofill`,
 * beside the form's flow). It never shows an error: the form works as if it
 * were not there, and a failed start just leaves it off. Its effects carry an
 * attempt number, so answers to an ended attempt are ignored. A picked
 * passkey becomes the flow's passkey step (flow.ts), as the button's does.
 */
import { challengeRequest, collectsPasskeyAutofill, newFlow, submitFlow, type EmbeddedFlow, type PasskeyAutofill } from '../embedded.js';
import { tryJson, type HttpResult } from '../http.js';
import { challengeErrorSchema } from '../schemas/challenge.js';
import type { Effect, SessionEvent, SessionState, Step } from '../states.js';
import { NOT_MINE, readyOf, stay, type PartResult } from './part.js';

export function autofillPart(state: SessionState, event: SessionEvent): PartResult {
  if (state.name !== 'signed-out') return NOT_MINE;
  const current = state.autofill;
  const ready = readyOf(state);
  const flow = state.flow ?? newFlow();
  const set = (autofill: PasskeyAutofill, effects: Effect[] = []): Step => ({ state: { ...state, autofill }, effects });
  if (event.type === 'autofill.requested') {
    const idle = !current || current.stage === 'off';
    if (!idle || !collectsPasskeyAutofill(ready, flow)) return stay(state);
    const attempt = (current?.attempt ?? 0) + 1;
    const built = challengeRequest(ready, newFlow('sign-in', flow.username), { kind: 'passkey' }, event.pkce);
    if ('error' in built) return set({ stage: 'failed', attempt });
    return set({ stage: 'starting', attempt, codeVerifier: built.verifier, nonce: built.nonce }, [
      { type: 'http', id: autofillId(attempt), request: built.request },
    ]);
  }
  const mine = 'id' in event && current && event.id === autofillId(current.attempt);
  if (!mine || !current) return NOT_MINE;
  if (current.stage === 'starting' && (event.type === 'http.succeeded' || event.type === 'http.failed')) {
    const started = event.type === 'http.succeeded' ? passkeyStart(event.result) : null;
    if (!started) return set({ ...current, stage: 'failed' });
    return set({ ...current, stage: 'waiting', authSession: started.authSession }, [
      { type: 'webauthn.get', id: autofillId(current.attempt), options: started.options, autofill: true },
    ]);
  }
  if (current.stage !== 'waiting') return stay(state);
  if (event.type === 'webauthn.succeeded') {
    // The user picked a passkey: from here it is the flow's passkey step, answered like the button's.
    const picked: EmbeddedFlow = {
      ...newFlow('sign-in', flow.username),
      step: 'passkey',
      authSession: current.authSession ?? null,
      codeVerifier: current.codeVerifier ?? null,
      nonce: current.nonce ?? null,
    };
    const sent = submitFlow(ready, picked, { kind: 'passkey-response', response: event.response }, undefined);
    const off: PasskeyAutofill = { stage: 'off', attempt: current.attempt };
    return { state: { ...state, flow: sent.flow, autofill: off }, effects: sent.request ? [{ type: 'http', id: 'challenge', request: sent.request }] : [] };
  }
  // Ended by another ceremony: off, and the first step asks again. Refused by the browser: not on this page.
  if (event.type === 'webauthn.cancelled') return set({ stage: 'off', attempt: current.attempt });
  if (event.type === 'webauthn.failed') return set({ stage: 'failed', attempt: current.attempt });
  return stay(state);
}

const autofillId = (attempt: number) => `autofill-${attempt}`;

/**
 * The OP's answer to the start: the auth_session and the WebAuthn options, or null for anything else (the
 * flow's own reader, challenge-answers.ts, loads with the first action, not with the first paint).
 */
function passkeyStart(result: HttpResult): { authSession: string; options: unknown } | null {
  const body = result.status === 400 ? challengeErrorSchema.safeParse(tryJson(result.body)) : null;
  if (!body?.success) return null;
  const { error, auth_session: authSession, methods, passkey_options: options, reason } = body.data;
  return error === 'insufficient_authorization' && authSession && methods?.includes('passkey') && options && !reason ? { authSession, options } : null;
}

/** Ends a running autofill request (the browser would otherwise keep offering it) when the step it belongs to goes away. */
export function withAutofillStopped(previous: SessionState, step: Step): Step {
  const autofill = previous.name === 'signed-out' ? previous.autofill : undefined;
  if (!autofill || (autofill.stage !== 'starting' && autofill.stage !== 'waiting')) return step;
  const stopped: PasskeyAutofill = { stage: 'off', attempt: autofill.attempt };
  const state = step.state.name === 'signed-out' && step.state.autofill === autofill ? { ...step.state, autofill: stopped } : step.state;
  return { state, effects: [{ type: 'webauthn.abort' }, ...step.effects] };
}
