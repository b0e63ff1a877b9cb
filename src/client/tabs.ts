/**
 * Tabs in step: the tabs of one app (same origin, same OP and client_id) tell
 * each other about sign-in, sign-out and renewal over a BroadcastChannel, so
 * a sign-out in one ends the session in all, and a renewal in one reaches the
 * others before they would use the refresh token it rotated out (the renewal
 * itself takes a Web Lock: connectors/oidc.ts). With `tabs="join"` a tab
 * opened later asks the others for the session. Tokens only travel between
 * tabs of the same origin, which can read each other's storage anyway.
 * Loaded when the client starts (after the first paint), not with the card.
 */
import type { OidcConnector, RawUser } from '../connectors/oidc.js';
import type { EndReason } from '../core/session-timeout.js';
import type { Notification, SessionEvent, SessionState } from '../core/states.js';

export type TabMessage =
  | { kind: 'signed-in'; tokens: unknown }
  | { kind: 'renewed'; tokens: unknown }
  | { kind: 'signed-out'; reason?: EndReason }
  | { kind: 'ask'; from: string }
  | { kind: 'answer'; to: string; tokens: unknown };

export interface Tabs {
  post(message: TabMessage): void;
  /** Asks the other tabs for their session; the first answer's tokens, or null after `timeoutMs`. */
  ask(timeoutMs: number): Promise<unknown>;
  close(): void;
}

const KINDS = new Set(['signed-in', 'renewed', 'signed-out', 'ask', 'answer']);

/** The channel itself. Null where BroadcastChannel is missing: every tab is on its own then, as before. */
export function openTabs(key: string, heard: (message: TabMessage) => void): Tabs | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(`ciam:${key}`);
  const id = crypto.randomUUID();
  const answers = new Set<(tokens: unknown) => void>();
  channel.onmessage = ({ data }: MessageEvent<TabMessage>) => {
    if (!data || typeof data !== 'object' || !KINDS.has(data.kind)) return;
    if (data.kind !== 'answer') return heard(data);
    if (data.to === id) answers.forEach((answer) => answer(data.tokens));
  };
  return {
    post: (message) => channel.postMessage(message),
    ask(timeoutMs) {
      return new Promise((resolve) => {
        const done = (tokens: unknown) => {
          answers.delete(done);
          clearTimeout(timer);
          resolve(tokens);
        };
        const timer = setTimeout(() => done(null), timeoutMs);
        answers.add(done);
        channel.postMessage({ kind: 'ask', from: id } satisfies TabMessage);
      });
    },
    close: () => channel.close(),
  };
}

/** What the client lends the sync: its state, its machine and its connector (once there is one). */
export interface TabHost {
  readonly state: SessionState;
  send(event: SessionEvent): void;
  connector(): Promise<OidcConnector> | null;
}

export interface TabSync {
  /** What this tab did that the others follow: a sign-in (not a restore: that is old news) and a sign-out. */
  tell(notification: Notification): void;
  /** This tab renewed the session: the others take the tokens. */
  renewed(tokens: RawUser): void;
  /** `join`: the session of an open tab, or null. */
  ask(timeoutMs: number): Promise<unknown>;
}

export function syncTabs(key: string, join: boolean, host: TabHost): TabSync | null {
  const tabs = openTabs(key, (message) => void heard(message));

  async function heard(message: TabMessage) {
    const state = host.state;
    switch (message.kind) {
      case 'signed-in':
        return host.send({ type: 'tab.signed-in', user: message.tokens });
      case 'signed-out':
        if (state.name === 'signed-in' || state.name === 'reauthenticating')
          host.send({ type: 'tab.signed-out', ...(message.reason ? { reason: message.reason } : {}) });
        return;
      case 'renewed': {
        // The tokens go straight to the connector, whatever the state (a restore may be about to renew too).
        const connector = host.connector();
        const user = connector ? await (await connector).takeRenewed(message.tokens as RawUser).catch(() => null) : null;
        if (user && host.state.name === 'signed-in') host.send({ type: 'renewed', user });
        return;
      }
      case 'ask': {
        const connector = host.connector();
        if (!join || state.name !== 'signed-in' || !connector) return;
        const tokens = await (await connector).tokens();
        if (tokens) tabs?.post({ kind: 'answer', to: message.from, tokens });
        return;
      }
    }
  }

  if (!tabs) return null;
  return {
    tell(notification) {
      // As soon as signing out begins here, before the revocation (the OP's session-end stream would otherwise tell
      // the other tabs "ended" first); a sign-out with no beginning here (a refused renewal) when it is done.
      if (notification.event === 'signing-out' || (notification.event === 'signed-out' && !notification.tab))
        tabs.post({ kind: 'signed-out', ...(notification.reason ? { reason: notification.reason } : {}) });
      if (notification.event === 'signed-in' && !notification.tab && !notification.restored) {
        void host
          .connector()
          ?.then((c) => c.tokens())
          .then((tokens) => tokens && tabs.post({ kind: 'signed-in', tokens }));
      }
    },
    renewed: (tokens) => tabs.post({ kind: 'renewed', tokens }),
    ask: (timeoutMs) => tabs.ask(timeoutMs),
  };
}
