/**
 * The end of this session, pushed by the OP (<ciam-session events>): a
 * server-sent event stream read with fetch, because EventSource cannot send
 * the access token (or its DPoP proof). A session ended elsewhere (another
 * device's list, an administrator, a sign-out at the OP) then signs this
 * browser out at once instead of at its next renewal. One tab of the app
 * holds the stream (a Web Lock); the sign-out reaches the others through
 * client/tabs.ts. A lost stream is opened again, with a fresh token, after a
 * pause that doubles from 1 s to 1 min. A lazy chunk.
 */
import type { SessionClient } from './ciam-client.js';

const FIRST_PAUSE_MS = 1000;
const LONGEST_PAUSE_MS = 60_000;
/** How long the tab that heard the end keeps the lock after signing out. */
const HOLD_MS = 2000;
/** The event the OP sends when the session ends (demo/op/sessions-api.ts). */
export const SESSION_ENDED = 'session-ended';

/**
 * Listens until `onEnded` (called once) or the returned stop. `oneTab` (default): one tab of the app listens for
 * all, which hear the sign-out from it; off where tabs are not in step by themselves (BFF mode: each tab listens).
 */
export function listenForSessionEnd(client: Pick<SessionClient, 'fetch'>, endpoint: string, onEnded: () => void | Promise<void>, oneTab = true): () => void {
  const stop = new AbortController();
  const { signal } = stop;
  const listen = async () => {
    for (let pause = FIRST_PAUSE_MS; !signal.aborted; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
      try {
        const response = await client.fetch(endpoint, { headers: { accept: 'text/event-stream' }, cache: 'no-store', signal });
        if (response.ok && response.body) {
          pause = FIRST_PAUSE_MS / 2; // it worked: after a later loss, start again from the first pause
          for await (const event of serverSentEvents(response.body)) {
            if (event !== SESSION_ENDED) continue;
            await onEnded();
            // The lock is held a while longer: the other tabs hear the sign-out before one of them would listen.
            return await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
          }
        } else {
          await response.body?.cancel();
        }
      } catch {
        // Offline, the OP restarting, or stopped by us: the loop decides.
      }
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, pause);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)), { once: true });
      });
    }
  };
  const locks = globalThis.navigator?.locks;
  if (locks && oneTab) void locks.request(`ciam-session-events:${new URL(endpoint, location.href).href}`, { signal }, listen).catch(() => undefined);
  else void listen();
  return () => stop.abort();
}

/** The names of the events in a text/event-stream (WHATWG HTML §9.2.6): dispatched at a blank line, when data came. */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let name = '';
  let hasData = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // A CR at the end may be half of a CRLF: it waits for the next chunk with the unfinished line.
      const held = buffer.endsWith('\r') ? '\r' : '';
      const lines = buffer.slice(0, buffer.length - held.length).split(/\r\n|\r|\n/);
      buffer = (lines.pop() ?? '') + held;
      for (const line of lines) {
        if (line === '') {
          if (hasData) yield name || 'message';
          name = '';
          hasData = false;
        } else if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:') || line === 'data') hasData = true;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
