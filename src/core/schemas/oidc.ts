/**
 * What we read of an OP's discovery document and of its OAuth error
 * answers, checked before use (check.ts: zod's shape, without zod in the
 * first paint). Loose objects: OPs add fields freely, we only insist on
 * what we use.
 */
import { parseUrl } from '../url.js';
import { array, boolean, looseObject, nonEmptyString, optional, parser, refine, string, type Infer } from './check.js';

/** An absolute https URL, or http on loopback (development). */
export function isHttpsOrLoopback(value: string): boolean {
  const url = parseUrl(value);
  return !!url && (url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)));
}

const httpsOrLoopbackUrl = refine(string, isHttpsOrLoopback, 'must be an https URL (http only on loopback)');
const strings = array(string);

/** OpenID Connect Discovery 1.0 §3 plus the registration / logout / revocation extensions we use. */
const discoveryShape = {
  issuer: httpsOrLoopbackUrl,
  authorization_endpoint: httpsOrLoopbackUrl,
  token_endpoint: httpsOrLoopbackUrl,
  userinfo_endpoint: optional(httpsOrLoopbackUrl),
  jwks_uri: optional(httpsOrLoopbackUrl),
  end_session_endpoint: optional(httpsOrLoopbackUrl),
  revocation_endpoint: optional(httpsOrLoopbackUrl),
  authorization_challenge_endpoint: optional(httpsOrLoopbackUrl),
  scopes_supported: optional(strings),
  response_types_supported: strings,
  prompt_values_supported: optional(strings),
  code_challenge_methods_supported: optional(strings),
  acr_values_supported: optional(strings),
  /** RFC 9449: with ES256 listed, embedded mode proves its key to the challenge endpoint (core/embedded.ts). */
  dpop_signing_alg_values_supported: optional(strings),
  /** RFC 9207: the OP puts `iss` on every authorization response, and clients must insist on it. */
  authorization_response_iss_parameter_supported: optional(boolean),
};
export type Discovery = Infer<typeof discoveryShape>;
export const discoverySchema = parser(looseObject(discoveryShape));

/** RFC 6749 §5.2 error response (also used by RFC 9470 step-up errors). */
export const oauthErrorSchema = parser(
  looseObject({
    error: nonEmptyString,
    error_description: optional(string),
    error_uri: optional(string),
  }),
);
