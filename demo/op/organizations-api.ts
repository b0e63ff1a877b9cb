/**
 * The organization API (docs/first-party-challenge.md#organizations), on the OP like the demo's other APIs:
 * the user's organizations (for the switcher), the token's current one, a report only an organization's
 * admins may read, invitations, and removing members. The token's organization (`extra.org_id`) says which
 * organization a call acts in; membership and roles are read from the database on every call, never trusted
 * from the token, so a removed member's tokens stop working at once.
 */
import type { Provider } from 'oidc-provider';
import type { AccessTokenLike } from './api.js';
import { createBearerApi, readJson } from './bearer-api.js';
import type { ApiReply } from './bearer-api.js';
import type { OpDb } from './db.js';
import { organizationInvitationMail } from './emails.js';
import { ADMIN_ROLE, INVITABLE_ROLES, INVITATION_DAYS } from './organizations.js';
import type { Organization } from './organizations.js';
import { SlidingWindow } from './rate-limit.js';
import { isEmail } from './users.js';
import type { User } from './users.js';

export const ORGANIZATIONS_PATH = '/api/organizations';
/** Invitations an admin may send per hour (over all their organizations). */
export const INVITATIONS_PER_HOUR = 20;
/** Where an invitation link leads: the app's embedded sign-in page, which reads #ciam_invite. */
export const INVITATION_PAGE = '/embedded.html';

const ROUTE = /^\/api\/organizations(?:\/(current)|\/invitations\/(accept|preview)|\/([^/]+)\/(report|invitations|members)|\/([^/]+)\/members\/([^/]+))?$/;

type Route =
  { kind: 'list' | 'current' | 'accept' | 'preview' } | { kind: 'report' | 'invite' | 'members'; org: string } | { kind: 'remove'; org: string; sub: string };

function parse(match: RegExpExecArray): Route {
  const [, current, accept, org, action, memberOrg, sub] = match;
  if (current) return { kind: 'current' };
  if (accept) return { kind: accept as 'accept' | 'preview' };
  if (org) return { kind: action === 'invitations' ? 'invite' : (action as 'report' | 'members'), org: decodeURIComponent(org) };
  if (memberOrg) return { kind: 'remove', org: decodeURIComponent(memberOrg), sub: decodeURIComponent(sub) };
  return { kind: 'list' };
}

const METHODS: Record<Route['kind'], string[]> = {
  list: ['GET'],
  current: ['GET'],
  accept: ['POST'],
  preview: ['POST'],
  report: ['GET'],
  invite: ['POST'],
  members: ['GET'],
  remove: ['DELETE'],
};

const error = (status: number, code: string, description: string): ApiReply => ({ status, body: { error: code, error_description: description } });
const INVALID_INVITATION = error(400, 'invalid_invitation', 'This invitation is not valid: it was used, it expired, or it is for another email address.');

