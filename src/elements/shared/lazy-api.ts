/**
 * An element's API code (and zod with it) loads with its first call, not
 * with the element: `lazyApi(() => import(…).then(…), 'consent')`. Offline,
 * the call fails as a network error, and the next call tries the load again.
 */
import { CiamError } from '../../core/errors.js';

export function lazyApi<T>(load: () => Promise<T>, what: string): Promise<T> {
  return load().catch((error: unknown) => {
    throw new CiamError({ code: 'network', detail: `could not load the ${what} code: ${String(error)}` });
  });
}
