/**
 * The signed-in user's sessions (device-sessions.ts): GET /api/sessions lists
 * them (browser, system, started, last used, this one marked), DELETE
 * /api/sessions/<id> ends one, DELETE /api/sessions ends every other one.
 * Ending revokes the grant: its refresh and access tokens stop working, so
 * that browser is signed out at its next renewal or API call. Same auth and
 * CORS as the other account APIs (bearer-api.ts); no step-up: ending a
 * session must never be harder than having one.
 */
import { createHash } from 'node:crypto';
import type { Provider } from 'oidc-provider';
import type { AccessTokenLike } from './api.js';
import { createBearerApi } from './bearer-api.js';
import type { ApiReply } from './bearer-api.js';
import type { OpDb } from './db.js';
import { describeUserAgent, type DeviceSession } from './device-sessions.js';
import type { User } from './users.js';

export const SESSIONS_PATH = '/api/sessions';
const ROUTE = /^\/api\/sessions(?:\/([A-Za-z0-9_-]{1,64}))?$/;

/** A session's id in the API: not the grant id itself (that names tokens at the token store). */
function publicId(grantId: string): string {
  return createHash('sha256').update(`device-session:${grantId}`).digest('base64url').slice(0, 22);
}

export function createSessionsApiHandler(options: { provider: Provider; db: OpDb; appOrigins: Set<string>; clientNames: Record<string, string> }) {
  const { provider, db, clientNames } = options;

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
    methods: ([, id]) => (id === undefined ? ['GET', 'DELETE'] : ['DELETE']),
    stepUp: new Set(),
    async handle(req, user, [, id], token) {
      if (req.method === 'GET') return list(user, token);
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
