/**
 * One shared client per (authority, client_id) on the page, so every
 * element sees the same session. Kept on globalThis so two copies of the
 * bundle still share it.
 */
import { CiamClient, type ClientOptions, type SessionClient } from './ciam-client.js';

const registryKey = Symbol.for('ciam-elements.clients');
/** A client the registry can share: the OIDC one, or the backend-for-frontend one (bff-client.ts). */
export type SharedClient = SessionClient & { configure(options: Partial<ClientOptions>): void };
type Registry = { clients: Map<string, SharedClient>; waiters: Set<(client: SessionClient) => void> };

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[registryKey] ??= { clients: new Map(), waiters: new Set() });
}

/**
 * The page's client for (authority, client_id): created on first use,
 * shared after. Kept on globalThis so two copies of the bundle still share it.
 */
export function getClient(options: ClientOptions): CiamClient {
  return sharedClient(`${options.authority.replace(/\/+$/, '')}|${options.clientId}`, options, () => new CiamClient(options)) as CiamClient;
}

/** The page's client under `key`, created on first use (the OIDC one above, the BFF one in bff-client.ts). */
export function sharedClient(key: string, options: ClientOptions, create: () => SharedClient): SharedClient {
  const { clients, waiters } = registry();
  let client = clients.get(key);
  if (client) {
    client.configure(options);
    return client;
  }
  client = create();
  clients.set(key, client);
  waiters.forEach((w) => w(client));
  return client;
}

/** For elements without attributes (e.g. a header's <ciam-user>): the page's first client, now or when it appears. */
export function whenAnyClient(callback: (client: SessionClient) => void): () => void {
  const { clients, waiters } = registry();
  const first = clients.values().next().value;
  if (first) {
    callback(first);
    return () => undefined;
  }
  const waiter = (client: SessionClient) => {
    waiters.delete(waiter);
    callback(client);
  };
  waiters.add(waiter);
  return () => waiters.delete(waiter);
}
