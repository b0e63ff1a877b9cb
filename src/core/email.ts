/**
 * Whether text looks like an email address we can send a code to: the one
 * check the forms (before sending) and the demo OP (sign-up, recovery) share.
 * Deliberately loose beyond the shape `local@domain.tld`: the real test is
 * that the code arrives (RFC 5321 allows far more than people type).
 */

/** local@labels.tld: no spaces, one @, a dot in the domain, no empty labels, a top-level label of 2+ characters. */
const EMAIL = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]{2,}$/u;

export function isEmail(text: string): boolean {
  // RFC 5321 §4.5.3.1: 64 octets for the local part, 254 for a path's address.
  return text.length <= 254 && text.indexOf('@') <= 64 && EMAIL.test(text);
}

/**
 * An address cut where a line may break when it is too long for one: after
 * the @ and before each dot (`<wbr>` between the parts), never mid-word. The
 * elements' steps and the demo OP's pages show long addresses the same way.
 */
export function emailBreakParts(email: string): string[] {
  return email.split(/(?<=@)|(?=\.)/);
}
