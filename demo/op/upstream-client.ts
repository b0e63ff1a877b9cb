/**
 * Demo ID as a relying party of an upstream OpenID Provider (federation.ts
 * decides what a verified identity means for our accounts). Plain functions:
 * discovery, the authorization URL, the code exchange and the ID token checks.
 * Only what a confidential web client needs: code flow, PKCE S256, state,
 * nonce, client_secret_basic, and the RFC 9207 `iss` response parameter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';

export type UpstreamKind = 'social' | 'enterprise';

/** How startOp() is told about an upstream IdP. */
export interface UpstreamConfig {
  /** Short id: the `idp` hint value and the `provider` of a connection, e.g. `social`, `acme`. */
  id: string;
  /** Shown to people: "Continue with Social ID". */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  kind: UpstreamKind;
  /**
   * Whether its `email_verified: true` is believed (default: true for social,
   * false for enterprise). Independently, an email in a domain that
   * domainRoutes sends to this upstream always counts as verified.
   */
  trustEmailVerified?: boolean;
}

export interface Metadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  authorization_response_iss_parameter_supported?: boolean;
  revocation_endpoint?: string;
  end_session_endpoint?: string;
}

/** What we keep of a verified ID token. */
export interface UpstreamIdentity {
  issuer: string;
  subject: string;
  email?: string;
  /** The upstream's own `email_verified` claim, true only when literally `true`. */
  emailVerifiedClaim: boolean;
  name?: string;
}

/** Anything wrong with the upstream's answer; the message is for logs, never for pages. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
}

const TIMEOUT_MS = 5000;
// The algorithms an OP may sign ID tokens with that we accept; never "none" or HMAC with our secret.
export const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

export function randomValue(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export interface UpstreamClient {
  config: UpstreamConfig;
  authorizationUrl(request: { redirectUri: string; state: string; nonce: string; codeVerifier: string; loginHint?: string; prompt?: string }): Promise<URL>;
  /** Redeems the code and verifies the ID token; throws UpstreamError. */
  exchange(request: { code: string; redirectUri: string; codeVerifier: string; nonce: string; iss: string | null }): Promise<UpstreamIdentity>;
}

export function createUpstreamClient(config: UpstreamConfig): UpstreamClient {
  // Discovered once, on first use (the upstream may start after us); a failure is retried next time.
  let discovered: Promise<{ meta: Metadata; keys: JWTVerifyGetKey }> | undefined;
  function discover() {
    discovered ??= (async () => {
      const meta = await fetchMetadata(config.issuer);
      return { meta, keys: createRemoteJWKSet(new URL(meta.jwks_uri), { timeoutDuration: TIMEOUT_MS }) };
    })();
    discovered.catch(() => (discovered = undefined));
    return discovered;
  }

  return {
    config,
    async authorizationUrl({ redirectUri, state, nonce, codeVerifier, loginHint, prompt }) {
      const { meta } = await discover();
      const url = new URL(meta.authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: config.clientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state,
        nonce,
        code_challenge: sha256(codeVerifier),
        code_challenge_method: 'S256',
        ...(loginHint ? { login_hint: loginHint } : {}),
        ...(prompt ? { prompt } : {}),
      }).toString();
      return url;
    },
    async exchange({ code, redirectUri, codeVerifier, nonce, iss }) {
      const { meta, keys } = await discover();
      // RFC 9207: the answer must say it came from the upstream we sent the user to (mix-up defence).
      if (iss !== null ? iss !== meta.issuer : meta.authorization_response_iss_parameter_supported === true) {
        throw new UpstreamError('the authorization response has a wrong or missing iss');
      }
      const idToken = await redeemCode(meta, config, { code, redirectUri, codeVerifier });
      return verifyIdToken(idToken, { issuer: meta.issuer, clientId: config.clientId, nonce, keys });
    },
  };
}

