// The OP's own pages in the user's language: `ui_locales` of the authorization
// request (OpenID Connect Core §3.1.2.1; RP-Initiated Logout §2 for the logout
// pages) picks German or English, the first one listed that we have. A tiny
// table, not a framework: the pages have few strings, and the elements on the
// hosted pages follow <html lang> with their own catalogs.

export type Lang = 'en' | 'de';

/** The first of the space-separated BCP 47 tags whose language we speak; English otherwise. */
export function pickLang(uiLocales: unknown): Lang {
  if (typeof uiLocales !== 'string') return 'en';
  for (const tag of uiLocales.split(/\s+/)) {
    const language = tag.toLowerCase().split('-')[0];
    if (language === 'de' || language === 'en') return language;
  }
  return 'en';
}

const en = {
  'page.signIn': 'Sign in',
  'page.createAccount': 'Create account',
  'page.allowAccess': 'Allow access',
  'page.signOut': 'Sign out',
  'page.signedOut': 'Signed out',
  'page.error': 'Something went wrong',
  'login.heading': 'Sign in to {brand}',
  'login.continueTo': 'to continue to {client}',
  'register.heading': 'Create your {brand} account',
  'field.name': 'Full name',
  'field.email': 'Email',
  'field.password': 'Password',
  'field.passwordHint': 'At least 15 characters. A few random words work well.',
  'login.submit': 'Sign in',
  'login.new': 'New to {brand}?',
  'login.create': 'Create an account',
  'register.submit': 'Create account',
  'register.haveAccount': 'Already have an account?',
  'register.signIn': 'Sign in',
  cancel: 'Cancel',
  'consent.wouldLike': '{client} would like to:',
  'consent.signedInAs': 'Signed in as {email}',
  'consent.allow': 'Allow',
  'consent.deny': 'Deny',
  'scope.openid': 'Know who you are on {brand}',
  'scope.profile': 'See your name and date of birth',
  'scope.email': 'See your email address',
  'scope.phone': 'See your phone number',
  'scope.address': 'See your country and postal code',
  'scope.offline_access': 'Stay connected while you are not using the app',
  'logout.heading': 'Sign out of {brand}?',
  'logout.asked': '{client} asked to sign you out.',
  'logout.lead': 'Signing out ends your {brand} session on this browser.',
  'logout.submit': 'Sign out',
  'logout.stay': 'Stay signed in',
  'signedOut.heading': 'You are signed out',
  'signedOut.from': 'You have signed out of {client}.',
  'signedOut.close': 'You can close this window.',
  'error.lead': 'The request could not be completed.',
  'error.code': 'Error code: {code}. Go back to the app and try again.',
  'error.wrongPassword': 'Wrong email or password.',
  'error.name': 'Enter your full name.',
  'error.email': 'Enter a valid email address, like name@example.com.',
  'error.passwordShort': 'Use at least 15 characters.',
  'error.passwordLong': 'Use at most {max} characters.',
  'error.passwordCommon': 'This password is too common. Choose another one.',
  'error.passwordRepetitive': 'Avoid repeated characters and simple sequences.',
  'error.passwordIdentifier': 'Do not build the password on your email or name.',
  'error.tooManySeconds': 'Too many attempts. Try again in {seconds} seconds.',
  'error.tooManyMinutes': 'Too many attempts. Try again in {minutes} minutes.',
  'error.wrongCode': 'That code is not right.',
  'error.codeExpired': 'This code has expired. Request a new one.',
  'error.signUpExpired': 'This sign-up has expired. Start again.',
  'error.failed': 'That did not work. Try again.',
  'verify.page': 'Check your email',
  'verify.heading': 'Check your email',
  'verify.lead':
    'We sent an email to {email}. If you are new, it has a 6-digit code to confirm your address. If you already have an account, it tells you how to sign in instead.',
  'verify.code': '6-digit code',
  'verify.submit': 'Confirm and create account',
  'verify.resend': 'Send a new code',
  'verify.resent': 'We sent a new email to {email}.',
  'verify.back': 'Back to sign-in',
  'federation.continueWith': 'Continue with {provider}',
  'proof.page': 'Connect {provider}',
  'proof.heading': 'Connect {provider} to your account',
  'proof.lead': 'An account with {email} exists. Prove it’s you to connect {provider}.',
  'proof.submitPassword': 'Connect',
  'proof.sendCode': 'Email me a code instead',
  'proof.codeSent': 'We sent a 6-digit code to {email}. It expires in 10 minutes.',
  'proof.code': 'Code from the email',
  'proof.submitCode': 'Connect',
  'proof.resend': 'Send a new code',
  'proof.wrongPassword': 'That password is not right.',
  'proof.wrongCode': 'That code is not right.',
  'proof.codeExpired': 'This code has expired. Request a new one.',
  'proof.tooMany': 'Too many attempts. Try again in {minutes} minutes.',
  'proof.resendWait': 'Wait {seconds} seconds before asking for a new code.',
  'refused.page': 'Email not confirmed',
  'refused.heading': '{provider} did not confirm your email',
  'refused.lead': '{provider} did not confirm this email address. Sign in with your password, then connect {provider} from your account.',
  'refused.back': 'Back to {client}',
  'refused.signIn': 'Sign in with your password',
  'unlink.page': 'Disconnect {provider}',
  'unlink.heading': 'Disconnect {provider}?',
  'unlink.lead':
    '{provider} was connected to the {brand} account {email}. If that was not you, disconnect it. Every session of the account will be signed out.',
  'unlink.submit': 'Disconnect and sign out everywhere',
  'link.page': 'Connect {provider}',
  'link.heading': 'Connect {provider} to {email}?',
  'link.lead':
    'Afterwards, signing in with {provider} opens the {brand} account {email}. Continue only if this is your account and you just asked to connect {provider}.',
  'link.submit': 'Continue to {provider}',
  'link.cancel': 'Cancel',
  'unlinked.heading': '{provider} is disconnected',
  'unlinked.lead': 'Every session of your account was signed out. Sign in again, and change your password if you think someone else knows it.',
  'federation.expired': 'This link has expired or was already used. Go back to the app and try again.',
  'federation.failed': 'The answer from {provider} could not be verified. Go back to the app and try again.',
  'federation.otherBrowser': 'This sign-in was started in another browser. Go back to the app and try again.',
  'federation.unavailable': '{provider} cannot be reached right now. Try again later.',
};

