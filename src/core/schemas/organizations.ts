/**
 * The organizations API the demo OP offers (docs/first-party-challenge.md, "Organizations"): the user's
 * memberships with their roles, and an accepted invitation's. No standard exists for this, so
 * <ciam-org-switcher> talks to any server that answers in this shape.
 */
import * as z from 'zod/mini';

export const organizationSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  alias: z.optional(z.nullable(z.string())),
  name: z.string().check(z.minLength(1)),
  roles: z.array(z.string()),
});

export const organizationListSchema = z.array(organizationSchema);

/** What an invitation offers, before the invitee decides. */
export const invitationSchema = z.looseObject({
  organization: z.looseObject({ id: z.string().check(z.minLength(1)), alias: z.optional(z.nullable(z.string())), name: z.string().check(z.minLength(1)) }),
  role: z.string(),
  invited_by: z.optional(z.nullable(z.string())),
});
