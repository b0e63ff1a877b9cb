/**
 * The signed-in user's sessions (device-sessions.ts): GET /api/sessions lists
 * them (browser, system, started, last used, this one marked), DELETE
 * /api/sessions/<id> ends one, DELETE /api/sessions ends every other one.
 * Ending revokes the grant: its refresh and access tokens stop working, so
 * that browser is signed out at its next renewal or API call. Same auth and
 * CORS as the other account APIs (bearer-api.ts); no step-up: ending a
 * session must never be harder than having one.
 *
 * GET /api/sessions/events is this session's end, pushed: a server-sent
 * event stream (read with fetch, since EventSource cannot send the token)
 * that says `session-ended` when the grant the token belongs to ends, from
 * another device's list or any revocation at the provider (`grant.revoked`:
 * a sign-out at the OP, a revoked refresh token). <ciam-session events>
 * signs the browser out on it at once instead of at its next renewal.
 */
import { createHash } from 'node:crypto';
import type { Provider } from 'oidc-provider';
import type { AccessTokenLike } from './api.js';
import { createBearerApi } from './bearer-api.js';
import type { ApiReply } from './bearer-api.js';
import type { OpDb } from './db.js';
import { describeUserAgent, type DeviceSession } from './device-sessions.js';
import { sessionEndStream } from './http.js';
import type { User } from './users.js';

export const SESSIONS_PATH = '/api/sessions';
const ROUTE = /^\/api\/sessions(?:\/([A-Za-z0-9_-]{1,64}))?$/;
/** What oidc-provider's Client offers for OIDC Back-Channel Logout (not in its types). */
interface BackchannelClient {
  backchannelLogoutUri?: string;
  backchannelLogoutSessionRequired?: boolean;
  backchannelLogout(sub: string, sid: string | undefined): Promise<void>;
}

/** Who waits for which grant's end (the event streams open on this OP). */
class SessionEnds {
  readonly #waiting = new Map<string, Set<() => void>>();

  watch(grantId: string, ended: () => void): () => void {
    const set = this.#waiting.get(grantId) ?? new Set();
    this.#waiting.set(grantId, set.add(ended));
    return () => {
      set.delete(ended);
      if (set.size === 0) this.#waiting.delete(grantId);
    };
  }

  ended(grantId: string): void {
    const set = this.#waiting.get(grantId);
    this.#waiting.delete(grantId);
    for (const ended of set ?? []) ended();
  }
}

/** A session's id in the API: not the grant id itself (that names tokens at the token store). */
function publicId(grantId: string): string {
  return createHash('sha256').update(`device-session:${grantId}`).digest('base64url').slice(0, 22);
}

export function createSessionsApiHandler(options: { provider: Provider; db: OpDb; appOrigins: Set<string>; clientNames: Record<string, string> }) {
  const { provider, db, clientNames } = options;
  const ends = new SessionEnds();
  provider.on('grant.revoked', (_ctx: unknown, grantId: string) => ends.ended(grantId));

  /** The user's sessions whose grant still exists; the gone ones are dropped from the index. */
  async function live(user: User): Promise<DeviceSession[]> {
    const sessions: DeviceSession[] = [];
    for (const session of db.deviceSessions.listByAccount(user.id)) {
      if (await provider.Grant.find(session.grantId)) sessions.push(session);
      else db.deviceSessions.remove(session.grantId);
    }
    return sessions;
  }

  async function end(session: DeviceSession): Promise<void> {
    const grant = await provider.Grant.find(session.grantId);
    await grant?.destroy();
    await (provider.Grant as unknown as { adapter: { revokeByGrantId(id: string): Promise<void> } }).adapter.revokeByGrantId(session.grantId);
    db.deviceSessions.remove(session.grantId);
    ends.ended(session.grantId);
    await backchannelLogout(session);
  }

  /** OIDC Back-Channel Logout 1.0 to a client with a server (the BFF): it holds the tokens, so it must hear it. */
  async function backchannelLogout(session: DeviceSession): Promise<void> {
    const client = (await provider.Client.find(session.clientId)) as BackchannelClient | undefined;
    if (!client?.backchannelLogoutUri || (client.backchannelLogoutSessionRequired && !session.sid)) return;
    // Best effort, as the provider's own sign-out does it: the session is over here whatever the client answers.
    await client.backchannelLogout(session.accountId, session.sid).catch((error: unknown) => console.warn('[demo-op] back-channel logout failed', error));
  }

  /** The stream: a comment at once (so the browser's fetch resolves), keep-alives, then the end, if it comes. */
  function events(token: AccessTokenLike): ApiReply {
    const grantId = token.grantId;
    return {
      status: 200,
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8' },
      stream(res) {
        if (grantId) return sessionEndStream(res, (end) => ends.watch(grantId, end));
        res.end(': listening\n\n'); // a token of no sign-in has no session to end
      },
    };
  }

  async function list(user: User, token: AccessTokenLike): Promise<ApiReply> {
    const sessions = (await live(user)).map((s) => {
      const { browser, os } = describeUserAgent(s.userAgent);
      return {
        id: publicId(s.grantId),
        browser,
        os,
        app: clientNames[s.clientId] ?? s.clientId,
        created_at: s.createdAt,
        last_seen: s.lastSeen,
        current: s.grantId === token.grantId,
      };
    });
    return { status: 200, body: { sessions } };
  }

  return createBearerApi({
    ...options,
    route: ROUTE,
    methods: ([, id]) => (id === undefined ? ['GET', 'DELETE'] : id === 'events' ? ['GET'] : ['DELETE']),
    stepUp: new Set(),
    // A guest's session can end too (it expires, or moves into an account): <ciam-session events> hears it.
    guests: ([, id]) => id === 'events',
    async handle(req, user, [, id], token) {
      if (req.method === 'GET') return id === 'events' ? events(token) : list(user, token);
      const sessions = await live(user);
      if (id === undefined) {
        // "Sign out everywhere else": every session but the one asking.
        for (const session of sessions) if (session.grantId !== token.grantId) await end(session);
        return { status: 204 };
      }
      // Someone else's session looks exactly like one that does not exist.
      const session = sessions.find((s) => publicId(s.grantId) === id);
      if (!session) return { status: 404, body: { error: 'not_found', error_description: 'No such session.' } };
      await end(session);
      return { status: 204 };
    },
    name: 'sessions api',
  });
}
