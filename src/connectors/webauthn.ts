/**
 * Passkey sign-in: one `navigator.credentials.get()` with the OP's options
 * (WebAuthn L3 JSON encoding: base64url for binary fields), and its answer
 * encoded the same way. Our own, not @simplewebauthn/browser's: a sign-in is
 * this one call, and autofill loads this code before the user acts, so its
 * size counts against the first paint (registration, rarer and larger, keeps
 * the library: webauthn-register.ts). Loaded on demand.
 */
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { fromBase64url, toBase64url } from '../core/base64url.js';
import { defaultTimeoutMs, mapWebAuthnError, type Ceremony } from './webauthn-errors.js';

export type { PublicKeyCredentialRequestOptionsJSON };

/** The waiting ceremony's switch: the browser allows one at a time, and autofill waits until the user leaves its step. */
let ongoing: AbortController | null = null;

/**
 * Signs in with a passkey. With `autofill`, waits for the user to pick one
 * from the username field's suggestions (conditional mediation); the field
 * lives in the light DOM, where the browser looks for `autocomplete="… webauthn"`.
 * Starting a ceremony ends one still waiting.
 */
export async function getPasskey(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  options: { autofill?: boolean } = {},
): Promise<Ceremony<AuthenticationResponseJSON>> {
  const started = Date.now();
  cancelPasskeyCeremony();
  const controller = (ongoing = new AbortController());
  try {
    if (!globalThis.PublicKeyCredential) throw new DOMException('WebAuthn is not supported in this browser', 'NotSupportedError');
    const { challenge, allowCredentials, extensions, ...plain } = optionsJSON;
    const publicKey: PublicKeyCredentialRequestOptions = {
      ...plain,
      challenge: fromBase64url(challenge),
      // The same JSON shape; only TypeScript's DOM typings spell it differently.
      ...(extensions ? { extensions: extensions as AuthenticationExtensionsClientInputs } : {}),
      // Autofill offers discoverable passkeys only; an empty list would also block them on some browsers.
      allowCredentials:
        options.autofill || !allowCredentials?.length
          ? undefined
          : allowCredentials.map((c) => ({ ...c, id: fromBase64url(c.id) }) as PublicKeyCredentialDescriptor),
    };
    const credential = (await navigator.credentials.get({
      publicKey,
      signal: controller.signal,
      ...(options.autofill ? { mediation: 'conditional' as CredentialMediationRequirement } : {}),
    })) as PublicKeyCredential | null;
    if (!credential) throw new DOMException('no credential', 'NotAllowedError');
    return { ok: true, response: responseJSON(credential) };
  } catch (error) {
    return { ok: false, ...mapWebAuthnError(error, Date.now() - started, optionsJSON.timeout ?? defaultTimeoutMs) };
  } finally {
    if (ongoing === controller) ongoing = null;
  }
}

/** Ends a waiting ceremony (autofill, when the user leaves the step it belongs to). */
export function cancelPasskeyCeremony() {
  ongoing?.abort(new DOMException('a new ceremony started, or its step went away', 'AbortError'));
  ongoing = null;
}

function responseJSON(credential: PublicKeyCredential): AuthenticationResponseJSON {
  const response = credential.response as AuthenticatorAssertionResponse;
  const attachment = credential.authenticatorAttachment;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: 'public-key',
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      authenticatorData: toBase64url(response.authenticatorData),
      signature: toBase64url(response.signature),
      ...(response.userHandle ? { userHandle: toBase64url(response.userHandle) } : {}),
    },
    clientExtensionResults: credential.getClientExtensionResults(),
    ...(attachment === 'platform' || attachment === 'cross-platform' ? { authenticatorAttachment: attachment } : {}),
  };
}