export function createOrganizationsApiHandler(options: { provider: Provider; db: OpDb; appOrigins: Set<string> }) {
  const { db } = options;
  const orgs = db.organizations;
  const invitationsSent = new SlidingWindow(INVITATIONS_PER_HOUR, 60 * 60 * 1000);
  const appPage = new URL(INVITATION_PAGE, [...options.appOrigins][0]).href;

  /**
   * The organization of a /:id/… call, when the token is of that very organization and the user is (still)
   * an admin of it. The same wrong_organization for an organization that does not exist, one the user is not
   * in, and one the token is not of: a path reveals nothing to someone outside it.
   */
  function adminOf(idOrAlias: string, user: User, token: AccessTokenLike): Organization | ApiReply {
    const org = orgs.find(idOrAlias);
    if (!org || token.extra?.org_id !== org.id) {
      return error(403, 'wrong_organization', 'Use an access token of this organization (switch to it first).');
    }
    const roles = orgs.rolesOf(user.id, org.id);
    if (!roles) return error(403, 'not_a_member', 'You are no longer a member of this organization.');
    if (!roles.includes(ADMIN_ROLE)) return error(403, 'insufficient_role', 'Only an admin of this organization may do this.');
    return org;
  }

  function invite(org: Organization, user: User, body: Record<string, unknown>): ApiReply {
    const { email, role } = body;
    if (typeof email !== 'string' || !isEmail(email.trim())) return error(400, 'invalid_request', 'email must be an email address.');
    if (typeof role !== 'string' || !INVITABLE_ROLES.has(role)) return error(400, 'invalid_request', `role must be one of ${[...INVITABLE_ROLES].join(', ')}.`);
    const wait = invitationsSent.retryAfter(user.id);
    if (wait) return { status: 429, body: { error: 'rate_limited', retry_after: wait }, headers: { 'Retry-After': String(wait) } };
    invitationsSent.hit(user.id);
    const token = orgs.invite({ orgId: org.id, email: email.trim(), role, invitedBy: user.id });
    const url = `${appPage}#ciam_invite=${token}`;
    db.mails.send({
      to: email.trim().toLowerCase(),
      ...organizationInvitationMail({ organization: org.name, role, inviter: user.name || user.email, url, days: INVITATION_DAYS }),
    });
    return { status: 201, body: { email: email.trim().toLowerCase(), role, expires_in: INVITATION_DAYS * 86_400 } };
  }

  return createBearerApi({
    ...options,
    route: ROUTE,
    methods: (match) => METHODS[parse(match).kind],
    stepUp: new Set(),
    async handle(req, user, match, token) {
      const route = parse(match);
      switch (route.kind) {
        case 'list':
          return { status: 200, body: orgs.membershipsOf(user.id).map(({ id, alias, name, roles }) => ({ id, alias, name, roles })) };
        case 'current': {
          const orgId = token.extra?.org_id;
          if (!orgId) return error(403, 'no_organization', 'This access token is not of an organization.');
          const org = orgs.find(orgId);
          const roles = org && orgs.rolesOf(user.id, org.id);
          if (!org || !roles) return error(403, 'not_a_member', 'You are no longer a member of this organization.');
          return { status: 200, body: { id: org.id, alias: org.alias, name: org.name, roles } };
        }
        case 'preview': {
          // What the invitee is asked to join, before anything changes: the page asks "Join Acme as Member?".
          const { token: invitation } = await readJson(req);
          const offer = typeof invitation === 'string' && user.emailVerified ? orgs.peek(invitation, user) : undefined;
          if (!offer) return INVALID_INVITATION;
          const inviter = db.users.findById(offer.invitedBy);
          return {
            status: 200,
            body: {
              organization: { id: offer.org.id, alias: offer.org.alias, name: offer.org.name },
              role: offer.role,
              invited_by: inviter?.name || inviter?.email || null,
            },
          };
        }
        case 'accept': {
          const { token: invitation } = await readJson(req);
          // Only an address the OP has seen the user prove can take an invitation sent to it.
          if (typeof invitation !== 'string' || !user.emailVerified) return INVALID_INVITATION;
          const joined = orgs.accept(invitation, user);
          return joined ? { status: 200, body: { id: joined.id, alias: joined.alias, name: joined.name, roles: joined.roles } } : INVALID_INVITATION;
        }
        case 'report': {
          const org = adminOf(route.org, user, token);
          if ('status' in org) return org;
          const members = orgs.membersOf(org.id);
          return {
            status: 200,
            body: { organization: { id: org.id, name: org.name }, members: members.length, admins: members.filter((m) => m.roles.includes(ADMIN_ROLE)).length },
          };
        }
        case 'invite': {
          const org = adminOf(route.org, user, token);
          if ('status' in org) return org;
          return invite(org, user, await readJson(req));
        }
        case 'members': {
          const org = adminOf(route.org, user, token);
          if ('status' in org) return org;
          // What an admin needs to manage the members: who (name and email), as what, and the id to remove them by.
          const members = orgs.membersOf(org.id).flatMap(({ userId, roles }) => {
            const member = db.users.findById(userId);
            return member ? [{ sub: member.id, name: member.name, email: member.email, roles }] : [];
          });
          return { status: 200, body: members };
        }
        case 'remove': {
          const org = adminOf(route.org, user, token);
          if ('status' in org) return org;
          const roles = orgs.rolesOf(route.sub, org.id);
          if (!roles) return error(404, 'not_found', 'No such member.');
          // An organization never loses its last admin (who would invite anyone then?).
          if (roles.includes(ADMIN_ROLE) && orgs.countWithRole(org.id, ADMIN_ROLE) === 1) {
            return error(409, 'last_admin', 'The last admin cannot be removed.');
          }
          orgs.removeMember(route.sub, org.id);
          return { status: 204 };
        }
      }
    },
    name: 'organizations api',
  });
}
