/**
 * The user's organizations behind the client: `client.organizations(endpoint)` loads this module (a lazy
 * chunk) and answers with an `OrganizationManager`: which organization this tab's tokens are in (their
 * claims, read per preset: core/organization.ts), the user's memberships from an organizations API, a
 * switch of this tab into another one (token exchange or refresh, no navigation; else a `prompt=none`
 * redirect), and an invitation's acceptance. Answers are results and never throw. The organization is this
 * tab's own: another tab may sit in another one (docs/decisions.md).
 */
import { CiamError, type CiamErrorData } from '../core/errors.js';
import { tryJson, type HttpResult } from '../core/http.js';
import { readOrganization, sameMembership, sameOrganization, switchVia, type Organization, type SwitchVia } from '../core/organization.js';
import { invitationSchema, organizationListSchema, organizationSchema } from '../core/schemas/organizations.js';
import { accountHolder, type SessionState } from '../core/states.js';
import { jsonApi, type AuthorizedFetch } from './json-api.js';
import type { OidcConnector } from '../connectors/oidc.js';
import type { SessionClient } from './ciam-client.js';

export type { Organization, SwitchVia };

/** What an invitation offers: the organization (with the role it gives as `roles`), and who invited, when the API says. */
export interface Invitation {
  organization: Organization;
  role: string;
  invitedBy: string | null;
}

export type OrganizationResult<T> = { ok: true; value: T } | { ok: false; error: CiamErrorData };

/** `client.organizations(endpoint)`: this tab's organization, the user's others, switching and invitations. */
export interface OrganizationManager {
  /** The organization this tab's tokens are in, or null: a personal sign-in, a guest, or nobody signed in. */
  readonly current: Organization | null;
  /** How a switch goes at this OP (`redirect`: the page leaves for the OP and comes back); null before discovery. */
  readonly via: SwitchVia | null;
  /** The user's organizations, each with the user's roles there. */
  list(): Promise<OrganizationResult<Organization[]>>;
  /**
   * Tokens in `organization` for this tab: resolves once they are kept (`current` is then that organization),
   * with how it went; for `redirect` once the page is leaving. Refused: `not_a_member`.
   */
  switchTo(organization: Organization): Promise<OrganizationResult<SwitchVia>>;
  /** What an invitation (its token from the link) offers, for the user to decide on; nothing is used up. Refused: `invalid_invitation`. */
  preview(token: string): Promise<OrganizationResult<Invitation>>;
  /** Accepts an invitation: the membership it gave. Refused: `invalid_invitation`. */
  accept(token: string): Promise<OrganizationResult<Organization>>;
  /** The current organization changed: a switch, a sign-in or out, a renewal that found the membership gone. Returns the unsubscribe. */
  subscribe(listener: (current: Organization | null) => void): () => void;
}

/** The HTTP calls of an organizations API (docs/first-party-challenge.md, "Organizations"); failures are CiamErrors. */
export interface OrganizationsApi {
  list(): Promise<Organization[]>;
  preview(token: string): Promise<Invitation>;
  accept(token: string): Promise<Organization>;
}

/** What the manager needs of a client: its state, and new tokens in an organization for this tab (the connector's, or a scripted one's). */
export interface OrganizationHost {
  readonly state: SessionState;
  subscribe(listener: (state: SessionState) => void): () => void;
  fetch: AuthorizedFetch;
  /** Rejects with a CiamError; `redirect` resolves as the page leaves. */
  switchTokens(organization: Organization, via: SwitchVia): Promise<void>;
}

/**
 * A real client as the host: a switch is the connector's exchange or refresh (its renewal listeners tell the
 * machine and the other tabs), or a `prompt=none` sign-in that comes back to this very page.
 */
