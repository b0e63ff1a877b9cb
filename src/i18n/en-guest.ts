/** English messages of a guest session's card (elements/login/guest.ts), loaded with it. Part of the source catalog. */
export const enGuest = {
  'guest.title': 'You’re browsing as a guest',
  'guest.lead': 'Create an account or sign in to keep what you saved. A guest session ends after a while.',
};
