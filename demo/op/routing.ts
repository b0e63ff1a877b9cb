// Home-realm discovery: which upstream IdP an email belongs to, by its domain.
// Only ever asked about an email someone typed; the list itself is never
// published (not in discovery, not in any page), so customers' domains stay private.

export interface Route {
  /** The upstream's id (the `idp` hint value). */
  idp: string;
  /** The domain that matched (the `domain_hint` value). */
  domain: string;
}

export type Router = (email: string) => Route | undefined;

/** The domain of an address, lower-cased; '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** `domainRoutes`: `{ 'acme.test': 'acme' }`. Every target must be a known upstream (checked at start). */
export function createRouter(domainRoutes: Record<string, string>, upstreamIds: Iterable<string>): Router {
  const known = new Set(upstreamIds);
  const routes = new Map<string, string>();
  for (const [domain, idp] of Object.entries(domainRoutes)) {
    if (!known.has(idp)) throw new Error(`domainRoutes: ${domain} points at unknown upstream "${idp}"`);
    routes.set(domain.toLowerCase(), idp);
  }
  // One Map lookup either way: routed and unrouted emails take the same time.
  return (email) => {
    const domain = emailDomain(email);
    const idp = routes.get(domain);
    return idp ? { idp, domain } : undefined;
  };
}

/**
 * Whether an upstream's email counts as verified for us: always when its
 * domain routes to that very upstream (a company IdP speaks for its own
 * domain), never when it routes to another one (only the company speaks for
 * it), else only an explicit `email_verified: true` from an upstream trusted for it.
 */
export function emailVerifiedBy(
  upstream: { id: string; kind: 'social' | 'enterprise'; trustEmailVerified?: boolean },
  identity: { email?: string; emailVerifiedClaim: boolean },
  route: Router,
): boolean {
  if (!identity.email) return false;
  const routed = route(identity.email);
  if (routed) return routed.idp === upstream.id;
  const trusted = upstream.trustEmailVerified ?? upstream.kind === 'social';
  return trusted && identity.emailVerifiedClaim;
}
