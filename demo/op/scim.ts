/**
 * SCIM 2.0 for the signed-in user's own profile (RFC 7643 User, RFC 7644
 * §3.11 /Me): the resource we show, and the PATCH operations we take. Pure
 * functions; the HTTP side is scim-api.ts. Only the few attributes progressive
 * profiling asks for can change, each by one exact path.
 */
import type { ProfileChanges, User } from './users.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const PROFILE_SCHEMA = 'urn:ciam-elements:scim:schemas:extension:profile:1.0:User';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_TYPE = 'application/scim+json';

export type ScimType = 'invalidPath' | 'invalidValue' | 'invalidSyntax';

export interface ScimError {
  status: number;
  scimType?: ScimType;
  detail: string;
}

/** RFC 7644 §3.12 error body. */
export function errorBody(error: ScimError): Record<string, unknown> {
  return { schemas: [ERROR_SCHEMA], status: String(error.status), ...(error.scimType ? { scimType: error.scimType } : {}), detail: error.detail };
}

/** The weak entity tag of a profile version (SCIM versions are weak: RFC 7644 §3.14). */
export function etag(version: number): string {
  return `W/"${version}"`;
}

/**
 * Whether an If-Match header names this version. Weak comparison (the tags
 * are weak by nature); a list of tags matches if any does. `*` is no
 * version at all, so it is not accepted (see scim-api.ts).
 */
