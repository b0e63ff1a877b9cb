/**
 * Passkey registration over @simplewebauthn/browser: the ceremony of
 * `client.passkeys(...).create()` (client/passkeys-api.ts), which loads it
 * on the first passkey created. Elements never import it.
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
