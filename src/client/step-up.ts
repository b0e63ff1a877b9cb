/**
 * Step-up (RFC 9470) for CiamClient.stepUp(), loaded on its first use: asks
 * the machine to re-authenticate and settles with the `step-up` notification
 * the machine sends when it ends (done, or refused with the reason).
 */
import { CiamError } from '../core/errors.js';
import type { RedirectMode } from '../core/config.js';
import type { SessionEvent } from '../core/states.js';
import type { CiamClient } from './ciam-client.js';
import { createPkce } from '../connectors/request-state.js';

export async function stepUp(
  client: Pick<CiamClient, 'state' | 'subscribe'>,
  send: (event: SessionEvent) => void,
  options: { acr?: string; maxAge?: number; via: RedirectMode },
): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    const stop = client.subscribe((_state, notification) => {
      if (notification?.event !== 'step-up') return;
      stop();
      if (notification.error) reject(new CiamError(notification.error));
      else resolve();
    });
  });
  const embedded = client.state.name === 'signed-in' && client.state.mode === 'embedded';
  send({
    type: 'step-up.requested',
    maxAge: options.maxAge,
    acrValues: options.acr,
    via: options.via,
    pkce: embedded ? await createPkce() : undefined,
    now: Date.now(),
  });
  return done;
}
