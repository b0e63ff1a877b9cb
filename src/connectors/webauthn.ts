/**
 * Passkey sign-in over @simplewebauthn/browser. Loaded on demand (the
 * passkey button, or autofill once the first step shows), so the first paint
 * of <ciam-login> carries none of it. Registration is webauthn-register.ts:
 * sign-in pages do not need it.
 */
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { startAuthentication, WebAuthnAbortService } from '@simplewebauthn/browser';
import { defaultTimeoutMs, mapWebAuthnError, type Ceremony } from './webauthn-errors.js';

export type { PublicKeyCredentialRequestOptionsJSON };

/**
 * Signs in with a passkey. With `autofill`, waits for the user to pick one
 * from the username field's suggestions (conditional mediation); the field
 * lives in the light DOM, where the browser looks for `autocomplete="… webauthn"`.
 * Starting a ceremony ends one still waiting (the browser allows one at a time).
 */
export async function getPasskey(optionsJSON: PublicKeyCredentialRequestOptionsJSON, options: { autofill?: boolean } = {}): Promise<Ceremony<AuthenticationResponseJSON>> {
  const started = Date.now();
  try {
    return { ok: true, response: await startAuthentication({ optionsJSON, useBrowserAutofill: options.autofill ?? false }) };
  } catch (error) {
    return { ok: false, ...mapWebAuthnError(error, Date.now() - started, optionsJSON.timeout ?? defaultTimeoutMs) };
  }
}

/** Ends a waiting ceremony (autofill, when the user leaves the step it belongs to). */
export function cancelPasskeyCeremony() {
  WebAuthnAbortService.cancelCeremony();
}
