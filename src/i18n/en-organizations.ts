/**
 * English messages of <ciam-org-switcher> (elements/org-switcher): they load with it. Part of the source catalog.
 */
export const enOrganizations = {
  'error.not_a_member': 'You’re not a member of this organization (any more). Ask one of its admins to invite you.',
  'error.invalid_invitation': 'This invitation has expired, was already used or is for another email address. Ask for a new one.',
};
