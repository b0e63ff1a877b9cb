/**
 * Passkey registration over @simplewebauthn/browser, for <ciam-passkey> and
 * the offer after a sign-in. Loaded on demand.
 */
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import { startRegistration } from '@simplewebauthn/browser';
import { defaultTimeoutMs, mapWebAuthnError, type Ceremony } from './webauthn-errors.js';

export type { PublicKeyCredentialCreationOptionsJSON };

export async function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON): Promise<Ceremony<RegistrationResponseJSON>> {
  const started = Date.now();
  try {
    return { ok: true, response: await startRegistration({ optionsJSON }) };
  } catch (error) {
    return { ok: false, ...mapWebAuthnError(error, Date.now() - started, optionsJSON.timeout ?? defaultTimeoutMs) };
  }
}
