/**
 * The answer the OP puts on the app's address after linking an account
 * (<ciam-connections>): `linked=<provider>` or `link_error=<code>`. Read
 * once, then taken off the address so a reload does not announce it again.
 */
import type { CiamErrorData } from './errors.js';

/** What the OP put on the return address after a link: `linked=<provider>` or `link_error=<code>`. */
export type LinkReturn = { linked: string } | { error: CiamErrorData } | null;

export function readLinkReturn(url: string): LinkReturn {
  const params = new URL(url).searchParams;
  const linked = params.get('linked');
  if (linked) return { linked };
  const failed = params.get('link_error');
  if (!failed) return null;
  if (failed === 'already_linked') return { error: { code: 'already_linked' } };
  if (failed === 'access_denied') return { error: { code: 'access_denied' } };
  return { error: { code: 'unknown', detail: failed } };
}

/** The address without the link's answer, for history.replaceState (a reload must not announce it again). */
export function withoutLinkReturn(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('linked');
  parsed.searchParams.delete('link_error');
  return parsed.pathname + parsed.search + parsed.hash;
}
