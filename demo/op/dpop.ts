import { createHash, createHmac, createPublicKey, randomBytes, timingSafeEqual, verify } from 'node:crypto';

// DPoP proofs (RFC 9449 §4) at the authorization challenge endpoint, which
// bind an auth_session to the key of the browser that started it (the
// first-party draft's "auth_session DPoP binding"; docs/security.md,
// "Embedded mode and phishing"), and at the demo APIs for DPoP-bound tokens
// (api.ts). Only what that needs: ES256 (what the elements send, and the one
// algorithm every browser's WebCrypto has), and server nonces for clients
// whose clock is off (RFC 9449 §9, when the verifier is made with
// `nonces`). node:crypto does the JOSE work; no JWT library needed.

/** How far a proof's iat may be from our clock, either way: browsers' clocks drift. */
const IAT_WINDOW_S = 300;
/** Seen jti values are kept this long (past the iat window), at most this many. */
const REPLAY_MS = 2 * IAT_WINDOW_S * 1000;
const MAX_JTI = 50_000;

/** `nonce`: the proof was refused for its time alone; the client may try again with this nonce (`use_dpop_nonce`). */
export type ProofCheck = { ok: true; jkt: string } | { ok: false; description: string; nonce?: string };

/** How long a nonce we gave is taken. */
const NONCE_S = IAT_WINDOW_S;

interface EcJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

function isPublicP256(jwk: unknown): jwk is EcJwk {
  const k = jwk as Record<string, unknown> | null;
  // A private part ("d") in the header would be a client bug that leaks its key: refuse it (RFC 9449 §4.3).
  return !!k && k.kty === 'EC' && k.crv === 'P-256' && typeof k.x === 'string' && typeof k.y === 'string' && k.d === undefined;
}

/** RFC 7638 thumbprint (SHA-256, base64url) of a P-256 public key: what an auth_session is bound to. */
export function thumbprint(jwk: EcJwk): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');
}

function json(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export class DpopVerifier {
  /** jti → when it may be forgotten (epoch ms). Insertion order is age order. */
  readonly #seen = new Map<string, number>();
  /** Signs the nonces (stateless: a time and its MAC), when this verifier gives them. */
  readonly #nonceKey: Buffer | null;

  /** `nonces`: a proof from a client whose clock is off is answered with a nonce to prove freshness instead. */
  constructor(options: { nonces?: boolean } = {}) {
    this.#nonceKey = options.nonces ? randomBytes(32) : null;
  }

  #nonce(now: number): string {
    const time = String(Math.floor(now / 1000));
    return `${time}.${createHmac('sha256', this.#nonceKey!).update(time).digest('base64url')}`;
  }

  /** A nonce we gave within NONCE_S. */
  #fresh(nonce: unknown, now: number): boolean {
    if (!this.#nonceKey || typeof nonce !== 'string') return false;
    const [time = '', mac = ''] = nonce.split('.');
    const expected = createHmac('sha256', this.#nonceKey).update(time).digest();
    const given = Buffer.from(mac, 'base64url');
    const age = now / 1000 - Number(time);
    return given.length === expected.length && timingSafeEqual(given, expected) && age >= 0 && age <= NONCE_S;
  }

  /**
   * Checks a `DPoP` header for a request (RFC 9449 §4.3); on success, the key's thumbprint. With `accessToken`
   * (a resource server's check, §7.1) the proof must also carry that token's hash as `ath`.
   */
  check(header: string, htm: string, htu: string, now = Date.now(), accessToken?: string): ProofCheck {
    const parts = header.split('.');
    if (parts.length !== 3) return { ok: false, description: 'The DPoP proof is not a compact JWS.' };
    const [protectedPart, payloadPart, signaturePart] = parts as [string, string, string];
    const head = json(protectedPart);
    const claims = json(payloadPart);
    if (!head || !claims) return { ok: false, description: 'The DPoP proof is not valid JSON.' };
    if (head.typ !== 'dpop+jwt') return { ok: false, description: 'The DPoP proof must have typ dpop+jwt.' };
    if (head.alg !== 'ES256') return { ok: false, description: 'The DPoP proof must be signed with ES256.' };
    if (!isPublicP256(head.jwk)) return { ok: false, description: 'The DPoP proof must carry a public P-256 key in jwk.' };

    let valid: boolean;
    try {
      const key = createPublicKey({ key: head.jwk as unknown as import('node:crypto').JsonWebKey, format: 'jwk' });
      valid = verify('sha256', Buffer.from(`${protectedPart}.${payloadPart}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signaturePart, 'base64url'));
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, description: 'The DPoP proof signature does not verify.' };

    if (claims.htm !== htm) return { ok: false, description: `The DPoP proof's htm must be ${htm}.` };
    if (typeof claims.htu !== 'string' || stripUrl(claims.htu) !== stripUrl(htu)) return { ok: false, description: `The DPoP proof's htu must be ${htu}.` };
    const iat = claims.iat;
    if (typeof iat !== 'number') return { ok: false, description: 'The DPoP proof needs an iat.' };
    if (claims.nonce !== undefined && !this.#fresh(claims.nonce, now))
      return { ok: false, description: 'The DPoP nonce is not one of ours, or too old.', ...(this.#nonceKey ? { nonce: this.#nonce(now) } : {}) };
    // A nonce of ours proves the proof is fresh whatever the client's clock says; without one, iat must.
    if (claims.nonce === undefined && Math.abs(iat - now / 1000) > IAT_WINDOW_S)
      return { ok: false, description: 'The DPoP proof is too old or from the future.', ...(this.#nonceKey ? { nonce: this.#nonce(now) } : {}) };
    const jti = claims.jti;
    if (typeof jti !== 'string' || jti.length < 16 || jti.length > 128)
      return { ok: false, description: 'The DPoP proof needs a jti of 16 to 128 characters.' };
    if (accessToken !== undefined && claims.ath !== createHash('sha256').update(accessToken).digest('base64url'))
      return { ok: false, description: "The DPoP proof's ath is not the hash of this access token." };
    if (!this.#remember(jti, now)) return { ok: false, description: 'This DPoP proof was used before.' };
    return { ok: true, jkt: thumbprint(head.jwk) };
  }

  /** False when the jti was seen within the replay window. Bounded: the oldest are forgotten first. */
  #remember(jti: string, now: number): boolean {
    for (const [seen, until] of this.#seen) {
      if (until > now && this.#seen.size < MAX_JTI) break;
      this.#seen.delete(seen);
    }
    if (this.#seen.has(jti)) return false;
    this.#seen.set(jti, now + REPLAY_MS);
    return true;
  }
}

/** RFC 9449 §4.3: htu is compared without query and fragment. */
function stripUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '';
  }
}
