/**
 * The profile attributes <ciam-profile> asks for, as SCIM 2.0 sees them
 * (RFC 7643 core User, and the demo OP's extension for the birth date):
 * read from a `/Me` resource, written as one PatchOp (RFC 7644 §3.5.2).
 */
import type { ProfileField, ProfileValues } from './profile.js';

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const PROFILE_EXTENSION = 'urn:ciam-elements:scim:schemas:extension:profile:1.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Where each attribute lives in the resource (the path of a PATCH operation). */
export const scimPaths: Record<ProfileField, string> = {
  given_name: 'name.givenName',
  family_name: 'name.familyName',
  phone_number: 'phoneNumbers[type eq "mobile"].value',
  country: 'addresses[type eq "home"].country',
  postal_code: 'addresses[type eq "home"].postalCode',
  birthdate: `${PROFILE_EXTENSION}:birthdate`,
};

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: string;
}

/** One PatchOp that sets each given value (`replace`, which adds what is missing) and removes the emptied ones. */
export function scimPatch(values: ProfileValues): { schemas: string[]; Operations: PatchOperation[] } {
  const Operations = (Object.entries(values) as [ProfileField, string | undefined][]).map(([field, value]): PatchOperation =>
    value?.trim() ? { op: 'replace', path: scimPaths[field], value: value.trim() } : { op: 'remove', path: scimPaths[field] },
  );
  return { schemas: [PATCH_OP], Operations };
}

type Entry = Record<string, unknown>;

/** The profile attributes a SCIM User resource has. */
export function fromScimUser(resource: Entry): ProfileValues {
  const name = (resource.name ?? {}) as Entry;
  const byType = (list: unknown, type: string): Entry => {
    const entries = Array.isArray(list) ? (list as Entry[]) : [];
    return entries.find((e) => e?.type === type) ?? entries.find((e) => e?.primary === true) ?? {};
  };
  const phone = byType(resource.phoneNumbers, 'mobile');
  const address = byType(resource.addresses, 'home');
  const extension = (resource[PROFILE_EXTENSION] ?? {}) as Entry;
  const values: Record<ProfileField, unknown> = {
    given_name: name.givenName,
    family_name: name.familyName,
    phone_number: phone.value,
    country: address.country,
    postal_code: address.postalCode,
    birthdate: extension.birthdate,
  };
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}
