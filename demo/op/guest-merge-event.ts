/**
 * The guest-merged event (docs/first-party-challenge.md, "Guest sessions"): when a sign-in moves a guest into an
 * existing account, the OP tells the client at its registered `guest_merge_uri` with a Security Event Token
 * (RFC 8417), pushed the way RFC 8935 delivers SETs: POST, `Content-Type: application/secevent+jwt`, 202 when
 * accepted, 400 `{"err","description"}` when not. It is signed with the OP's ID token key, so the receiver
 * checks it against the issuer's JWKS; the app then moves what the guest had (the demo cart, cart-api.ts).
 */
import { createPublicKey, randomUUID } from 'node:crypto';
import { SignJWT, errors, importJWK, jwtVerify } from 'jose';
import type { JWK, JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Provider } from 'oidc-provider';
import type { GuestMerge } from './guests.js';

export const GUEST_MERGED_EVENT = 'https://ciam-elements.dev/events/guest-merged';
/** RFC 8417 §2.3: the JWT `typ` of a SET, so it cannot pass for an ID token or an access token. */
export const SET_TYPE = 'secevent+jwt';
export const SET_MEDIA_TYPE = 'application/secevent+jwt';
const DELIVERY_TIMEOUT_MS = 5000;
/** How old a SET the receiver takes, and how long it remembers each `jti` (so a replay inside that time fails). */
const MAX_AGE_SECONDS = 5 * 60;
const CLOCK_TOLERANCE_SECONDS = 5;

type Jwks = { keys: Record<string, unknown>[] };

function signingKey(jwks: Jwks): JWK & { kid: string } {
  const jwk = jwks.keys.find((k) => k.alg === 'RS256' && k.use !== 'enc') as (JWK & { kid: string }) | undefined;
  if (!jwk) throw new Error('no RS256 signing key');
  return jwk;
}

/** The public half of a JWKS (what /jwks publishes), for a receiver in this process. */
export function publicJwks(jwks: Jwks): { keys: JWK[] } {
  return {
    keys: jwks.keys.map((k) => {
      const { kid, alg, use } = k as { kid?: string; alg?: string; use?: string };
      const pub = createPublicKey({ key: k, format: 'jwk' }).export({ format: 'jwk' }) as JWK;
      return { ...pub, ...(kid ? { kid } : {}), ...(alg ? { alg } : {}), ...(use ? { use } : {}) };
    }),
  };
}

export async function signGuestMerged(
  jwks: Jwks,
  event: { issuer: string; clientId: string; guestSub: string; sub: string },
  now = Date.now(),
): Promise<string> {
  const jwk = signingKey(jwks);
  return new SignJWT({ events: { [GUEST_MERGED_EVENT]: { guest_sub: event.guestSub, sub: event.sub } } })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: SET_TYPE })
    .setIssuer(event.issuer)
    .setAudience(event.clientId)
    .setIssuedAt(Math.floor(now / 1000))
    .setJti(randomUUID())
    .sign(await importJWK(jwk, 'RS256'));
}

/** Guests' `onMerge`: the event, POSTed to the client's guest_merge_uri if it registered one. */
export function guestMergeNotifier(provider: Provider, jwks: Jwks): (merge: GuestMerge) => Promise<void> {
  return async ({ guestId, accountId, clientId }) => {
    // Extra client metadata keeps its registered (snake_case) name on the Client.
    const client = (await provider.Client.find(clientId)) as { guest_merge_uri?: string } | undefined;
    const uri = client?.guest_merge_uri;
    if (!uri) return;
    const set = await signGuestMerged(jwks, { issuer: provider.issuer, clientId, guestSub: guestId, sub: accountId });
    const res = await fetch(uri, {
      method: 'POST',
      headers: { 'content-type': SET_MEDIA_TYPE, accept: 'application/json' },
      body: set,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const answer = await res.text();
    if (res.status !== 202) throw new Error(`expected 202 Accepted from ${uri}, got ${res.status}: ${answer.slice(0, 200)}`);
  };
}

/** A guest-merged event the receiver accepts, or the RFC 8935 §2.3 error to answer. */
export type MergeCheck = { ok: true; guestSub: string; sub: string } | { ok: false; err: string; description: string };

/**
 * The app's side: checks signature (RS256, the issuer's keys), `typ`, `iss`, `aud` (this client), `iat` (not
 * older than 5 minutes, not in the future), `jti` (each once), and that the one event is a guest-merged event.
 */
export class GuestMergedReceiver {
  readonly #seen = new Map<string, number>();

  constructor(readonly options: { issuer: string; audience: string; keys: JWTVerifyGetKey }) {}

  async check(set: string, now = Date.now()): Promise<MergeCheck> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(set, this.options.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        typ: SET_TYPE,
        algorithms: ['RS256'],
        maxTokenAge: MAX_AGE_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now),
      }));
    } catch (err) {
      return refusal(err);
    }
    const { jti, events } = payload;
    if (typeof jti !== 'string' || !jti || jti.length > 256) return invalid('The SET has no usable jti.');
    const event = isObject(events) && Object.keys(events).length === 1 ? events[GUEST_MERGED_EVENT] : undefined;
    if (!isObject(event) || !isId(event.guest_sub) || !isId(event.sub))
      return invalid(`Expected exactly one ${GUEST_MERGED_EVENT} event with guest_sub and sub.`);
    for (const [seen, until] of this.#seen) if (until <= now) this.#seen.delete(seen);
    if (this.#seen.has(jti)) return invalid('This SET (jti) was received before.');
    this.#seen.set(jti, now + (MAX_AGE_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000);
    return { ok: true, guestSub: event.guest_sub, sub: event.sub };
  }
}

function refusal(err: unknown): MergeCheck {
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JOSEAlgNotAllowed) {
    return { ok: false, err: 'invalid_key', description: 'The SET is not signed by the issuer.' };
  }
  if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'iss') return { ok: false, err: 'invalid_issuer', description: err.message };
  if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'aud') return { ok: false, err: 'invalid_audience', description: err.message };
  return invalid(err instanceof errors.JOSEError ? err.message : 'The SET is not a valid JWT.');
}

function invalid(description: string): MergeCheck {
  return { ok: false, err: 'invalid_request', description };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 128;
}
