/**
 * Passkey ceremonies over @simplewebauthn/browser. Loaded on demand (the
 * passkey button, autofill once the form shows, the passkey list), so the
 * first paint of <ciam-login> carries none of it.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, startAuthentication, startRegistration, WebAuthnAbortService } from '@simplewebauthn/browser';
import { mapWebAuthnError, type PasskeyOutcome } from './webauthn-errors.js';

export type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON };

export type Ceremony<T> = { ok: true; response: T } | ({ ok: false } & PasskeyOutcome);

const defaultTimeoutMs = 60_000;

/**
 * Signs in with a passkey. With `autofill`, waits for the user to pick one
 * from the username field's suggestions (conditional mediation); the field
 * lives in the light DOM, where the browser looks for `autocomplete="… webauthn"`.
 */
export async function getPasskey(optionsJSON: PublicKeyCredentialRequestOptionsJSON, options: { autofill?: boolean } = {}): Promise<Ceremony<AuthenticationResponseJSON>> {
  const started = Date.now();
  try {
    return { ok: true, response: await startAuthentication({ optionsJSON, useBrowserAutofill: options.autofill ?? false }) };
  } catch (error) {
    return { ok: false, ...mapWebAuthnError(error, Date.now() - started, optionsJSON.timeout ?? defaultTimeoutMs) };
  }
}

export async function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON): Promise<Ceremony<RegistrationResponseJSON>> {
  const started = Date.now();
  try {
    return { ok: true, response: await startRegistration({ optionsJSON }) };
  } catch (error) {
    return { ok: false, ...mapWebAuthnError(error, Date.now() - started, optionsJSON.timeout ?? defaultTimeoutMs) };
  }
}

/** Ends a pending ceremony (e.g. autofill waiting while the user leaves the step). */
export function cancelPasskeyCeremony() {
  WebAuthnAbortService.cancelCeremony();
}

export function passkeysSupported(): boolean {
  return browserSupportsWebAuthn();
}

export function passkeyAutofillSupported(): Promise<boolean> {
  return browserSupportsWebAuthnAutofill();
}
