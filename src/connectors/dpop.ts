/**
 * DPoP (RFC 9449): proofs that a request comes from the browser holding a key
 * no one can copy. Two uses: the OP binds the embedded flow's auth_session to
 * it (docs/security.md, "Embedded mode and phishing"), and with the `dpop`
 * option it binds the tokens too, so a leaked access or refresh token is
 * useless anywhere else ("DPoP-bound tokens"). A lazy chunk.
 *
 * One P-256 key per (issuer, client), made by WebCrypto as non-extractable:
 * script on the page can ask for signatures while it runs, but the private key
 * never exists as bytes. It is kept in IndexedDB (a structured clone stays
 * non-extractable), so every tab of the app and a reload prove the same key
 * as the tokens they share; signing out deletes it. Where IndexedDB is not
 * available (some private modes, sandboxed frames) it lives in page memory.
 */
import type { DPoPState, UserManagerSettings } from 'oidc-client-ts';
import { toBase64url } from '../core/base64url.js';

/** oidc-client-ts names the store's type but does not export it. */
type DPoPStore = NonNullable<UserManagerSettings['dpop']>['store'];
type PublicJwk = { kty: string; crv: string; x: string; y: string };

const DATABASE = 'ciam-dpop';
const KEYS = 'keys';

/** Keys of this page when IndexedDB fails. */
const inMemory = new Map<string, Promise<CryptoKeyPair>>();
const publicJwks = new WeakMap<CryptoKey, Promise<PublicJwk>>();
let database: Promise<IDBDatabase> | undefined;

function openDatabase(): Promise<IDBDatabase> {
  database ??= new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(DATABASE, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(KEYS);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
  });
  database.catch(() => (database = undefined));
  return database;
}

async function keys<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const store = (await openDatabase()).transaction(KEYS, mode).objectStore(KEYS);
  return new Promise<T>((resolve, reject) => {
    const request = run(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

const generate = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);

/**
 * The key for `name`, made on first use. Read from IndexedDB every time, not cached: another tab may have signed
 * out (deleting it) and in again (a new one). Two tabs making one at once: `add` lets the first win, the other reads it.
 */
async function keyFor(name: string): Promise<CryptoKeyPair> {
  if (typeof indexedDB !== 'undefined' && !inMemory.has(name)) {
    try {
      const stored = await keys<CryptoKeyPair | undefined>('readonly', (s) => s.get(name) as IDBRequest<CryptoKeyPair | undefined>);
      if (stored) return stored;
      const made = await generate();
      await keys('readwrite', (s) => s.add(made, name)).catch(() => undefined);
      const kept = await keys<CryptoKeyPair | undefined>('readonly', (s) => s.get(name) as IDBRequest<CryptoKeyPair | undefined>);
      if (kept) return kept;
    } catch {
      // IndexedDB refused: this page's memory from now on.
    }
  }
  let pair = inMemory.get(name);
  if (!pair) {
    pair = generate();
    inMemory.set(name, pair);
    pair.catch(() => inMemory.delete(name));
  }
  return pair;
}

/** Signing out: the tokens bound to the key are gone, so is the key; the next sign-in makes a new one. */
export async function forgetKey(name: string): Promise<void> {
  inMemory.delete(name);
  if (typeof indexedDB === 'undefined') return;
  await keys('readwrite', (s) => s.delete(name)).catch(() => undefined);
}

/** The public half as a JWK with only the members RFC 7638 hashes (a public key is always exportable). */
function jwk(key: CryptoKey): Promise<PublicJwk> {
  let value = publicJwks.get(key);
  if (!value) {
    value = crypto.subtle.exportKey('jwk', key).then(({ kty, crv, x, y }) => ({ kty: kty ?? '', crv: crv ?? '', x: x ?? '', y: y ?? '' }));
    publicJwks.set(key, value);
  }
  return value;
}

const encoder = new TextEncoder();
const encode = (value: unknown) => toBase64url(encoder.encode(JSON.stringify(value)));

export interface ProofOptions {
  /** For a request to a resource server: the access token the proof goes with (its hash is the `ath` claim, RFC 9449 §4.2). */
  accessToken?: string;
  /** A nonce the server gave in `DPoP-Nonce` (RFC 9449 §8, §9). */
  nonce?: string;
  /** Epoch ms (tests). */
  now?: number;
}

/** A proof for one request, the value of its `DPoP` header. `name` picks the key: `<issuer>|<client_id>`. */
export async function dpopProof(name: string, method: string, url: string, options: ProofOptions = {}): Promise<string> {
  const pair = await keyFor(name);
  const target = new URL(url);
  const claims: Record<string, unknown> = {
    jti: toBase64url(crypto.getRandomValues(new Uint8Array(16))),
    htm: method.toUpperCase(),
    // RFC 9449 §4.2: without query and fragment.
    htu: `${target.origin}${target.pathname}`,
    iat: Math.floor((options.now ?? Date.now()) / 1000),
  };
  if (options.accessToken) claims.ath = toBase64url(await crypto.subtle.digest('SHA-256', encoder.encode(options.accessToken)));
  if (options.nonce) claims.nonce = options.nonce;
  const input = `${encode({ typ: 'dpop+jwt', alg: 'ES256', jwk: await jwk(pair.publicKey) })}.${encode(claims)}`;
  // WebCrypto's ECDSA signature is r || s, which is exactly JWS's ES256 form.
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, encoder.encode(input));
  return `${input}.${toBase64url(signature)}`;
}

/**
 * The same key as oidc-client-ts's DPoP store, so its token requests (code exchange, refresh) and ours (embedded
 * token request, API calls) prove one key. It asks by client_id; the nonce the OP's token endpoint gave is kept in memory.
 */
export function dpopStore(name: string, clientId: string): DPoPStore {
  let nonce: string | undefined;
  const state = async (): Promise<DPoPState> => ({ keys: await keyFor(name), nonce });
  return {
    getAllKeys: () => Promise.resolve([clientId]),
    get: state,
    set: (_key, value) => {
      nonce = value.nonce;
      return Promise.resolve();
    },
    remove: async () => {
      const removed = await state();
      nonce = undefined;
      await forgetKey(name);
      return removed;
    },
  };
}
