/**
 * DPoP proofs (RFC 9449 §4) for the authorization challenge endpoint, so the
 * OP can bind the embedded flow's auth_session to this page: a proxy, or
 * anyone who reads the auth_session, cannot continue a flow without the key
 * (docs/security.md, "Embedded mode and phishing"). A lazy chunk, loaded with
 * the first challenge request of an OP that lists ES256 in
 * `dpop_signing_alg_values_supported`.
 *
 * One P-256 key per page, made by WebCrypto as non-extractable: script on the
 * page can ask for signatures while it runs, but the private key never
 * exists as bytes anyone could copy elsewhere. It lives in memory only, like
 * the flow it protects.
 */
import { toBase64url } from '../core/base64url.js';

let keyPair: Promise<CryptoKeyPair> | undefined;
let publicJwk: Promise<{ kty: string; crv: string; x: string; y: string }> | undefined;

function pageKey(): Promise<CryptoKeyPair> {
  keyPair ??= crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  keyPair.catch(() => (keyPair = undefined));
  return keyPair;
}

/** The public half as a JWK with only the members RFC 7638 hashes (a public key is always exportable). */
function jwk() {
  publicJwk ??= pageKey()
    .then((pair) => crypto.subtle.exportKey('jwk', pair.publicKey))
    .then(({ kty, crv, x, y }) => ({ kty: kty ?? '', crv: crv ?? '', x: x ?? '', y: y ?? '' }));
  publicJwk.catch(() => (publicJwk = undefined));
  return publicJwk;
}

const encode = (value: unknown) => toBase64url(new TextEncoder().encode(JSON.stringify(value)));

/** A proof for one request: `DPoP: <header.payload.signature>`. `now` in ms. */
export async function dpopProof(method: string, url: string, now = Date.now()): Promise<string> {
  const [pair, key] = await Promise.all([pageKey(), jwk()]);
  const target = new URL(url);
  const input = `${encode({ typ: 'dpop+jwt', alg: 'ES256', jwk: key })}.${encode({
    jti: toBase64url(crypto.getRandomValues(new Uint8Array(16))),
    htm: method,
    // RFC 9449 §4.2: without query and fragment.
    htu: `${target.origin}${target.pathname}`,
    iat: Math.floor(now / 1000),
  })}`;
  // WebCrypto's ECDSA signature is r || s, which is exactly JWS's ES256 form.
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(input));
  return `${input}.${toBase64url(signature)}`;
}
