/**
 * Token endpoint answers and the user they describe: read only once the
 * user has acted, so they load with the machine's session part.
 */
import * as z from 'zod/mini';

/** RFC 6749 §5.1 token response. */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.string().check(z.minLength(1)),
  expires_in: z.optional(z.number()),
  refresh_token: z.optional(z.string()),
  id_token: z.optional(z.string()),
  scope: z.optional(z.string()),
});

/** The part of a token response (RFC 6749 §5.1) we keep, after the connector parsed it. */
export const tokenSetSchema = z.looseObject({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.string(),
  id_token: z.optional(z.string()),
  refresh_token: z.optional(z.string()),
  scope: z.optional(z.string()),
  expires_at: z.optional(z.number()),
});

/** OIDC Core §5.1 standard claims; everything else passes through untouched. */
export const userinfoSchema = z.looseObject({
  sub: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  given_name: z.optional(z.string()),
  family_name: z.optional(z.string()),
  preferred_username: z.optional(z.string()),
  email: z.optional(z.string()),
  email_verified: z.optional(z.boolean()),
  picture: z.optional(z.nullable(z.string())),
  locale: z.optional(z.string()),
});
export type Userinfo = z.infer<typeof userinfoSchema>;
