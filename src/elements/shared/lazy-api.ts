/**
 * An element's API code (and zod with it) loads with its first call, not
 * with the element: `lazyApi(() => import(…).then(…), 'consent')`. Offline,
 * the call fails as a network error, and the next call tries the load again.
 */
import type { SessionClient } from '../../client/ciam-client.js';
import { CiamError } from '../../core/errors.js';

type AuthorizedFetch = (input: string, init?: RequestInit) => Promise<Response>;

export function lazyApi<T>(load: () => Promise<T>, what: string): Promise<T> {
  return load().catch((error: unknown) => {
    throw new CiamError({ code: 'network', detail: `could not load the ${what} code: ${String(error)}` });
  });
}

/**
 * An account card's API: the one the page gave (`api`), or one over `endpoint` through the client's `fetch()`,
 * whose code loads with the first call (`load` answers its factory); null until there is a client and an endpoint.
 */
export function accountApi<T extends object>(
  host: { api: T | undefined; endpoint: string; client: SessionClient | null },
  load: () => Promise<(endpoint: string, fetch: AuthorizedFetch) => T>,
  what: string,
  methods: readonly (keyof T & string)[],
): T | null {
  if (host.api) return host.api;
  const { client, endpoint } = host;
  if (!client || !endpoint) return null;
  const api = lazyApi(() => load().then((make) => make(endpoint, (input, init) => client.fetch(input, init))), what);
  const call =
    (name: keyof T & string) =>
    (...args: unknown[]) =>
      api.then((a) => (a[name] as (...x: unknown[]) => Promise<unknown>)(...args));
  return Object.fromEntries(methods.map((name) => [name, call(name)])) as T;
}
