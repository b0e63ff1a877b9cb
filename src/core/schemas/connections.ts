/**
 * The connected-accounts API the demo OP offers (demo/op/README.md,
 * "Federation"): the upstream identities linked to the signed-in account.
 * No standard exists for this, so <ciam-connections> talks to any server
 * that answers in this shape. Never tokens: issuer, provider and a name.
 */
import * as z from 'zod/mini';
import { isHttpsOrLoopback } from './oidc.js';

export const connectionSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  /** The upstream IdP's id at the OP (what <ciam-login social> sends as the hint). */
  provider: z.string().check(z.minLength(1)),
  name: z.string(),
  issuer: z.optional(z.string()),
  email: z.optional(z.nullable(z.string())),
  linked_at: z.optional(z.string()),
});
export type Connection = z.infer<typeof connectionSchema>;

export const connectionListSchema = z.looseObject({
  connections: z.array(connectionSchema),
  /** The IdPs the OP can link. */
  providers: z.optional(z.array(z.looseObject({ id: z.string().check(z.minLength(1)), name: z.string() }))),
  /** Per connection id: false when it is the account's last way to sign in. */
  can_unlink: z.optional(z.record(z.string(), z.boolean())),
});
export type ConnectionList = z.infer<typeof connectionListSchema>;

/** Where the browser goes to link a provider (top-level: the OP sends it on to the upstream and back). */
/** Where the browser goes to link: a web page (https, http only on loopback), never `javascript:` or `data:`. */
export const linkStartSchema = z.looseObject({ url: z.string().check(z.refine(isHttpsOrLoopback, 'must be an https URL (http only on loopback)')) });
