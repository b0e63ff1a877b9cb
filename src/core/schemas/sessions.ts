/**
 * The sessions API the demo OP offers (demo/op/README.md, "Sessions"): where
 * the user is signed in. No standard exists for this, so <ciam-sessions>
 * talks to any server that answers in this shape.
 */
import * as z from 'zod/mini';

export const deviceSessionSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  browser: z.optional(z.string()),
  os: z.optional(z.string()),
  app: z.optional(z.string()),
  /** Approximate place, when the OP knows one ("Berlin, Germany"). */
  place: z.optional(z.nullable(z.string())),
  created_at: z.string(),
  last_seen: z.string(),
  current: z.boolean(),
});
export type DeviceSession = z.infer<typeof deviceSessionSchema>;

export const deviceSessionsSchema = z.looseObject({ sessions: z.array(deviceSessionSchema) });
