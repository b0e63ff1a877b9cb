/** English messages of the passkey offer: they load with it, after a sign-in. */
export const enOffer = {
  'offer.title': 'Sign in faster next time',
  'offer.lead': 'Create a passkey: next time you sign in with your fingerprint, face or screen lock, no password needed.',
  'offer.create': 'Create a passkey',
  'offer.later': 'Not now',
  'offer.creating': 'Follow your browser’s prompt to create the passkey.',
  'offer.done': 'Passkey created. Next time, choose “Sign in with a passkey”.',
  'offer.close': 'Done',
};
