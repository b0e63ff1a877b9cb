/**
 * Sign-in links, the browser's side: the verifier this browser keeps while a
 * link it asked for is out (localStorage: the link opens in a new tab), and
 * the requests of the link's page. Loaded when a link is asked for or opened.
 */
import { createPkce } from '../connectors/request-state.js';
import { linkRequest, readLinkAnswer, type LinkAnswer } from '../core/email-link.js';
import type { Ready, SessionState } from '../core/states.js';
import type { SessionClient } from './ciam-client.js';
import { runHttp } from './http.js';

/** As long as the OP's link lives. */
const LINK_TTL_MS = 10 * 60 * 1000;
/** One per browser profile and origin: the newest link asked for (it replaces the last, as the OP does). */
const KEY = 'ciam.link';

/**
 * A new verifier for the link about to be asked for; its SHA-256 goes to the OP. Without storage the link
 * still works, with a question on opening it.
 */
export async function rememberLinkVerifier(): Promise<string> {
  const { verifier, challenge } = await createPkce();
  try {
    localStorage.setItem(KEY, JSON.stringify({ verifier, expiresAt: Date.now() + LINK_TTL_MS }));
  } catch {
    // Private mode or blocked storage: the link's page asks "is this you?" instead.
  }
  return challenge;
}

function storedVerifier(): string | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { verifier?: unknown; expiresAt?: unknown } | null;
    if (typeof saved?.verifier === 'string' && typeof saved.expiresAt === 'number' && Date.now() < saved.expiresAt) return saved.verifier;
  } catch {
    // Unreadable: as if there were none.
  }
  forget();
  return undefined;
}

/**
 * Opens or decides a link at the OP's challenge endpoint (`client.emailLink()`), once discovery has answered;
 * a link decided by this browser's verifier leaves it of no further use.
 */
export async function openEmailLink(client: SessionClient, token: string, decision?: 'yes' | 'no'): Promise<LinkAnswer> {
  const ready = await discovered(client);
  const endpoint = ready?.discovery.authorization_challenge_endpoint;
  if (!ready || !endpoint) return { status: 'failed', error: { code: 'config', detail: 'the OP has no authorization_challenge_endpoint' } };
  const outcome = await runHttp(linkRequest(endpoint, ready.config.clientId, token, storedVerifier(), decision), 10_000);
  const answer = outcome.ok ? readLinkAnswer(outcome.result, Date.now()) : { status: 'failed' as const, error: outcome.error };
  if (answer.status === 'approved' && answer.sameBrowser) forget();
  return answer;
}

/** Discovery's answer once it is in (null when it failed: the element shows that error). */
function discovered(client: SessionClient): Promise<Ready | null> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined;
    const check = (state: SessionState) => {
      const ready = 'discovery' in state ? (state as Ready) : state.name === 'error' ? state.ready : undefined;
      if (ready === undefined && state.name !== 'error') return false;
      stop?.();
      resolve(ready ?? null);
      return true;
    };
    if (!check(client.state)) stop = client.subscribe(check);
  });
}

function forget(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Blocked storage holds nothing to forget.
  }
}
