/**
 * The passkey management API the demo OP offers (docs/first-party-challenge.md,
 * "Passkeys"). No standard exists for this, so <ciam-passkey> talks to any
 * server that answers in this shape.
 */
import * as z from 'zod/mini';

export const passkeySchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.nullable(z.string()),
  /** `multiDevice`: synced (e.g. iCloud Keychain, Google Password Manager); `singleDevice`: bound to one authenticator. */
  device_type: z.optional(z.string()),
  backed_up: z.optional(z.boolean()),
});
export type Passkey = z.infer<typeof passkeySchema>;

export const passkeyListSchema = z.array(passkeySchema);

/** PublicKeyCredentialCreationOptionsJSON: checked for what we need, passed on whole. */
export const creationOptionsSchema = z.looseObject({
  challenge: z.string().check(z.minLength(1)),
  rp: z.looseObject({ name: z.string() }),
  user: z.looseObject({ id: z.string(), name: z.string() }),
});
