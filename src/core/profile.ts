/**
 * Progressive profiling (<ciam-profile>): which profile attributes to ask
 * for, and when. A policy is data (checked by `profilePolicySchema`):
 * asks, each with its fields, the moment it is for, whether it may be
 * skipped and the purpose shown with it; at most `maxQuestions` fields per
 * visit; a skip is remembered for `skipDays`. Pure: the element brings the
 * moment, what it knows of the user, what was skipped and how many fields
 * this visit has asked already.
 */
import type { ProfileAsk, ProfilePolicy } from './schemas/profile.js';

export type { ProfileAsk, ProfilePolicy } from './schemas/profile.js';

/** The attributes it asks for: OIDC standard claim names (Core §5.1; `address` split into its two parts). */
export const profileFields = ['given_name', 'family_name', 'birthdate', 'phone_number', 'country', 'postal_code'] as const;
export type ProfileField = (typeof profileFields)[number];
export type ProfileValues = Partial<Record<ProfileField, string>>;

export type Moment = { on: 'sign-up' } | { on: 'sign-in' } | { on: 'action'; name: string };

export const DEFAULT_MAX_QUESTIONS = 3;
export const DEFAULT_SKIP_DAYS = 30;

export interface ProfileContext {
  moment: Moment;
  /** Sign-ins of this user in this browser, this one included. */
  signIns: number;
  /** What the user's profile already has. */
  known: ProfileValues;
  /** Ask id → epoch ms until which a skip holds. */
  skippedUntil: Record<string, number>;
  /** Fields shown earlier in this visit (this tab, since the sign-in), whatever the answer. */
  askedThisVisit?: number;
  now: number;
}

/** One ask to show now: its fields still missing, at most the visit's limit. */
export interface Question {
  ask: ProfileAsk;
  fields: ProfileField[];
}

/**
 * The asks due at this moment, required ones first, their missing fields cut to the policy's limit. The limit
 * holds for the whole visit: optional asks get what earlier prompts left. A required ask is a condition of the
 * action the page is about to take, so earlier prompts do not take its room (one prompt still asks at most the limit).
 */
export function dueQuestions(policy: ProfilePolicy, context: ProfileContext): Question[] {
  const max = policy.maxQuestions ?? DEFAULT_MAX_QUESTIONS;
  let room = max;
  let optionalRoom = Math.max(0, max - (context.askedThisVisit ?? 0));
  const due = policy.asks
    .filter((ask) => matches(ask.moment, context) && (ask.required || !((context.skippedUntil[ask.id] ?? 0) > context.now)))
    .sort((a, b) => Number(!!b.required) - Number(!!a.required));
  const questions: Question[] = [];
  const asked = new Set<ProfileField>();
  for (const ask of due) {
    const missing = ask.fields.filter((field) => !context.known[field]?.trim() && !asked.has(field));
    const fields = missing.slice(0, ask.required ? room : Math.min(room, optionalRoom));
    if (fields.length === 0) continue;
    fields.forEach((field) => asked.add(field));
    questions.push({ ask, fields });
    room -= fields.length;
    optionalRoom -= fields.length;
    if (room <= 0) break;
  }
  return questions;
}

function matches(moment: ProfileAsk['moment'], context: ProfileContext): boolean {
  const now = context.moment;
  if (moment.on === 'action') return now.on === 'action' && now.name === moment.name;
  if (moment.on === 'sign-up') return now.on === 'sign-up';
  return (now.on === 'sign-in' || now.on === 'sign-up') && context.signIns >= moment.count;
}

/** What the user's claims (ID token, userinfo) already say. */
export function knownFromClaims(claims: Record<string, unknown>): ProfileValues {
  const address = (claims.address ?? {}) as Record<string, unknown>;
  const pick = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
  const values: ProfileValues = {
    given_name: pick(claims.given_name),
    family_name: pick(claims.family_name),
    birthdate: pick(claims.birthdate),
    phone_number: pick(claims.phone_number),
    country: pick(address.country),
    postal_code: pick(address.postal_code),
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

export type FieldProblem = 'required' | 'invalid';

/** Checks one typed value as the demo OP's SCIM endpoint will (and any sensible store would). */
export function checkField(field: ProfileField, value: string, now: number): FieldProblem | null {
  const v = value.trim();
  if (!v) return 'required';
  switch (field) {
    case 'given_name':
    case 'family_name':
      return v.length <= 100 ? null : 'invalid';
    case 'phone_number':
      return /^\+[1-9]\d{7,14}$/.test(v.replace(/[\s()-]/g, '')) ? null : 'invalid';
    case 'country':
      return /^[A-Z]{2}$/.test(v) ? null : 'invalid';
    case 'postal_code':
      return /^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/.test(v) ? null : 'invalid';
    case 'birthdate':
      return plausibleBirthdate(v, now) ? null : 'invalid';
  }
}

/** A real date, 13 to 130 years ago. */
function plausibleBirthdate(value: string, now: number): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const today = new Date(now);
  const age = today.getUTCFullYear() - y - (today.getUTCMonth() < m - 1 || (today.getUTCMonth() === m - 1 && today.getUTCDate() < d) ? 1 : 0);
  return age >= 13 && age <= 130;
}

/** How a typed value is stored: a phone number without spaces and brackets. */
export function normalizeField(field: ProfileField, value: string): string {
  const v = value.trim();
  return field === 'phone_number' ? v.replace(/[\s()-]/g, '') : v;
}
