/**
 * Step-up (RFC 9470) for CiamClient.stepUp(), loaded on its first use: asks
 * the machine to re-authenticate and settles with the outcome.
 */
import { CiamError, type CiamErrorData } from '../core/errors.js';
import type { RedirectMode } from '../core/config.js';
import type { SessionEvent } from '../core/states.js';
import type { CiamClient } from './ciam-client.js';
import { createPkce } from '../connectors/request-state.js';

export async function stepUp(client: CiamClient, send: (event: SessionEvent) => void, options: { acr?: string; maxAge?: number; via: RedirectMode }): Promise<void> {
  const done = outcome(client);
  const embedded = client.state.name === 'signed-in' && client.state.mode === 'embedded';
  send({ type: 'stepup.requested', maxAge: options.maxAge, acrValues: options.acr, via: options.via, pkce: embedded ? await createPkce() : undefined, now: Date.now() });
  return done;
}

/**
 * Resolves on the next sign-in; rejects when signing in fails, the session
 * ends, or the user cancels: the machine then returns to the session as it
 * was, the very same user (a sign-in always brings a newly read one).
 */
function outcome(client: CiamClient): Promise<void> {
  return new Promise((resolve, reject) => {
    let previous = client.state;
    let failure: CiamErrorData | undefined;
    let ending = false;
    const stop = client.subscribe((state, notification) => {
      const was = previous;
      previous = state;
      if (notification?.event === 'signed-in') {
        stop();
        return resolve();
      }
      if (notification?.event === 'error') failure = notification.error;
      const from = was.name === 'reauthenticating' ? was.user : was.name === 'signing-in' ? was.from : undefined;
      const ended = failure || state.name === 'error' || state.name === 'signed-out' || (state.name === 'signed-in' && state.user === from);
      if (!ended || ending) return;
      ending = true;
      // A change reaches listeners as its state first, then its notifications: let those arrive before deciding.
      queueMicrotask(() => {
        stop();
        const now = client.state;
        reject(new CiamError(failure ?? (now.name === 'error' ? now.error : { code: 'access_denied', detail: 'step-up was cancelled' })));
      });
    });
  });
}
