/**
 * The user's passkeys behind the client: `client.passkeys(endpoint)` loads
 * this module (a lazy chunk, like `client.fetch()`'s) and answers with a
 * `PasskeyManager`. Calls go through `client.fetch()` (the access token,
 * RFC 9470 step-up); `create()` is the whole registration, options from the
 * API, the browser's ceremony (connectors/webauthn-register.ts, loaded then),
 * the new passkey back to the API, written once for <ciam-passkey> and the
 * offer after a sign-in. Answers are results and never throw; a closed
 * browser prompt is a cancel (`cancelled: true`), not an error. Every change
 * made through a client is told to all subscribers of that client and API,
 * so each element showing the account stays in step (docs/decisions.md).
 */
import { CiamError, type CiamErrorData } from '../core/errors.js';
import { tryJson, type HttpResult } from '../core/http.js';
import { creationOptionsSchema, passkeyListSchema, passkeySchema, type Passkey } from '../core/schemas/passkeys.js';
import type { Ceremony } from '../connectors/webauthn-errors.js';
import type { PublicKeyCredentialCreationOptionsJSON } from '../connectors/webauthn-register.js';
import { jsonApi, type AuthorizedFetch } from './json-api.js';

export type { Passkey };

/** What a call answered: its value, or an error (`cancelled` when the user closed the browser's prompt: show nothing). */
export type PasskeyResult<T> = { ok: true; value: T } | { ok: false; error: CiamErrorData; cancelled?: true };

/** A change made through the client, as its subscribers hear of it. */
export type PasskeyChange = { type: 'created' | 'renamed'; passkey: Passkey } | { type: 'removed'; id: string };

/** `client.passkeys(endpoint)`: the signed-in user's passkeys at one passkey management API. */
export interface PasskeyManager {
  list(): Promise<PasskeyResult<Passkey[]>>;
  /** Options from the API, the browser's ceremony, the new passkey registered (named `name`, else the server's default). */
  create(name?: string): Promise<PasskeyResult<Passkey>>;
  rename(id: string, name: string): Promise<PasskeyResult<Passkey>>;
  remove(id: string): Promise<PasskeyResult<void>>;
  /** Changes made through this client at this API, by any element or script of the page. Returns the unsubscribe. */
  subscribe(listener: (change: PasskeyChange) => void): () => void;
}

/** The HTTP calls of a passkey management API (docs/first-party-challenge.md); failures are CiamErrors. */
export interface PasskeyApi {
  list(): Promise<Passkey[]>;
  creationOptions(): Promise<unknown>;
  register(response: unknown, name?: string): Promise<Passkey>;
  rename(id: string, name: string): Promise<Passkey>;
  remove(id: string): Promise<void>;
}

/** The browser's registration ceremony; scripted clients bring their own. */
export type RegisterCeremony = (options: unknown) => Promise<Ceremony<unknown>>;

type Listener = (change: PasskeyChange) => void;

/**
 * The manager for `target`: an endpoint URL (called through `client.fetch()`) or an API object of
 * the page's own. Subscribers are kept per client and target, on globalThis, so two copies of the
 * bundle still hear each other (as they share the client, registry.ts).
 */
