/**
 * zod/mini schemas for every OP response we read. Loose objects: OPs add
 * fields freely, we only insist on what we use.
 */
import * as z from 'zod/mini';
import { parseUrl } from '../url.js';

/** An absolute https URL, or http on loopback (development). */
export function isHttpsOrLoopback(value: string): boolean {
  const url = parseUrl(value);
  return !!url && (url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)));
}

const httpsOrLoopbackUrl = z.string().check(z.refine(isHttpsOrLoopback, 'must be an https URL (http only on loopback)'));

/** OpenID Connect Discovery 1.0 §3 plus the registration / logout / revocation extensions we use. */
export const discoverySchema = z.looseObject({
  issuer: httpsOrLoopbackUrl,
  authorization_endpoint: httpsOrLoopbackUrl,
  token_endpoint: httpsOrLoopbackUrl,
  userinfo_endpoint: z.optional(httpsOrLoopbackUrl),
  jwks_uri: z.optional(httpsOrLoopbackUrl),
  end_session_endpoint: z.optional(httpsOrLoopbackUrl),
  revocation_endpoint: z.optional(httpsOrLoopbackUrl),
  authorization_challenge_endpoint: z.optional(httpsOrLoopbackUrl),
  scopes_supported: z.optional(z.array(z.string())),
  response_types_supported: z.array(z.string()),
  prompt_values_supported: z.optional(z.array(z.string())),
  code_challenge_methods_supported: z.optional(z.array(z.string())),
  acr_values_supported: z.optional(z.array(z.string())),
  /** RFC 9207: the OP puts `iss` on every authorization response, and clients must insist on it. */
  authorization_response_iss_parameter_supported: z.optional(z.boolean()),
});
export type Discovery = z.infer<typeof discoverySchema>;

/** RFC 6749 §5.2 error response (also used by RFC 9470 step-up errors). */
export const oauthErrorSchema = z.looseObject({
  error: z.string().check(z.minLength(1)),
  error_description: z.optional(z.string()),
  error_uri: z.optional(z.string()),
});
