/**
 * English messages of the embedded/hosted forms: they load with the forms
 * (a lazy chunk), so redirect pages do not carry them. Part of the source
 * catalog: `MessageId` covers these ids too.
 */
export const enForms = {
  'form.problem': 'There is a problem',
  'form.email.label': 'Email',
  'form.password.label': 'Password',
  'form.password.show': 'Show password',
  'form.password.hide': 'Hide password',
  'form.name.label': 'Full name (optional)',
  'login.continue': 'Continue',
  'login.backToSignIn': 'Back to sign-in',
  'signup.passwordHint': 'At least {min} characters. Use a passphrase: spaces and any characters are fine.',
  'signup.submit': 'Create account',
  'recovery.submit': 'Send code',
  'password.too_short': 'Use at least {min} characters.',
  'password.too_long': 'Use at most {max} characters.',
  'password.common': 'This password appears in lists of common or breached passwords.',
  'password.repetitive': 'Avoid repeated or sequential characters.',
  'password.contains_identifier': 'Do not build your password on your email address or name.',
  /** The live count under a new password, as it is typed (one: exactly one character to go). */
  'password.more': '{count} more characters',
  'password.moreOne': '1 more character',
  'password.enough': 'Long enough',
  'form.email.required': 'Enter your email address.',
  'login.passkey': 'Sign in with a passkey',
  'form.or': 'or',
  'error.weak_password': 'Choose a stronger password.',
  'error.invalid_email': 'Enter a valid email address, like name@example.com.',
  'error.invalid_session': 'This took too long, so we started over. Please try again.',
};