export type MessageKey = keyof typeof en;

const de: Record<MessageKey, string> = {
  'page.signIn': 'Anmelden',
  'page.createAccount': 'Konto erstellen',
  'page.allowAccess': 'Zugriff erlauben',
  'page.signOut': 'Abmelden',
  'page.signedOut': 'Abgemeldet',
  'page.error': 'Etwas ist schiefgelaufen',
  'login.heading': 'Bei {brand} anmelden',
  'login.continueTo': 'weiter zu {client}',
  'register.heading': 'Ihr {brand}-Konto erstellen',
  'field.name': 'Vollständiger Name',
  'field.email': 'E-Mail-Adresse',
  'field.password': 'Passwort',
  'field.passwordHint': 'Mindestens 15 Zeichen. Ein paar zufällige Wörter eignen sich gut.',
  'login.submit': 'Anmelden',
  'login.new': 'Neu bei {brand}?',
  'login.create': 'Konto erstellen',
  'register.submit': 'Konto erstellen',
  'register.haveAccount': 'Sie haben schon ein Konto?',
  'register.signIn': 'Anmelden',
  cancel: 'Abbrechen',
  'consent.wouldLike': '{client} möchte:',
  'consent.signedInAs': 'Angemeldet als {email}',
  'consent.allow': 'Erlauben',
  'consent.deny': 'Ablehnen',
  'scope.openid': 'Wissen, wer Sie bei {brand} sind',
  'scope.profile': 'Ihren Namen und Ihr Geburtsdatum sehen',
  'scope.email': 'Ihre E-Mail-Adresse sehen',
  'scope.phone': 'Ihre Telefonnummer sehen',
  'scope.address': 'Ihr Land und Ihre Postleitzahl sehen',
  'scope.offline_access': 'Verbunden bleiben, während Sie die App nicht nutzen',
  'logout.heading': 'Von {brand} abmelden?',
  'logout.asked': '{client} möchte Sie abmelden.',
  'logout.lead': 'Das Abmelden beendet Ihre {brand}-Sitzung in diesem Browser.',
  'logout.submit': 'Abmelden',
  'logout.stay': 'Angemeldet bleiben',
  'signedOut.heading': 'Sie sind abgemeldet',
  'signedOut.from': 'Sie haben sich von {client} abgemeldet.',
  'signedOut.close': 'Sie können dieses Fenster schließen.',
  'error.lead': 'Die Anfrage konnte nicht abgeschlossen werden.',
  'error.code': 'Fehlercode: {code}. Gehen Sie zurück zur App und versuchen Sie es erneut.',
  'error.wrongPassword': 'E-Mail-Adresse oder Passwort ist falsch.',
  'error.name': 'Geben Sie Ihren vollständigen Namen ein.',
  'error.email': 'Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.',
  'error.passwordShort': 'Verwenden Sie mindestens 15 Zeichen.',
  'error.passwordLong': 'Verwenden Sie höchstens {max} Zeichen.',
  'error.passwordCommon': 'Dieses Passwort ist zu verbreitet. Wählen Sie ein anderes.',
  'error.passwordRepetitive': 'Vermeiden Sie wiederholte Zeichen und einfache Folgen.',
  'error.passwordIdentifier': 'Bauen Sie das Passwort nicht auf Ihrer E-Mail-Adresse oder Ihrem Namen auf.',
  'error.tooManySeconds': 'Zu viele Versuche. Versuchen Sie es in {seconds} Sekunden erneut.',
  'error.tooManyMinutes': 'Zu viele Versuche. Versuchen Sie es in {minutes} Minuten erneut.',
  'error.wrongCode': 'Der Code ist nicht richtig.',
  'error.codeExpired': 'Dieser Code ist abgelaufen. Fordern Sie einen neuen an.',
  'error.signUpExpired': 'Diese Registrierung ist abgelaufen. Beginnen Sie von vorn.',
  'error.failed': 'Das hat nicht geklappt. Versuchen Sie es erneut.',
  'verify.page': 'E-Mails prüfen',
  'verify.heading': 'Prüfen Sie Ihre E-Mails',
  'verify.lead':
    'Wir haben eine E-Mail an {email} gesendet. Wenn Sie neu sind, enthält sie einen 6-stelligen Code zur Bestätigung Ihrer Adresse. Wenn Sie schon ein Konto haben, steht darin, wie Sie sich stattdessen anmelden.',
  'verify.code': '6-stelliger Code',
  'verify.submit': 'Bestätigen und Konto erstellen',
  'verify.resend': 'Neuen Code senden',
  'verify.resent': 'Wir haben eine neue E-Mail an {email} gesendet.',
  'verify.back': 'Zurück zur Anmeldung',
  'federation.continueWith': 'Weiter mit {provider}',
  'proof.page': '{provider} verbinden',
  'proof.heading': '{provider} mit Ihrem Konto verbinden',
  'proof.lead': 'Es gibt schon ein Konto mit {email}. Bestätigen Sie, dass es Ihres ist, um {provider} zu verbinden.',
  'proof.submitPassword': 'Verbinden',
  'proof.sendCode': 'Stattdessen Code per E-Mail senden',
  'proof.codeSent': 'Wir haben einen 6-stelligen Code an {email} gesendet. Er ist 10 Minuten gültig.',
  'proof.code': 'Code aus der E-Mail',
  'proof.submitCode': 'Verbinden',
  'proof.resend': 'Neuen Code senden',
  'proof.wrongPassword': 'Das Passwort ist nicht richtig.',
  'proof.wrongCode': 'Der Code ist nicht richtig.',
  'proof.codeExpired': 'Dieser Code ist abgelaufen. Fordern Sie einen neuen an.',
  'proof.tooMany': 'Zu viele Versuche. Versuchen Sie es in {minutes} Minuten erneut.',
  'proof.resendWait': 'Warten Sie {seconds} Sekunden, bevor Sie einen neuen Code anfordern.',
  'refused.page': 'E-Mail-Adresse nicht bestätigt',
  'refused.heading': '{provider} hat Ihre E-Mail-Adresse nicht bestätigt',
  'refused.lead':
    '{provider} hat diese E-Mail-Adresse nicht bestätigt. Melden Sie sich mit Ihrem Passwort an und verbinden Sie {provider} dann in Ihrem Konto.',
  'refused.back': 'Zurück zu {client}',
  'refused.signIn': 'Mit Passwort anmelden',
  'unlink.page': '{provider} trennen',
  'unlink.heading': '{provider} trennen?',
  'unlink.lead':
    '{provider} wurde mit dem {brand}-Konto {email} verbunden. Wenn Sie das nicht waren, trennen Sie die Verbindung. Alle Sitzungen des Kontos werden abgemeldet.',
  'unlink.submit': 'Trennen und überall abmelden',
  'link.page': '{provider} verbinden',
  'link.heading': '{provider} mit {email} verbinden?',
  'link.lead':
    'Danach öffnet die Anmeldung mit {provider} das {brand}-Konto {email}. Fahren Sie nur fort, wenn das Ihr Konto ist und Sie gerade {provider} verbinden wollten.',
  'link.submit': 'Weiter zu {provider}',
  'link.cancel': 'Abbrechen',
  'unlinked.heading': '{provider} ist getrennt',
  'unlinked.lead':
    'Alle Sitzungen Ihres Kontos wurden abgemeldet. Melden Sie sich erneut an und ändern Sie Ihr Passwort, falls es jemand anderes kennen könnte.',
  'federation.expired': 'Dieser Link ist abgelaufen oder wurde schon verwendet. Gehen Sie zurück zur App und versuchen Sie es erneut.',
  'federation.failed': 'Die Antwort von {provider} konnte nicht geprüft werden. Gehen Sie zurück zur App und versuchen Sie es erneut.',
  'federation.otherBrowser': 'Diese Anmeldung wurde in einem anderen Browser begonnen. Gehen Sie zurück zur App und versuchen Sie es erneut.',
  'federation.unavailable': '{provider} ist gerade nicht erreichbar. Versuchen Sie es später erneut.',
};

const tables: Record<Lang, Record<MessageKey, string>> = { en, de };

/** The text for `key` in `lang`, as pieces: text, and the `{name}` placeholders' values (markup for html.ts to place). */
export function message<T>(lang: Lang, key: MessageKey, params: Record<string, T> = {}): (string | T)[] {
  return tables[lang][key].split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 0 ? piece : piece in params ? params[piece] : `{${piece}}`));
}

/** Whether a scope has a description (others are shown by name). */
const KNOWN_SCOPES = ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'] as const;

export function isKnownScope(scope: string): scope is (typeof KNOWN_SCOPES)[number] {
  return (KNOWN_SCOPES as readonly string[]).includes(scope);
}

/** The language of a page outside any authorization request (e.g. a link from an email): from Accept-Language. */
export function langFromHeader(acceptLanguage: string | undefined): Lang {
  return pickLang((acceptLanguage ?? '').replace(/;[^,]*/g, '').replace(/,/g, ' '));
}

/** The plain text for `key` in `lang` (messages handed around as strings, e.g. a form's error). */
export function text(lang: Lang, key: MessageKey, params: Record<string, string> = {}): string {
  return message(lang, key, params).join('');
}
