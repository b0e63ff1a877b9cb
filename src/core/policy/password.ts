/**
 * Password rules of NIST SP 800-63B-4 §3.1.1.2: length only (no composition
 * rules), Unicode normalized (NFKC) and counted in code points, checked
 * against common/breached passwords and context words, with the reason
 * shown to the user. Pure: the blocklist is passed in (it loads on demand).
 */

export const PasswordReasons = ['too_short', 'too_long', 'common', 'repetitive', 'contains_identifier'] as const;
export type PasswordReason = (typeof PasswordReasons)[number];

export type PasswordCheck = { ok: true; normalized: string } | { ok: false; reason: PasswordReason; min: number; max: number };

export interface PasswordContext {
  /** Words the password must not be built on: the email, its local part, the service name. */
  identifiers?: string[];
  /** Password is the only factor (no second factor): 15 characters minimum, else 8. */
  singleFactor?: boolean;
  /** Lower-cased common passwords (the demo OP's: demo/op/data/common-passwords.txt). */
  blocklist?: ReadonlySet<string>;
}

/** At least 64 must be allowed; we allow more so passphrases never hit a wall. */
export const MAX_PASSWORD_LENGTH = 256;

export function minPasswordLength(singleFactor = true): number {
  return singleFactor ? 15 : 8;
}

/** NFKC, so the same passphrase typed on another keyboard or OS still matches. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The length the policy counts: code points (not UTF-16 units) of the NFKC form. The forms show and check the same. */
export function passwordLength(password: string): number {
  return Array.from(normalizePassword(password)).length;
}

export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const min = minPasswordLength(context.singleFactor ?? true);
  const max = MAX_PASSWORD_LENGTH;
  const normalized = normalizePassword(password);
  const length = passwordLength(normalized);
  const fail = (reason: PasswordReason): PasswordCheck => ({ ok: false, reason, min, max });
  if (length < min) return fail('too_short');
  if (length > max) return fail('too_long');
  const folded = normalized.toLowerCase();
  if (isRepetitive(folded)) return fail('repetitive');
  if (context.blocklist?.has(folded) || context.blocklist?.has(folded.replace(/\s+/g, ''))) return fail('common');
  if (containsIdentifier(folded, context.identifiers ?? [])) return fail('contains_identifier');
  return { ok: true, normalized };
}

/** A short unit repeated (`aaaa…`, `abcabc…`) or a plain run of the keyboard's digits. */
function isRepetitive(folded: string): boolean {
  const compact = folded.replace(/\s+/g, '');
  if (/^(.{1,4})\1+$/u.test(compact)) return true;
  return '01234567890123456789'.includes(compact) || '98765432109876543210'.includes(compact);
}

/** The password is mostly the email (or its local part) or another context word. */
function containsIdentifier(folded: string, identifiers: string[]): boolean {
  const words = identifiers.flatMap((id) => {
    const lower = id.normalize('NFKC').toLowerCase();
    return lower.includes('@') ? [lower, lower.split('@')[0]] : [lower];
  });
  return words.some((word) => word.length >= 4 && folded.includes(word) && folded.length - word.length < 8);
}
