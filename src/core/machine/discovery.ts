/**
 * Discovery and the first screen: `started` (from any state: new
 * attributes start again), the discovery document, and where the page goes
 * from there: a callback to complete, a stored session to restore, or the
 * signed-out screen, and the first screen's answer when the code for the
 * user's first action could not load. First paint.
 */
import type { CiamConfig } from '../config.js';
import { collectsCredentials, discoveryUrl, isAuthorizationResponse, issuerMatches, resolveMode, signUpMethod } from '../config.js';
import { newFlow } from '../embedded.js';
import type { CiamErrorData } from '../errors.js';
import { parseJsonResponse } from '../http.js';
import { discoverySchema } from '../schemas/oidc.js';
import { beforeFirstScreen, isUserAction, type Ready, type SessionEvent, type SessionState, type Step } from '../states.js';
import { withAutofillStopped } from './autofill.js';
import { failed, NOT_MINE, NOT_YET, readyOf, stay, type PartResult } from './part.js';

export const initialState: SessionState = { name: 'idle' };

export function discoveryPart(state: SessionState, event: SessionEvent): PartResult | typeof NOT_YET {
  // The user's actions wait for the first screen they were meant for.
  if (isUserAction(event) && beforeFirstScreen(state)) return NOT_YET;
  if (event.type === 'started') return withAutofillStopped(state, discover(event.config, event.pageUrl));
  if (event.type === 'load.failed' && state.name === 'signed-out') {
    // The user's submit could not run (its code did not load, e.g. offline): the form says so; submitting again loads it again.
    const flow = state.flow ?? newFlow();
    return collectsCredentials(state.mode) ? { state: { ...state, flow: { ...flow, pending: false, error: event.error } }, effects: [] } : stay(state);
  }
  if (event.type === 'load.failed' && state.name !== 'restoring' && state.name !== 'completing') {
    return stay(state); // nothing waits for the later parts here: the next action loads them again
  }
  switch (state.name) {
    case 'idle':
      return stay(state);
    case 'discovering':
      return onDiscovering(state, event);
    case 'error':
      return event.type === 'retry.requested' && (state.retry.kind === 'discovery' || !state.ready) ? discover(state.config, state.pageUrl) : NOT_MINE;
    case 'restoring':
    case 'completing':
      // The session part could not load: say so; "Try again" starts over (the callback's code is still in the address bar).
      return event.type === 'load.failed' ? failed(state.config, state.config.redirectUri, readyOf(state), event.error, { kind: 'discovery' }) : NOT_MINE;
    default:
      return NOT_MINE;
  }
}

function discover(config: CiamConfig, pageUrl: string): Step {
  // The OP must only ever send codes (and the sign-out's state) back to this origin, whose sessionStorage holds the
  // PKCE verifier and the state: a redirect-uri elsewhere is a misconfiguration or an injected attribute, never used.
  const origin = new URL(pageUrl).origin;
  const elsewhere = [config.redirectUri, config.postLogoutRedirectUri].find((uri) => new URL(uri, pageUrl).origin !== origin);
  if (elsewhere) return failed(config, pageUrl, null, { code: 'config', detail: `${elsewhere} is not on this page's origin` }, { kind: 'discovery' });
  return {
    state: { name: 'discovering', config, pageUrl },
    effects: [{ type: 'http', id: 'discovery', request: { url: discoveryUrl(config.authority), method: 'GET' } }],
  };
}

function onDiscovering(state: Extract<SessionState, { name: 'discovering' }>, event: SessionEvent): Step {
  if (event.type === 'http.failed' && event.id === 'discovery') return failed(state.config, state.pageUrl, null, event.error, { kind: 'discovery' });
  if (event.type !== 'http.succeeded' || event.id !== 'discovery') return stay(state);
  const parsed = parseJsonResponse(event.result, discoverySchema, event.now);
  if (!parsed.ok) return failed(state.config, state.pageUrl, null, parsed.error, { kind: 'discovery' });
  const discovery = parsed.value;
  if (!issuerMatches(state.config.authority, discovery.issuer)) {
    const error: CiamErrorData = { code: 'bad_response', detail: `issuer ${discovery.issuer} does not match authority ${state.config.authority}` };
    return failed(state.config, state.pageUrl, null, error, { kind: 'discovery' });
  }
  const ready: Ready = {
    config: state.config,
    discovery,
    signUp: signUpMethod(state.config, discovery),
    mode: resolveMode(state.config, discovery, state.pageUrl),
  };
  if (isAuthorizationResponse(state.pageUrl, state.config.redirectUri)) {
    return { state: { name: 'completing', ...ready }, effects: [{ type: 'oidc.callback', id: 'callback', url: state.pageUrl }] };
  }
  // An in-memory store is empty after every page load: nothing to restore.
  if (state.config.store === 'memory') return { state: { name: 'signed-out', ...ready }, effects: [] };
  return { state: { name: 'restoring', ...ready }, effects: [{ type: 'oidc.restore', id: 'restore' }] };
}
