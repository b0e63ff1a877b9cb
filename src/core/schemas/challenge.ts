/**
 * Responses of the authorization challenge endpoint
 * (draft-ietf-oauth-first-party-apps) and of the token endpoint, as the
 * embedded flow reads them. Extension fields are the demo OP's (docs/first-party-challenge.md).
 */
import * as z from 'zod/mini';

/** Embedded: an authorization code. Hosted (the OP's own page): where the finished interaction continues. */
export const challengeSuccessSchema = z
  .looseObject({
    authorization_code: z.optional(z.string().check(z.minLength(1))),
    redirect_to: z.optional(z.string().check(z.minLength(1))),
  })
  .check(z.refine((body) => !!body.authorization_code || !!body.redirect_to, 'authorization_code or redirect_to is required'));

export const challengeErrorSchema = z.looseObject({
  error: z.string().check(z.minLength(1)),
  error_description: z.optional(z.string()),
  auth_session: z.optional(z.string()),
  methods: z.optional(z.array(z.string())),
  reason: z.optional(z.string()),
  password_reason: z.optional(z.string()),
  code_sent: z.optional(z.boolean()),
  resend_after: z.optional(z.number()),
  retry_after: z.optional(z.number()),
  /** Passkey sign-in: PublicKeyCredentialRequestOptionsJSON, passed to the authenticator as it is. */
  passkey_options: z.optional(z.looseObject({ challenge: z.string() })),
});
export type ChallengeError = z.infer<typeof challengeErrorSchema>;
