import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { NewPasskey, Passkey, PasskeyStore } from './passkeys.js';

// The WebAuthn side of passkeys, over @simplewebauthn/server: ceremony
// options and response checks for sign-in (challenge-flows.ts) and
// registration (passkey-api.ts). Storage is passkeys.ts; where challenges are
// kept is up to the caller.

export interface RelyingParty {
  /** RP ID: the issuer's host name. Browsers refuse IP addresses here, hence http://localhost in the demo. */
  id: string;
  name: string;
  /** Origins a ceremony may come from: the issuer's (hosted pages) and every app origin. */
  origins: string[];
}

export const RP_NAME = 'Demo ID';
export const CEREMONY_TIMEOUT_MS = 60_000;
/** How long a registration challenge is accepted: the ceremony's own minute plus time to send it back (sign-in challenges live with their auth session). */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export function relyingParty(issuer: string, appOrigins: Iterable<string>): RelyingParty {
  const url = new URL(issuer);
  return { id: url.hostname, name: RP_NAME, origins: [...new Set([url.origin, ...appOrigins])] };
}

/**
 * Options for navigator.credentials.get(). No allowCredentials: the user
 * picks a discoverable credential, so nobody has to say who they are first
 * (and the OP never says which accounts have passkeys). `challenge` (base64url)
 * repeats an earlier one; without it a new one is made.
 */
export function requestOptions(rp: RelyingParty, challenge?: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: [],
    userVerification: 'required',
    timeout: CEREMONY_TIMEOUT_MS,
    ...(challenge ? { challenge: new Uint8Array(Buffer.from(challenge, 'base64url')) } : {}),
  });
}

export function creationOptions(
  rp: RelyingParty,
  user: { email: string; name: string },
  handle: string,
  existing: Passkey[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name || user.email,
    userID: new Uint8Array(Buffer.from(handle, 'base64url')),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    // The authenticator refuses to make a second passkey for this account.
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

export type Checked<T> = { ok: true; value: T } | { ok: false; description: string };

/**
 * Checks a sign-in assertion against the stored passkey: challenge, origin,
 * RP ID, user presence and verification, signature, counter, and (when the
 * authenticator sends one) the user handle. Records the use on success.
 */
export async function verifySignIn(
  store: PasskeyStore,
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
): Promise<Checked<Passkey>> {
  const passkey = store.find(response.id);
  if (!passkey) return { ok: false, description: 'This passkey is not registered here (it may have been removed).' };
  // WebAuthn §7.2 step 6: a discoverable credential names its user; it must be the owner of record.
  const userHandle = response.response.userHandle;
  if (userHandle && userHandle !== store.userHandle(passkey.userId)) {
    return { ok: false, description: 'This passkey belongs to another account.' };
  }
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: { id: passkey.id, publicKey: passkey.publicKey, counter: passkey.counter, transports: passkey.transports },
    });
    if (!verified) return { ok: false, description: 'The passkey signature is not valid.' };
    store.recordUse(passkey.id, authenticationInfo.newCounter, authenticationInfo.credentialBackedUp);
    return { ok: true, value: passkey };
  } catch (err) {
    return { ok: false, description: `The passkey could not be verified: ${(err as Error).message}` };
  }
}

/**
 * Checks a registration response. `challengeIsMine` is asked once for the
 * challenge the response carries (so the caller can use it up). The result
 * is everything the store needs except the name and user.
 */
export async function verifyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  challengeIsMine: (challenge: string) => boolean,
): Promise<Checked<Omit<NewPasskey, 'userId' | 'name'> & { aaguid: string }>> {
  try {
    const { verified, registrationInfo } = await verifyRegistrationResponse({
      response,
      expectedChallenge: challengeIsMine,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!verified) return { ok: false, description: 'The attestation could not be verified.' };
    const { credential, credentialDeviceType, credentialBackedUp, aaguid } = registrationInfo;
    return {
      ok: true,
      value: {
        id: credential.id,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: cleanTransports(credential.transports),
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        aaguid,
      },
    };
  } catch (err) {
    return { ok: false, description: `The passkey could not be verified: ${(err as Error).message}` };
  }
}

/** Only short strings from the client's list, so a stored row stays small and well-formed. */
function cleanTransports(transports: unknown): string[] {
  if (!Array.isArray(transports)) return [];
  return [...new Set(transports.filter((t): t is string => typeof t === 'string' && /^[a-z-]{1,32}$/.test(t)))].slice(0, 8);
}

/**
 * A few well-known passkey providers by AAGUID, for a default name the user
 * recognises (from the community list at
 * github.com/passkeydeveloper/passkey-authenticator-aaguids). Anything else,
 * including the all-zero AAGUID most "none" attestations carry, is unknown.
 */
const AUTHENTICATORS: Record<string, string> = {
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'adce0002-35bc-c60a-648b-0b25f1f05503': 'Chrome on Mac',
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'iCloud Keychain',
  'dd4ec289-e01d-41c9-bb89-70fa845d4bf2': 'iCloud Keychain (Managed)',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'Windows Hello',
  'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
  'd548826e-79b4-db40-a3d8-11116f7e8349': 'Bitwarden',
  '531126d6-e717-415c-9320-3d9aa6981239': 'Dashlane',
};

export function authenticatorName(aaguid: string): string | undefined {
  return AUTHENTICATORS[aaguid.toLowerCase()];
}

/**
 * The JSON a browser's PublicKeyCredential turns into (toJSON(), or
 * @simplewebauthn/browser), checked for shape only; the library does the rest.
 */
export function parseAssertion(text: string): AuthenticationResponseJSON | undefined {
  const value = parseJson(text);
  const response = value?.response as Record<string, unknown> | undefined;
  if (!value || !isCredentialId(value.id) || value.rawId !== value.id || value.type !== 'public-key' || !isObject(response)) return undefined;
  if (typeof response.clientDataJSON !== 'string' || typeof response.authenticatorData !== 'string' || typeof response.signature !== 'string') return undefined;
  if (response.userHandle !== undefined && response.userHandle !== null && typeof response.userHandle !== 'string') return undefined;
  return value as unknown as AuthenticationResponseJSON;
}

export function isAttestation(value: unknown): value is RegistrationResponseJSON {
  if (!isObject(value) || !isCredentialId(value.id) || value.rawId !== value.id || value.type !== 'public-key') return false;
  const response = value.response;
  return isObject(response) && typeof response.clientDataJSON === 'string' && typeof response.attestationObject === 'string';
}

/** base64url, at most 1023 bytes (WebAuthn's limit for credential IDs). */
function isCredentialId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,1364}$/.test(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