export async function fetchMetadata(issuer: string): Promise<Metadata> {
  const res = await fetch(new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`), { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new UpstreamError(`discovery answered ${res.status}`);
  const meta = (await res.json()) as Partial<Metadata>;
  if (meta.issuer !== issuer) throw new UpstreamError(`discovery names issuer ${String(meta.issuer)}, expected ${issuer}`);
  const origin = new URL(issuer).origin;
  for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    const value = meta[key];
    // Same origin as the issuer: a tampered document cannot send codes, secrets or key lookups elsewhere.
    if (typeof value !== 'string' || new URL(value).origin !== origin) throw new UpstreamError(`discovery ${key} is missing or on another origin`);
  }
  return meta as Metadata;
}

async function redeemCode(meta: Metadata, config: UpstreamConfig, request: { code: string; redirectUri: string; codeVerifier: string }): Promise<string> {
  const body = await tokenEndpoint(meta, config, {
    grant_type: 'authorization_code',
    code: request.code,
    redirect_uri: request.redirectUri,
    code_verifier: request.codeVerifier,
  });
  if (typeof body.id_token !== 'string') throw new UpstreamError('the token response has no id_token');
  return body.id_token;
}

/** client_secret_basic: both parts form-encoded before base64 (RFC 6749 §2.3.1). */
export function basicAuthorization(client: { clientId: string; clientSecret: string }): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`;
}

/** One call of a token endpoint as a confidential client (client_secret_basic); its JSON answer, or UpstreamError. */
export async function tokenEndpoint(
  meta: Metadata,
  client: { clientId: string; clientSecret: string },
  params: Record<string, string>,
): Promise<Record<string, unknown>> {
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuthorization(client), accept: 'application/json' },
    body: new URLSearchParams(params).toString(),
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new UpstreamError(`token endpoint answered ${res.status} ${String(body.error)}`);
  return body;
}

/**
 * OpenID Connect Core §3.1.3.7: signature (the upstream's keys), `iss`,
 * `aud` (and `azp` when there are several audiences), `exp`/`iat`, `nonce`.
 * Returns the identity; throws UpstreamError for anything off.
 */
export async function verifyIdToken(
  idToken: string,
  expected: { issuer: string; clientId: string; nonce: string; keys: JWTVerifyGetKey | Parameters<typeof jwtVerify>[1]; now?: Date },
): Promise<UpstreamIdentity> {
  const payload = await verifiedClaims(idToken, expected);
  if (typeof payload.sub !== 'string' || !payload.sub || payload.sub.length > 255) throw new UpstreamError('ID token sub is unusable');
  const email = typeof payload.email === 'string' && payload.email.length <= 254 ? payload.email.trim().toLowerCase() : undefined;
  const name = typeof payload.name === 'string' ? payload.name.trim().slice(0, 200) : undefined;
  return {
    issuer: expected.issuer,
    subject: payload.sub,
    ...(email ? { email } : {}),
    emailVerifiedClaim: payload.email_verified === true,
    ...(name ? { name } : {}),
  };
}

/** The ID token's claims once its signature, `iss`, `aud`/`azp`, `exp`/`iat` and `nonce` are checked (Core §3.1.3.7). */
export async function verifiedClaims(
  idToken: string,
  expected: { issuer: string; clientId: string; nonce: string; keys: JWTVerifyGetKey | Parameters<typeof jwtVerify>[1]; now?: Date },
): Promise<Record<string, unknown>> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, expected.keys as JWTVerifyGetKey, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ALGORITHMS,
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: 5,
      ...(expected.now ? { currentDate: expected.now } : {}),
    }));
  } catch (err) {
    if (err instanceof errors.JOSEError) throw new UpstreamError(`ID token rejected: ${err.code} ${err.message}`);
    throw err;
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expected.clientId) {
    throw new UpstreamError('ID token for several audiences without us as azp');
  }
  if (typeof payload.nonce !== 'string' || payload.nonce !== expected.nonce) throw new UpstreamError('ID token nonce does not match');
  return payload;
}
