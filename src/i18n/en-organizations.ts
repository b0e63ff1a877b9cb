/**
 * English messages of <ciam-org-switcher> (elements/org-switcher): they load with it. Part of the source catalog.
 */
export const enOrganizations = {
  'error.not_a_member': 'You’re not a member of this organization (any more). Ask one of its admins to invite you.',
  'error.invalid_invitation': 'This invitation has expired, was already used or is for another email address. Ask for a new one.',
  'org.label': 'Organization',
  'org.menu': 'Your organizations',
  'org.choose': 'Choose an organization',
  'org.entry': '{roles} · {name}',
  'org.role.customer': 'Customer',
  'org.role.delegate': 'Delegate',
  'org.role.admin': 'Admin',
  'org.role.member': 'Member',
  'org.switching': 'Switching to {name}…',
  'org.switchingAway': 'Switching to {name} takes you through your sign-in provider and back.',
  'org.switched': 'You’re now in {name} as {roles}.',
  'org.invited': 'You’ve been invited to join an organization. Sign in or create an account with the email address the invitation was sent to.',
  'org.checking': 'Checking your invitation…',
  /** {inviter}: "Ada Lovelace"; {roles}: "Member". */
  'org.offer': '{inviter} invited you to join {name} as {roles}.',
  'org.offerAnonymous': 'You’re invited to join {name} as {roles}.',
  'org.join': 'Join {name}',
  'org.notNow': 'Not now',
  'org.accepting': 'Accepting your invitation…',
  'org.joined': 'You joined {name} as {roles}.',
};
