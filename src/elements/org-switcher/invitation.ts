/**
 * An invitation link's token (`<app page>#ciam_invite=<token>`; docs/first-party-challenge.md, "Organizations"):
 * taken off the address at once, so a reload, a bookmark or a shared screen does not carry it, and kept in this
 * tab's sessionStorage until it is accepted or refused, so it survives a sign-in that leaves for the OP.
 */
import { takeFromFragment } from '../shared/fragment.js';

const KEY = 'ciam.invite';

/** The token of the link this page was opened with (then kept, and gone from the address bar), else the kept one. */
export function takeInvitation(): string | null {
  const token = takeFromFragment('ciam_invite');
  if (!token) return keptInvitation();
  storage()?.setItem(KEY, token);
  return token;
}

export function keptInvitation(): string | null {
  return storage()?.getItem(KEY) ?? null;
}

/** Accepted, or refused for good (`invalid_invitation`): a network error keeps it for "Try again". */
export function forgetInvitation() {
  storage()?.removeItem(KEY);
}

/** Storage can be switched off (privacy modes, sandboxed frames): the token then lives only as long as the page. */
function storage(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}
