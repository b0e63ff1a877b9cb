/** English messages of <ciam-consent mode="hosted"> (the OP's request for access), loaded with that mode's view. */
export const enConsentRequest = {
  'consent.requestTitle': 'Allow access',
  'consent.requestLead': '{client} would like to:',
  'consent.requestList': 'What is asked for',
  'consent.requestHint': 'Untick what you do not want to share. You can still continue.',
  'consent.scope.openid': 'Know who you are',
  'consent.scope.profile': 'See your name and profile details',
  'consent.scope.email': 'See your email address',
  'consent.scope.phone': 'See your phone number',
  'consent.scope.address': 'See your postal address',
  'consent.scope.offline_access': 'Stay connected while you are not using the app',
  'consent.signedInAs': 'Signed in as {account}',
  'consent.allow': 'Allow',
  'consent.deny': 'Deny',
  'consent.continuing': 'One moment…',
  'error.request_expired': 'This request has expired or was already answered. Go back to the app and start again.',
};
