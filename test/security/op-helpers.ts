// Helpers for the server half of the attack battery: requests to the demo OP
// from chosen loopback source addresses (the OP reads the client's address
// from the socket and trusts no header, and Linux routes all of 127.0.0.0/8
// to loopback, so 127.0.0.2 ... are distinct clients without any proxy
// header), and timing that compares answers within one run.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { request } from 'node:http';
import { BFF_CLIENT } from '../../demo/op/provider.js';
import { CLIENT_ID, REDIRECT_URI, httpFetch, pkce } from '../op/helpers.js';
import { APP_ORIGIN } from '../op/helpers.js';

/** Where the BFF client's codes are bound (its registered redirect URI). */
export const BFF_REDIRECT_URI = `${APP_ORIGIN}/bff/callback`;
import type { Answer } from '../op/challenge-helpers.js';

/** POST form data to the OP from `from` (a loopback address), with the headers a browser on the app origin sends. */
export function postFrom(from: string, issuer: string, path: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(path, issuer);
  const body = new URLSearchParams(params).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: APP_ORIGIN, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown>;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = { text };
          }
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          resolve({ status: res.statusCode ?? 0, headers: h, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The first request of a /challenge flow from `from`. */
export function startFrom(from: string, issuer: string, params: Record<string, string>): Promise<Answer> {
  const { challenge } = pkce();
  return postFrom(from, issuer, '/challenge', {
    client_id: CLIENT_ID,
    scope: 'openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    redirect_uri: REDIRECT_URI,
    ...params,
  });
}

/** A flow continued from `from`. */
export function nextFrom(from: string, issuer: string, authSession: unknown, params: Record<string, string>): Promise<Answer> {
  return postFrom(from, issuer, '/challenge', { client_id: CLIENT_ID, auth_session: String(authSession), ...params });
}

/** How long `run` takes, in ms (high-resolution). */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const began = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - began) / 1e6;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times two kinds of request alternately (so load on the machine hits both alike) and returns the
 * ratio of their medians, the larger over the smaller: 1 means indistinguishable. Never absolute times.
 */
export async function medianRatio(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<{ ratio: number; a: number; b: number }> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always meets a warmer cache.
    if (i % 2) {
      ta.push(await timed(a));
      tb.push(await timed(b));
    } else {
      tb.push(await timed(b));
      ta.push(await timed(a));
    }
  }
  const ma = median(ta);
  const mb = median(tb);
  return { ratio: Math.max(ma, mb) / Math.min(ma, mb), a: ma, b: mb };
}

/** Timing tolerance: medians within 35 % of each other (scrypt dominates both; noise does the rest). */
export const TIMING_TOLERANCE = 1.35;

/** A DPoP proof signed by a fresh key of our own making, with whatever header and claims an attacker chooses (`jwk: 'with-d'`: the private part too). */
export function forgedProof(header: Record<string, unknown>, claims: Record<string, unknown>, signature?: string): string {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y, d } = pair.privateKey.export({ format: 'jwk' });
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = { typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y }, ...header };
  if (header.jwk === 'with-d') head.jwk = { kty, crv, x, y, d } as typeof head.jwk;
  const input = `${part(head)}.${part({ jti: randomBytes(16).toString('base64url'), iat: Math.floor(Date.now() / 1000), ...claims })}`;
  return `${input}.${signature ?? sign('sha256', Buffer.from(input), { key: pair.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/** The token endpoint for a code of the confidential BFF client (its secret is the demo's): another client's access token. */
export async function redeemAsBff(issuer: string, code: unknown, verifier: string): Promise<string> {
  const res = await httpFetch(new URL('/token', issuer), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${BFF_CLIENT.id}:${BFF_CLIENT.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: String(code), code_verifier: verifier, redirect_uri: BFF_REDIRECT_URI }).toString(),
  });
  const body = (await res.json()) as { access_token: string };
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.access_token;
}
