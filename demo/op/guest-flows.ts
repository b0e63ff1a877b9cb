/**
 * The /challenge side of guest sessions (docs/first-party-challenge.md, "Guest sessions"): `action=guest`
 * starts one, and `guest_token` on the first request of a sign-in, sign-up or passkey flow names the guest
 * that flow may bind. What happens to the guest then is in challenge-flows.ts (sign-up binds it, a sign-in
 * asks `guest_merge`) and guests.ts.
 */
import type { Provider } from 'oidc-provider';
import type { AccessTokenLike } from './api.js';
import { botCheck, rateLimited } from './challenge-flows.js';
import type { FlowContext, Reply } from './challenge-flows.js';

/** The actions whose first request may carry a guest_token. */
export const GUEST_BINDING_ACTIONS = new Set(['signin', 'signup', 'passkey']);

/**
 * action=guest: a bot check and a per-address limit first (a guest is an account, made without any
 * credential), then a new guest account, signed in at once by `issue` (the endpoint's authorization code).
 */
export async function startGuest(ctx: FlowContext, param: (name: string) => string | undefined, issue: (accountId: string) => Promise<Reply>): Promise<Reply> {
  const bot = await botCheck(ctx, param);
  if (bot) return bot;
  const wait = ctx.guests.starts.retryAfter(ctx.ip);
  if (wait) return rateLimited(wait);
  ctx.guests.starts.hit(ctx.ip);
  return issue(ctx.guests.create().id);
}

/**
 * The guest a guest_token names, or the answer that refuses it. The token must be a live access token of this
 * client, of a guest that has not expired, and, when it is DPoP-bound, bound to the key of this request's proof
 * (`jkt`): whoever binds a guest must hold what the guest's own requests need.
 */
export async function guestOfToken(
  provider: Provider,
  ctx: Pick<FlowContext, 'guests'>,
  value: string,
  clientId: string,
  jkt: string | undefined,
): Promise<{ guest: string } | Reply> {
  // AccessToken.find checks expiry; revoked tokens are gone from storage (as checkAccessToken, api.ts).
  const tokens = (provider as unknown as { AccessToken: { find(v: string): Promise<AccessTokenLike | undefined> } }).AccessToken;
  const token = value.length <= 512 ? await tokens.find(value) : undefined;
  if (!token || token.clientId !== clientId) return invalidGuest('The guest_token is not a live access token of this client.');
  if (!ctx.guests.find(token.accountId)) return invalidGuest('The guest_token is not one of a guest session (or it has expired).');
  if (token.jkt !== undefined && token.jkt !== jkt) return invalidGuest('The guest_token is DPoP-bound: send a DPoP proof of its key.');
  return { guest: token.accountId };
}

function invalidGuest(description: string): Reply {
  return { status: 400, body: { error: 'invalid_request', reason: 'invalid_guest', error_description: description } };
}
