/**
 * Who owns an account in this session: the signed-in user (also while confirming a step-up), but not a
 * guest, who has no account to manage yet (`is_anonymous`; README, "Guest sessions"). The account elements
 * (passkeys, sessions, connections, consent, profile) show a guest what they show when nobody is signed in.
 */
import type { SessionState, SessionUser } from '../../core/states.js';

export function accountHolder(state: SessionState): SessionUser | null {
  const signedIn = state.name === 'signed-in' || state.name === 'reauthenticating';
  return signedIn && state.user.claims.is_anonymous !== true ? state.user : null;
}
