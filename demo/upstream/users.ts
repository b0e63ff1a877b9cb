// The people of the two stand-in identity providers. Fixed subjects, so a
// restarted `npm start` (whose Demo ID database remembers links by issuer +
// subject) still knows who is who.

/** The one password of every upstream demo user (these IdPs are stand-ins, not the thing under test). */
export const UPSTREAM_PASSWORD = 'upstream-demo-password';

export interface UpstreamUser {
  sub: string;
  /** What the sign-in form takes besides the email (two users share an email on purpose). */
  username: string;
  email: string;
  /** Left out of the claims when undefined: many workforce IdPs never send it. */
  email_verified?: boolean;
  name: string;
  /** One line for the "Accounts you can use here" list. */
  note: string;
}

export type UpstreamKind = 'social' | 'enterprise';

export const SOCIAL_USERS: readonly UpstreamUser[] = [
  { sub: 'social-1001', username: 'sam', email: 'sam@social.test', email_verified: true, name: 'Sam Social', note: 'new to Demo ID' },
  {
    sub: 'social-1002',
    username: 'ada',
    email: 'ada@example.com',
    email_verified: true,
    name: 'Ada Lovelace',
    note: 'verified email of an existing Demo ID account: asks to prove it before linking',
  },
  {
    sub: 'social-1003',
    username: 'mallory',
    email: 'ada@example.com',
    email_verified: false,
    name: 'Mallory',
    note: 'unverified email of an existing Demo ID account: never linked',
  },
  { sub: 'social-1004', username: 'kim', email: 'kim@social.test', email_verified: true, name: 'Kim Second', note: 'another new person' },
  {
    sub: 'social-1005',
    username: 'pat',
    email: 'pat@social.test',
    email_verified: false,
    name: 'Pat Unverified',
    note: 'unverified email nobody uses: refused just like mallory',
  },
];

// Acme states no email_verified at all; Demo ID trusts it for its own domain (acme.test) instead.
export const ACME_USERS: readonly UpstreamUser[] = [
  { sub: 'acme-2001', username: 'bob', email: 'bob@acme.test', name: 'Bob Acme', note: 'employee; any @acme.test email goes to Acme SSO' },
];

export const UPSTREAM_BRANDS: Record<UpstreamKind, { id: string; name: string; users: readonly UpstreamUser[] }> = {
  social: { id: 'social', name: 'Social ID', users: SOCIAL_USERS },
  enterprise: { id: 'acme', name: 'Acme Corp SSO', users: ACME_USERS },
};

/** Username or email (case-insensitive); for the shared email, the first listed user (the verified one). */
export function findUpstreamUser(users: readonly UpstreamUser[], login: string): UpstreamUser | undefined {
  const wanted = login.trim().toLowerCase();
  return users.find((u) => u.username === wanted) ?? users.find((u) => u.email === wanted);
}
