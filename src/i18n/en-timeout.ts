/** English messages of <ciam-session>, bundled with that element only. */
export const enTimeout = {
  'timeout.title': 'Are you still there?',
  'timeout.titleMaxAge': 'Your session is about to end',
  'timeout.idle': 'For your security, you will be signed out in {time}.',
  'timeout.maxAge': 'Your session ends in {time}. Sign in again to keep working.',
  'timeout.stay': 'Stay signed in',
  'timeout.signInAgain': 'Sign in again',
  'timeout.signOut': 'Sign out now',
  'timeout.announce': 'You will be signed out in {time}.',
};