export function clientHost(client: Pick<SessionClient, 'state' | 'subscribe' | 'fetch' | 'signIn'>, connect: () => Promise<OidcConnector>): OrganizationHost {
  return {
    get state() {
      return client.state;
    },
    subscribe: (listener) => client.subscribe(listener),
    fetch: (input, init) => client.fetch(input, init),
    switchTokens: async (organization, via) => {
      if (via === 'redirect') return client.signIn({ via, organization, prompt: 'none', returnTo: location.pathname + location.search + location.hash });
      await (await connect()).switchOrganization(organization, via);
    },
  };
}

/** The organization of a state: the account holder's tokens' (a guest is in none). */
export function organizationOf(state: SessionState): Organization | null {
  const holder = accountHolder(state);
  return holder && 'config' in state ? readOrganization(holder.claims, state.config) : null;
}

export function organizationsFor(host: OrganizationHost, target: string | OrganizationsApi): OrganizationManager {
  const api = typeof target === 'string' ? organizationsApi(target, host.fetch) : target;
  const listeners = new Set<(current: Organization | null) => void>();
  let heard: Organization | null = null;
  let unsubscribe: (() => void) | null = null;
  return {
    get current() {
      return organizationOf(host.state);
    },
    get via() {
      const state = host.state;
      return 'discovery' in state ? switchVia(state.config, state.discovery) : null;
    },
    list: () => attempt(() => api.list()),
    switchTo(organization) {
      return attempt(async () => {
        const state = host.state;
        if (state.name !== 'signed-in' || state.user.claims.is_anonymous === true) {
          throw new CiamError({ code: 'login_required', detail: 'switching organization needs a signed-in user' });
        }
        const via = switchVia(state.config, state.discovery);
        if (sameOrganization(organizationOf(state), organization)) return via;
        await host.switchTokens(organization, via);
        return via;
      });
    },
    preview: (token) => attempt(() => api.preview(token)),
    accept: (token) => attempt(() => api.accept(token)),
    subscribe(listener) {
      listeners.add(listener);
      if (!unsubscribe) heard = organizationOf(host.state);
      unsubscribe ??= host.subscribe((state) => {
        const now = organizationOf(state);
        if (sameMembership(now, heard)) return;
        heard = now;
        listeners.forEach((l) => l(now));
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        unsubscribe?.();
        unsubscribe = null;
      };
    },
  };
}

/** Runs one call; what it throws (a CiamError, anything else) becomes an error result. */
async function attempt<T>(work: () => Promise<T>): Promise<OrganizationResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: error instanceof CiamError ? error.toData() : { code: 'unknown', detail: String(error) } };
  }
}

/** An organization as the API wrote it: an alias of `null` is none. */
function asOrganization(o: { id: string; alias?: string | null; name: string; roles: string[] }): Organization {
  return { id: o.id, ...(o.alias ? { alias: o.alias } : {}), name: o.name, roles: o.roles };
}

export function organizationsApi(endpoint: string, authorizedFetch: AuthorizedFetch): OrganizationsApi {
  const call = jsonApi(endpoint, authorizedFetch, organizationsError);
  return {
    list: async () => (await call('', { method: 'GET' }, organizationListSchema)).map(asOrganization),
    preview: async (token) => {
      const offer = await call('/invitations/preview', { method: 'POST', body: JSON.stringify({ token }) }, invitationSchema);
      return { organization: asOrganization({ ...offer.organization, roles: [offer.role] }), role: offer.role, invitedBy: offer.invited_by ?? null };
    },
    accept: async (token) => asOrganization(await call('/invitations/accept', { method: 'POST', body: JSON.stringify({ token }) }, organizationSchema)),
  };
}

/** The API's own error names become our codes. */
function organizationsError(error: CiamErrorData, result: HttpResult): CiamErrorData {
  const name = (tryJson(result.body) as { error?: unknown } | undefined)?.error;
  if (name === 'invalid_invitation') return { ...error, code: 'invalid_invitation' };
  if (name === 'not_a_member') return { ...error, code: 'not_a_member' };
  if (result.status === 401) return { ...error, code: 'login_required' };
  return error;
}
