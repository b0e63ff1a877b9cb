/**
 * Responses of the authorization challenge endpoint
 * (draft-ietf-oauth-first-party-apps) and of the token endpoint, as the
 * embedded flow reads them. Extension fields are the demo OP's (docs/first-party-challenge.md).
 * Checked with check.ts (first paint: passkey autofill reads them).
 */
import { array, boolean, looseObject, nonEmptyString, number, optional, parser, refine, string, type Infer } from './check.js';

/** Embedded: an authorization code. Hosted (the OP's own page): where the finished interaction continues. */
export const challengeSuccessSchema = parser(
  refine(
    looseObject({ authorization_code: optional(nonEmptyString), redirect_to: optional(nonEmptyString) }),
    (body) => !!body.authorization_code || !!body.redirect_to,
    'authorization_code or redirect_to is required',
  ),
);

const challengeErrorShape = {
  error: nonEmptyString,
  error_description: optional(string),
  auth_session: optional(string),
  methods: optional(array(string)),
  reason: optional(string),
  password_reason: optional(string),
  code_sent: optional(boolean),
  /** A sign-in link went out: the flow waits for it, asking for its status every `interval` seconds. */
  link_sent: optional(boolean),
  interval: optional(number),
  resend_after: optional(number),
  retry_after: optional(number),
  /** Passkey sign-in: PublicKeyCredentialRequestOptionsJSON, passed to the authenticator as it is. */
  passkey_options: optional(looseObject({ challenge: string })),
  /** `redirect_to_web` for an email whose domain the OP routes to an upstream IdP (home-realm discovery). */
  idp: optional(nonEmptyString),
  domain_hint: optional(nonEmptyString),
  login_hint: optional(nonEmptyString),
  /** `bot_check_required`: what to solve before sending the request again (docs/first-party-challenge.md, "Bot check"). */
  bot_challenge: optional(
    looseObject({
      type: nonEmptyString,
      challenge: optional(nonEmptyString),
      difficulty: optional(number),
      site_key: optional(nonEmptyString),
    }),
  ),
};
export type ChallengeError = Infer<typeof challengeErrorShape>;
export const challengeErrorSchema = parser(looseObject(challengeErrorShape));
