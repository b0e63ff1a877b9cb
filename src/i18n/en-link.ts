/**
 * English messages of a sign-in link's page (elements/login/link-landing.ts):
 * they load with it, only when the address bar carries a link. Part of the source catalog.
 */
export const enLink = {
  'link.checking': 'Checking your sign-in link…',
  'link.confirmTitle': 'Is this you signing in?',
  /** {device}: "Chrome on macOS"; {time}: "2 minutes ago" (Intl.RelativeTimeFormat). */
  'link.confirmLead': 'Someone asked to sign in with your email on {device}, {time}.',
  'link.confirmNote': 'Only say yes if you asked for this link yourself. The other device is signed in, not this one.',
  'link.justNow': 'just now',
  'link.approve': 'Yes, sign me in there',
  'link.decline': 'No, it wasn’t me',
  'link.approvedTitle': 'Sign-in approved',
  'link.approvedLead': 'Go back to {device}: it is signed in now. You can close this page.',
  'link.hereTitle': 'You’re signing in',
  'link.hereLead': 'The page where you asked for the link is signing you in now.',
  'link.declinedTitle': 'Sign-in stopped',
  'link.declinedLead': 'Nobody was signed in. Someone may have typed your email by mistake; your account is safe.',
  'link.invalidTitle': 'This link no longer works',
  'error.invalid_link': 'This sign-in link has expired or was already used. Ask for a new one where you sign in.',
};
