/**
 * English messages of the embedded steps after the first one (password,
 * email code, verification, recovery code, passkey prompt) and of the errors
 * only they show: they load with those steps, on the first submit.
 * <ciam-passkey> uses the passkey errors too. Part of the source catalog.
 */
export const enSteps = {
  'form.code.label': 'Code from the email',
  'login.signingInAs': 'Signing in as {email}',
  'login.changeEmail': 'Use another email',
  'login.useEmailCode': 'Email me a code instead',
  'login.forgotPassword': 'Forgot password?',
  'login.passwordTitle': 'Enter your password',
  'login.codeTitle': 'Check your email',
  'login.codeSent': 'We sent a 6-digit code to {email}. It is valid for 10 minutes.',
  'login.verify': 'Verify',
  'login.resend': 'Send a new code',
  /** BCP 47 tag for numbers and units in this catalog's sentences (Intl): the countdowns. */
  'form.locale': 'en',
  'error.rate_limited.wait': 'Too many attempts. You can try again in {time}.',
  /** {ways}: a list of `login.meanwhile.*`, joined by Intl.ListFormat (disjunction). */
  'login.meanwhile': 'Meanwhile you can {ways}.',
  'login.meanwhile.emailCode': 'sign in with an email code',
  'login.meanwhile.passkey': 'sign in with a passkey',
  'login.meanwhile.recover': 'reset your password',
  'login.resendIn': 'You can ask for a new code in {time}.',
  'signup.codeSent':
    'We sent an email to {email}. If you are new, it has a 6-digit code to confirm your address. If you already have an account, it tells you how to sign in instead.',
  'recovery.codeTitle': 'Choose a new password',
  'recovery.codeSent': 'If an account exists for {email}, we sent a 6-digit code to it. It is valid for 10 minutes.',
  'recovery.newPassword': 'New password',
  'recovery.reset': 'Set new password',
  'recovery.codeResent': 'If an account exists for {email}, we sent a new code to it. It is valid for 10 minutes.',
  'recovery.done': 'Your password has been changed. You’re signed in as {name}.',
  'login.codeResent': 'We sent a new code to {email}. It is valid for 10 minutes.',
  'form.password.required': 'Enter your password.',
  'form.code.required': 'Enter the code from the email.',
  'form.code.invalid': 'Enter the 6 digits from the email.',
  'stepup.cancel': 'Cancel',
  'login.passkeyPrompt': 'Follow your browser’s prompt to use your passkey.',
  'login.passkeyOther': 'Use another way to sign in',
  'error.invalid_credentials': 'Wrong email or password.',
  'error.invalid_code': 'That code is not right. Check the newest email and try again.',
  'error.code_expired': 'That code has expired or was tried too often. Ask for a new one.',
  'error.passkey_cancelled': 'Passkey sign-in was cancelled.',
  'error.passkey_timeout': 'The passkey prompt timed out. Try again.',
  'error.passkey_not_allowed': 'This device did not allow the passkey to be used. Try again, or use your password.',
  'error.passkey_security': 'Passkeys are not available on this site’s address.',
  'error.passkey_unsupported': 'This browser or device cannot use passkeys. Use your password or an email code.',
  'error.passkey_exists': 'This device already has a passkey for your account.',
  'error.passkey_failed': 'The passkey did not work. Try again, or use your password.',
  'error.invalid_passkey': 'We do not recognise that passkey. Use another one, your password or an email code.',
  'error.last_credential': 'This is your only way to sign in, so it cannot be removed. Add another passkey or a password first.',
};
