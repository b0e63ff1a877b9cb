/**
 * The consent API the demo OP offers (demo/op/README.md, "Consent"): the
 * purposes, the user's decisions and their receipts. No standard exists for
 * this, so <ciam-consent> talks to any server that answers in this shape.
 */
import * as z from 'zod/mini';

export const purposeSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  required: z.boolean(),
  /** Documents (terms, privacy policy): the current version, where to read it, its hash, what changed. */
  version: z.optional(z.string()),
  url: z.optional(z.string()),
  hash: z.optional(z.string()),
  changes_url: z.optional(z.nullable(z.string())),
});
export type Purpose = z.infer<typeof purposeSchema>;

export const receiptSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  purpose: z.string(),
  version: z.optional(z.nullable(z.string())),
  hash: z.optional(z.nullable(z.string())),
  action: z.enum(['grant', 'withdraw']),
  at: z.string(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const consentsSchema = z.looseObject({
  purposes: z.array(purposeSchema),
  state: z.record(z.string(), z.looseObject({ granted: z.boolean(), version: z.optional(z.nullable(z.string())), at: z.optional(z.string()) })),
  /** Required documents whose current version the user has not agreed to. */
  outdated: z.array(z.string()),
  receipts: z.array(receiptSchema),
});
export type Consents = z.infer<typeof consentsSchema>;

export const receiptAnswerSchema = z.looseObject({ receipt: receiptSchema });
