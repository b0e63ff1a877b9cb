/** English messages of <ciam-sessions>, bundled with that element only. */
export const enSessions = {
  'sessions.title': 'Where you are signed in',
  'sessions.lead': 'Sign out of any device you do not recognize or no longer use.',
  'sessions.signedOut': 'Sign in to see where you are signed in.',
  'sessions.loading': 'Loading your sessions…',
  'sessions.device': '{browser} on {os}',
  'sessions.unknownDevice': 'Unknown device',
  'sessions.this': 'This device',
  'sessions.started': 'Signed in {date}',
  'sessions.lastSeen': 'Last active {date}',
  'sessions.end': 'Sign out',
  'sessions.endOthers': 'Sign out everywhere else',
  'sessions.ended': 'Signed out of that device. It stops working there within minutes.',
  'sessions.endedOthers': 'Signed out everywhere else.',
  'sessions.onlyThis': 'You are signed in only here.',
};