export function ifMatches(header: string, version: number): boolean {
  const tags = header.match(/(?:W\/)?"[^"]*"/g) ?? [];
  return tags.some((tag) => tag.replace(/^W\//, '') === `"${version}"`);
}

/** The /Me resource; attributes without a value are left out. */
export function userResource(user: User, issuer: string): Record<string, unknown> {
  const name = {
    ...(user.givenName ? { givenName: user.givenName } : {}),
    ...(user.familyName ? { familyName: user.familyName } : {}),
    ...(user.name ? { formatted: user.name } : {}),
  };
  const address = {
    ...(user.country ? { country: user.country } : {}),
    ...(user.postalCode ? { postalCode: user.postalCode } : {}),
  };
  return {
    schemas: [USER_SCHEMA, PROFILE_SCHEMA],
    id: user.id,
    userName: user.email,
    ...(Object.keys(name).length ? { name } : {}),
    emails: [{ value: user.email, primary: true }],
    ...(user.phoneNumber ? { phoneNumbers: [{ value: user.phoneNumber, type: 'mobile' }] } : {}),
    ...(Object.keys(address).length ? { addresses: [{ type: 'home', ...address }] } : {}),
    ...(user.birthdate ? { [PROFILE_SCHEMA]: { birthdate: user.birthdate } } : {}),
    meta: {
      resourceType: 'User',
      version: etag(user.profileVersion),
      lastModified: user.profileUpdatedAt ?? user.createdAt,
      location: new URL('/scim/v2/Me', issuer).href,
    },
  };
}

type Field = keyof ProfileChanges;

interface PathRule {
  /** SCIM attribute names and filter operators are case-insensitive; spaces in filters vary. */
  path: RegExp;
  field: Field;
  /** The stored value, or an error detail. */
  check(value: string, today: Date): { value: string } | { detail: string };
}

const NAME_MAX = 100;

function checkName(label: string) {
  return (input: string) => {
    const value = input.trim();
    const length = [...value].length;
    return length >= 1 && length <= NAME_MAX && !/\p{Cc}/u.test(value) ? { value } : { detail: `${label} must be 1 to ${NAME_MAX} characters.` };
  };
}

/** E.164: "+", then 8 to 15 digits, the first not 0 (no spaces or punctuation). */
export function checkPhone(value: string) {
  return /^\+[1-9]\d{7,14}$/.test(value)
    ? { value }
    : { detail: 'phoneNumbers[type eq "mobile"].value must be an E.164 number: + and 8 to 15 digits, e.g. +4930123456.' };
}

/** ISO 3166-1 alpha-2 in upper case, by form (whether the code is assigned is not checked). */
export function checkCountry(value: string) {
  return /^[A-Z]{2}$/.test(value) ? { value } : { detail: 'addresses[type eq "home"].country must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE.' };
}

export function checkPostalCode(input: string) {
  const value = input.trim();
  return /^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/.test(value)
    ? { value }
    : { detail: 'addresses[type eq "home"].postalCode must be 1 to 16 letters, digits, spaces or dashes.' };
}

/** YYYY-MM-DD, a date that exists, in the past, for an age of 13 to 130 on `today` (UTC). */
export function checkBirthdate(value: string, today: Date) {
  const bad = { detail: 'birthdate must be a real past date as YYYY-MM-DD, for an age of 13 to 130.' };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return bad;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2023-02-30 over into March: a real date comes back unchanged.
  if (date.toISOString().slice(0, 10) !== value || date.getTime() >= today.getTime()) return bad;
  const birthdayPassed = today.getUTCMonth() + 1 > month || (today.getUTCMonth() + 1 === month && today.getUTCDate() >= day);
  const age = today.getUTCFullYear() - year - (birthdayPassed ? 0 : 1);
  return age >= 13 && age <= 130 ? { value } : bad;
}

const RULES: PathRule[] = [
  { path: /^name\.givenName$/i, field: 'givenName', check: checkName('name.givenName') },
  { path: /^name\.familyName$/i, field: 'familyName', check: checkName('name.familyName') },
  { path: /^phoneNumbers\[\s*type\s+eq\s+"mobile"\s*\]\.value$/i, field: 'phoneNumber', check: checkPhone },
  { path: /^addresses\[\s*type\s+eq\s+"home"\s*\]\.country$/i, field: 'country', check: checkCountry },
  { path: /^addresses\[\s*type\s+eq\s+"home"\s*\]\.postalCode$/i, field: 'postalCode', check: checkPostalCode },
  { path: new RegExp(`^${PROFILE_SCHEMA.replace(/[.]/g, '\\.')}:birthdate$`, 'i'), field: 'birthdate', check: checkBirthdate },
];

/**
 * The changes a PatchOp request asks for, all checked before any is made
 * (RFC 7644 §3.5.2: a PATCH applies completely or not at all). Operations
 * apply in order, so a later one on the same path wins.
 */
export function parsePatch(body: Record<string, unknown>, today = new Date()): { changes: ProfileChanges } | { error: ScimError } {
  const syntax = (detail: string) => ({ error: { status: 400, scimType: 'invalidSyntax' as const, detail } });
  if (!Array.isArray(body.schemas) || !body.schemas.includes(PATCH_SCHEMA)) return syntax(`schemas must contain "${PATCH_SCHEMA}".`);
  const operations = body.Operations;
  if (!Array.isArray(operations) || operations.length === 0) return syntax('Operations must be a non-empty array.');
  const changes: ProfileChanges = {};
  for (const operation of operations as unknown[]) {
    if (typeof operation !== 'object' || operation === null) return syntax('Each operation must be an object.');
    const { op, path, value } = operation as Record<string, unknown>;
    // Some clients (Entra ID) send "Add", "Replace": op is matched case-insensitively.
    const kind = typeof op === 'string' ? op.toLowerCase() : undefined;
    if (kind !== 'add' && kind !== 'replace' && kind !== 'remove') return syntax('op must be "add", "replace" or "remove".');
    const rule = typeof path === 'string' ? RULES.find((r) => r.path.test(path.trim())) : undefined;
    if (!rule) {
      return { error: { status: 400, scimType: 'invalidPath', detail: `path ${JSON.stringify(path ?? null)} cannot be changed here.` } };
    }
    if (kind === 'remove') {
      changes[rule.field] = null;
      continue;
    }
    if (typeof value !== 'string') return { error: { status: 400, scimType: 'invalidValue', detail: `${String(path)} needs a string value.` } };
    const checked = rule.check(value, today);
    if ('detail' in checked) return { error: { status: 400, scimType: 'invalidValue', detail: checked.detail } };
    changes[rule.field] = checked.value;
  }
  return { changes };
}
