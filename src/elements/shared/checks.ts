/**
 * The constraints of a light-DOM form field, checked in code. The kit's forms are `novalidate`, so the
 * browser's own bubbles (unstyled, in the browser's language, ahead of the kit's password policy) never
 * show; each form says what is wrong itself (embedded-steps.ts for <ciam-login>). Its own module, so
 * it loads with the forms that need it, not with the first paint.
 */
import { isEmail } from '../../core/email.js';
import { passwordLength } from '../../core/policy/password.js';

/** What the kit's own check found wrong with a field; null when nothing. */
export type FieldProblem = 'required' | 'email' | 'short' | 'long' | 'pattern';

/**
 * Reads the field's attributes (required, type=email, minlength, maxlength, pattern); counts length
 * as the password policy does (code points of the NFKC form). Passwords are taken as typed, other
 * fields trimmed, as the forms send them.
 */
export function checkField(input: HTMLInputElement): FieldProblem | null {
  const password = input.autocomplete.includes('password');
  const value = password ? input.value : input.value.trim();
  if (!value.trim()) return input.required ? 'required' : null;
  if (input.type === 'email' && !isEmail(value)) return 'email';
  const length = passwordLength(value);
  if (length < input.minLength) return 'short';
  if (input.maxLength >= 0 && length > input.maxLength) return 'long';
  if (input.pattern && !new RegExp(`^(?:${input.pattern})$`, 'u').test(value)) return 'pattern';
  return null;
}
