/**
 * The policy of <ciam-profile> (core/profile.ts), checked when the element
 * reads it. zod/mini, so it loads with the first question, not with the element.
 */
import * as z from 'zod/mini';
import { profileFields } from '../profile.js';

const moment = z.union([
  z.object({ on: z.literal('sign-up') }),
  /** From the Nth sign-in in this browser on (counted by the element), until answered or skipped. */
  z.object({ on: z.literal('sign-in'), count: z.int().check(z.minimum(1)) }),
  /** Before an action the app names (`profile.ask('payout')`). */
  z.object({ on: z.literal('action'), name: z.string().check(z.minLength(1)) }),
]);

export const profilePolicySchema = z.object({
  asks: z
    .array(
      z.object({
        id: z.string().check(z.minLength(1)),
        fields: z.array(z.enum(profileFields)).check(z.minLength(1)),
        moment,
        required: z.optional(z.boolean()),
        /** Why the app asks, shown with the fields (data minimisation: no purpose, no question). */
        purpose: z.string().check(z.minLength(1)),
      }),
    )
    .check(z.minLength(1)),
  maxQuestions: z.optional(z.int().check(z.minimum(1))),
  skipDays: z.optional(z.number().check(z.minimum(0))),
});

export type ProfilePolicy = z.infer<typeof profilePolicySchema>;
export type ProfileAsk = ProfilePolicy['asks'][number];