export function passkeysFor(client: { fetch: AuthorizedFetch }, target: string | PasskeyApi, ceremony: RegisterCeremony = browserCeremony): PasskeyManager {
  const api = typeof target === 'string' ? passkeyApi(target, (input, init) => client.fetch(input, init)) : target;
  const listeners = channel(client, target);
  const tell = (change: PasskeyChange) => listeners.forEach((listener) => listener(change));
  return {
    list: () => attempt(async () => ok(await api.list())),
    create: (name) =>
      attempt(async () => {
        const result = await ceremony(await api.creationOptions());
        if (!result.ok) return result.cancelled ? cancelled : { ok: false, error: result.error };
        const passkey = await api.register(result.response, name);
        tell({ type: 'created', passkey });
        return ok(passkey);
      }),
    rename: (id, name) =>
      attempt(async () => {
        const passkey = await api.rename(id, name);
        tell({ type: 'renamed', passkey });
        return ok(passkey);
      }),
    remove: (id) =>
      attempt(async () => {
        await api.remove(id);
        tell({ type: 'removed', id });
        return ok(undefined);
      }),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

const ok = <T>(value: T): PasskeyResult<T> => ({ ok: true, value });
const cancelled: PasskeyResult<never> = { ok: false, error: { code: 'passkey_cancelled' }, cancelled: true };

/** Runs one call; what it throws (a CiamError from the API, anything else) becomes an error result. */
async function attempt<T>(work: () => Promise<PasskeyResult<T>>): Promise<PasskeyResult<T>> {
  try {
    return await work();
  } catch (error) {
    return { ok: false, error: error instanceof CiamError ? error.toData() : { code: 'unknown', detail: String(error) } };
  }
}

/** The WebAuthn code loads with the first passkey created, not before. */
async function browserCeremony(options: unknown): Promise<Ceremony<unknown>> {
  let webauthn: typeof import('../connectors/webauthn-register.js');
  try {
    webauthn = await import('../connectors/webauthn-register.js');
  } catch (error) {
    return { ok: false, cancelled: false, error: { code: 'network', detail: `could not load the passkey code: ${String(error)}` } };
  }
  // creationOptionsSchema checked what we rely on; the rest goes to the browser as the server sent it.
  return webauthn.createPasskey(options as PublicKeyCredentialCreationOptionsJSON);
}

const channelsKey = Symbol.for('ciam-elements.passkey-changes');
type Targets = Map<string | PasskeyApi, Set<Listener>>;
type Channels = WeakMap<object, Targets>;

function channel(client: object, target: string | PasskeyApi): Set<Listener> {
  const g = globalThis as unknown as Record<symbol, Channels | undefined>;
  const byClient = (g[channelsKey] ??= new WeakMap<object, Targets>());
  let byTarget = byClient.get(client);
  if (!byTarget) byClient.set(client, (byTarget = new Map<string | PasskeyApi, Set<Listener>>()));
  const key = typeof target === 'string' ? endpointKey(target) : target;
  let listeners = byTarget.get(key);
  if (!listeners) byTarget.set(key, (listeners = new Set()));
  return listeners;
}

/** One API, however the page spells it (relative, trailing slash). */
function endpointKey(endpoint: string): string {
  try {
    return new URL(endpoint, globalThis.location?.href).href.replace(/\/+$/, '');
  } catch {
    return endpoint.replace(/\/+$/, '');
  }
}

export function passkeyApi(endpoint: string, authorizedFetch: AuthorizedFetch): PasskeyApi {
  const call = jsonApi(endpoint, authorizedFetch, passkeyError);
  return {
    list: () => call('', { method: 'GET' }, passkeyListSchema),
    creationOptions: () => call('/options', { method: 'POST' }, creationOptionsSchema),
    register: (response, name) => call('', { method: 'POST', body: JSON.stringify({ response, ...(name ? { name } : {}) }) }, passkeySchema),
    rename: (id, name) => call(`/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify({ name }) }, passkeySchema),
    remove: (id) => call(`/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

/** The API's own error names (409 last_credential / already_registered, 400 invalid_passkey) become our codes. */
function passkeyError(error: CiamErrorData, result: HttpResult): CiamErrorData {
  const name = (tryJson(result.body) as { error?: unknown } | undefined)?.error;
  if (name === 'last_credential') return { ...error, code: 'last_credential' };
  if (name === 'already_registered') return { ...error, code: 'passkey_exists' };
  if (name === 'invalid_passkey') return { ...error, code: 'invalid_passkey' };
  if (result.status === 401) return { ...error, code: 'login_required' };
  return error;
}
