import type { enForms } from './en-forms.js';
import type { enSteps } from './en-steps.js';
import type { enOffer } from './en-offer.js';
import type { enPasskey } from './en-passkey.js';
import type { enSession } from './en-session.js';
import type { enConnections } from './en-connections.js';
import type { enProfile } from './en-profile.js';
import type { enConsent } from './en-consent.js';
import type { enConsentRequest } from './en-consent-request.js';
import type { enTimeout } from './en-timeout.js';
import type { enSessions } from './en-sessions.js';
import type { enLink } from './en-link.js';
import type { enOrganizations } from './en-organizations.js';
import type { enGuest } from './en-guest.js';

/**
 * English messages: the source catalog (with en-forms.ts and en-steps.ts, which load with the embedded forms and their
 * later steps, and en-session.ts, which loads once the user acts or the OP answers). Ids are `<area>.<thing>`; every
 * CiamErrorCode has an `error.<code>` entry (a unit test checks that).
 */
export const en = {
  'login.title': 'Sign in',
  'login.lead': 'Continue to your account.',
  'login.signIn': 'Sign in',
  'login.signUp': 'Create account',
  'login.signUpLead': 'New here?',
  'login.retry': 'Try again',
  'login.status.loading': 'Loading sign-in…',
  'login.status.redirecting': 'Taking you to sign-in…',
  'login.status.popup': 'Finish signing in in the window that opened.',
  'login.status.completing': 'Signing you in…',
  'login.status.signingOut': 'Signing you out…',
  'login.status.signedIn': 'Signed in as {name}.',
  'login.signedInTitle': 'You’re signed in',
  'social.label': 'Sign in with',
  'social.continueWith': 'Continue with {name}',
  'social.or': 'or',
  'form.busy': 'Checking…',
  'signup.title': 'Create your account',
  'signup.lead': 'It takes a minute.',
  'signup.haveAccount': 'Already have an account?',
  'recovery.title': 'Reset your password',
  'recovery.lead': 'Enter your email and we will send you a code.',
  'user.signOut': 'Sign out',
  'user.menuLabel': 'Your account',
  'user.menuButton': 'Your account: {name}',
  'user.anonymous': 'Signed-in user',
  'user.guest': 'Guest',
  'error.title': 'Sign-in did not work',
  'login.signedOutTitle': 'You were signed out',
  'error.network': 'We can’t reach the sign-in service. Check your connection, then try again.',
  'error.timeout': 'The sign-in service took too long to answer. Try again.',
  'error.server_error': 'The sign-in service has a problem right now. Try again in a moment.',
  'error.rate_limited': 'Too many attempts. You can try again in {seconds, plural, one {# second} other {# seconds}}.',
  'error.bad_response': 'The sign-in service sent an answer we can’t read. Try again later.',
  'error.config': 'Sign-in is not set up correctly on this page.',
  'error.unknown': 'Something went wrong. Try again.',
};

export type MessageId =
  | keyof typeof en
  | keyof typeof enForms
  | keyof typeof enSteps
  | keyof typeof enSession
  | keyof typeof enPasskey
  | keyof typeof enOffer
  | keyof typeof enConnections
  | keyof typeof enProfile
  | keyof typeof enConsent
  | keyof typeof enConsentRequest
  | keyof typeof enTimeout
  | keyof typeof enSessions
  | keyof typeof enLink
  | keyof typeof enOrganizations
  | keyof typeof enGuest;
export type Messages = Record<MessageId, string>;
