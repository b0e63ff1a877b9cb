/**
 * One shared client per (authority, client_id) on the page, so every
 * element sees the same session. Kept on globalThis so two copies of the
 * bundle still share it.
 */
import { CiamClient, type ClientOptions } from './ciam-client.js';

const registryKey = Symbol.for('ciam-elements.clients');
type Registry = { clients: Map<string, CiamClient>; waiters: Set<(client: CiamClient) => void> };

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[registryKey] ??= { clients: new Map(), waiters: new Set() });
}

/**
 * The page's client for (authority, client_id): created on first use,
 * shared after. Kept on globalThis so two copies of the bundle still share it.
 */
export function getClient(options: ClientOptions): CiamClient {
  const { clients, waiters } = registry();
  const key = `${options.authority.replace(/\/+$/, '')}|${options.clientId}`;
  let client = clients.get(key);
  if (client) {
    client.configure(options);
    return client;
  }
  client = new CiamClient(options);
  clients.set(key, client);
  waiters.forEach((w) => w(client));
  return client;
}

/** For elements without attributes (e.g. a header's <ciam-user>): the page's first client, now or when it appears. */
export function whenAnyClient(callback: (client: CiamClient) => void): () => void {
  const { clients, waiters } = registry();
  const first = clients.values().next().value;
  if (first) {
    callback(first);
    return () => undefined;
  }
  const waiter = (client: CiamClient) => {
    waiters.delete(waiter);
    callback(client);
  };
  waiters.add(waiter);
  return () => waiters.delete(waiter);
}
