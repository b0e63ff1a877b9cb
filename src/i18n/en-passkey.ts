/** The default name of a new passkey (elements/passkey/passkey-name.ts): <ciam-passkey> and the offer in <ciam-login>. */
export const enPasskeyName = {
  'passkey.defaultName': '{browser} on {os}',
  'passkey.defaultNameDated': 'Passkey from {date}',
};

/** English messages of <ciam-passkey>, bundled with that element only. */
export const enPasskey = {
  ...enPasskeyName,
  'passkey.title': 'Passkeys',
  'passkey.lead': 'Sign in with your fingerprint, face or screen lock instead of a password.',
  'passkey.add': 'Add a passkey',
  'passkey.empty': 'You have no passkeys yet.',
  'passkey.loading': 'Loading your passkeys…',
  'passkey.signedOut': 'Sign in to manage your passkeys.',
  'passkey.synced': 'Synced across your devices',
  'passkey.device': 'On one device only',
  'passkey.created': 'Created {date}',
  'passkey.lastUsed': 'Last used {date}',
  'passkey.neverUsed': 'Not used yet',
  'passkey.rename': 'Rename',
  'passkey.remove': 'Remove',
  'passkey.nameLabel': 'Passkey name',
  'passkey.nameRequired': 'Enter a name for the passkey.',
  'passkey.save': 'Save',
  'passkey.cancel': 'Cancel',
  'passkey.confirmRemove': 'Remove “{name}”? You will no longer be able to sign in with it.',
  'passkey.confirmYes': 'Remove passkey',
  'passkey.confirmNo': 'Keep it',
  'passkey.added': 'Passkey added.',
  'passkey.removed': 'Passkey removed.',
  'passkey.renamed': 'Passkey renamed.',
  'passkey.adding': 'Follow your browser’s prompt to create the passkey.',
};
