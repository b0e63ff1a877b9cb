import { BRAND } from './views.js';

// Texts of the emails the OP sends (into the dev mailbox, see mailbox.ts).
// Plain text only; every code mail says how long the code lasts and what to do
// if the reader did not ask for it, because these land in inboxes unasked too.

export interface MailContent {
  subject: string;
  text: string;
  code?: string;
}

const IGNORE = 'If you did not ask for this, you can ignore this email; nobody can use the code without access to your inbox.';
/** In every code mail: people who phone or write asking for "the code you just got" are the usual way codes are stolen. */
const NEVER_SHARE = `Never share this code with anyone. ${BRAND} will never ask you for it by phone, chat or email; only type it on the screen where you asked for it.`;

export function signInCodeMail(code: string, minutes: number): MailContent {
  return {
    subject: `Your ${BRAND} sign-in code`,
    text: `Your sign-in code is ${code}.\n\nIt expires in ${minutes} minutes and works once.\n\n${NEVER_SHARE}\n\n${IGNORE}`,
    code,
  };
}

/** The link opens the app's page, which asks before it signs in anywhere but the browser that asked (email-links.ts). */
export function signInLinkMail(url: string, minutes: number): MailContent {
  return {
    subject: `Your ${BRAND} sign-in link`,
    text:
      `Open this link to sign in to ${BRAND}:\n\n${url}\n\n` +
      `It expires in ${minutes} minutes and works once. It signs in the browser where you asked for it; ` +
      `opened anywhere else, it first asks you to confirm that the sign-in is yours.\n\n` +
      `Never forward this email. If you did not ask for it, you can ignore it, or open the link and choose "No, it wasn't me".`,
  };
}

/*
 * Sign-up sends one of the next two, and the screen cannot know which (no enumeration), so it says:
 * "We sent an email to {email}. If you are new, it has a 6-digit code to confirm your address. If you
 * already have an account, it tells you how to sign in instead." Each mail answers its half of that,
 * in the screen's words ("6-digit code", "Back to sign-in").
 */

export function verifyEmailMail(code: string, minutes: number): MailContent {
  return {
    subject: `Confirm your email for ${BRAND}`,
    text:
      `Your 6-digit code is ${code}.\n\n` +
      `Enter it on the "Check your email" screen to confirm your address and finish creating your ${BRAND} account. ` +
      `It expires in ${minutes} minutes.\n\n${NEVER_SHARE}\n\n${IGNORE}`,
    code,
  };
}

/**
 * Sent instead of a verification code when the address already has an account: there is no code, so
 * it says how to go on from the screen the person is looking at.
 */
export function accountExistsMail(): MailContent {
  return {
    subject: `Someone tried to create a ${BRAND} account with your email`,
    text:
      `Someone (maybe you) tried to create a ${BRAND} account with this email address, but you already have one, so there is no code to enter.\n\n` +
      'Sign in instead: on the "Check your email" screen, choose "Back to sign-in". ' +
      'Forgot your password? Choose "Forgot password?" there to reset your password.\n\n' +
      'If this was not you, you can ignore this email: nothing was changed.',
  };
}

export function recoveryCodeMail(code: string, minutes: number): MailContent {
  return {
    subject: `Reset your ${BRAND} password`,
    text: `Your password reset code is ${code}.\n\nIt expires in ${minutes} minutes and works once.\n\n${NEVER_SHARE}\n\n${IGNORE}`,
    code,
  };
}

/** After a reset: what changed, including the passkeys that went with the old password (challenge-flows.ts). */
export function passwordChangedMail(removedPasskeys: readonly string[] = []): MailContent {
  const passkeys = removedPasskeys.length
    ? `Your passkeys were removed too, so nobody who had access before can still use one: ${removedPasskeys.join(', ')}. ` +
      'Add yours again once you are signed in.\n\n'
    : '';
  return {
    subject: 'Your password was changed',
    text:
      `The password of your ${BRAND} account was just changed with a reset code sent to this address. ` +
      'You were signed out everywhere else.\n\n' +
      passkeys +
      'If this was not you, reset your password now and check who can read your email.',
  };
}

export function passkeyAddedMail(name: string): MailContent {
  return {
    subject: 'A passkey was added to your account',
    text:
      `A passkey named "${name}" was just added to your ${BRAND} account. It can be used to sign in without your password.\n\n` +
      'If this was not you, reset your password now: a reset also removes every passkey.',
  };
}

export function passkeyRemovedMail(name: string): MailContent {
  return {
    subject: 'A passkey was removed from your account',
    text: `The passkey named "${name}" was just removed from your ${BRAND} account and can no longer be used to sign in.\n\nIf this was not you, reset your password now.`,
  };
}

/** A sign-in from a browser and address this account had not used before (devices.ts). */
export function newSignInMail(at: Date, userAgent: string): MailContent {
  return {
    subject: `New sign-in to your ${BRAND} account`,
    text:
      `Your ${BRAND} account was just signed in to from a device or network it had not used before.\n\n` +
      `When: ${at.toISOString().replace('T', ' ').slice(0, 16)} UTC\nBrowser: ${userAgent.slice(0, 200) || 'unknown'}\n\n` +
      'If this was you, there is nothing to do. If not, reset your password now: that signs out every session and removes every passkey.',
  };
}

/** The code that proves an existing account before an upstream identity is connected to it. */
export function connectCodeMail(code: string, minutes: number, provider: string): MailContent {
  return {
    subject: `Your code to connect ${provider}`,
    text:
      `Your code is ${code}. Enter it to connect ${provider} to your ${BRAND} account.\n\n` +
      `It expires in ${minutes} minutes and works once.\n\n${NEVER_SHARE}\n\n${IGNORE}`,
    code,
  };
}

/** After a link: whoever owns the account hears of it, with a way out if it was not them. */
export function connectedMail(provider: string, unlinkUrl: string, days: number): MailContent {
  return {
    subject: `${provider} was connected to your account`,
    text:
      `${provider} was just connected to your ${BRAND} account: you can now sign in with it.\n\n` +
      `If this wasn't you, open this link to disconnect ${provider} and sign out every session of your account ` +
      `(it works once, for ${days} days):\n${unlinkUrl}`,
  };
}

export function disconnectedMail(provider: string): MailContent {
  return {
    subject: `${provider} was disconnected from your account`,
    text: `${provider} can no longer be used to sign in to your ${BRAND} account.\n\nIf this wasn't you, reset your password now.`,
  };
}

/** An invitation into an organization: who invites, where, as what, and that the link is for this address only. */
export function organizationInvitationMail(input: { organization: string; role: string; inviter: string; url: string; days: number }): MailContent {
  return {
    subject: `You are invited to ${input.organization} on ${BRAND}`,
    text:
      `${input.inviter} invites you to join ${input.organization} as ${input.role}.\n\n` +
      `Open this link to accept; you sign in (or create an account) with this email address:\n\n${input.url}\n\n` +
      `It expires in ${input.days} days and works once, for this address only. If you do not know ${input.organization}, you can ignore this email.`,
  };
}
