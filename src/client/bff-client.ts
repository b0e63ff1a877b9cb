/**
 * Backend-for-frontend mode (`bff="/bff"`): the tokens stay on a same-origin
 * server (OAuth 2.0 for Browser-Based Apps, §6.1), which keeps the session
 * in an httpOnly, SameSite=Strict cookie. The page asks it who is signed in,
 * signs in and out through it, and calls APIs through its proxy; no token
 * ever reaches page script. Every request carries `X-CSRF: 1`, which a
 * cross-site page can only send after a CORS preflight the BFF never grants.
 * The BFF's contract: README, "Backend-for-frontend mode".
 */
import type { Mode } from '../core/config.js';
import type { CiamErrorCode } from '../core/error-codes.js';
import { CiamError, type CiamErrorData } from '../core/errors.js';
import type { Discovery } from '../core/schemas/oidc.js';
import { endNotice, type EndReason } from '../core/session-timeout.js';
import type { Notification, Ready, SessionState, SignInOptions } from '../core/states.js';
import type { BffJourney, BffJourneyEvent } from './bff-journey.js';
import { configureOptions, type ClientOptions, type Listener, type SessionClient } from './ciam-client.js';
import type { JourneyListener } from './journey.js';
import type { PasskeyManager } from './passkeys-api.js';
import { sharedClient } from './registry.js';

const CSRF = { 'x-csrf': '1' };
/** Where the BFF puts a sign-in it could not finish on the return address: `bff_error=<code>`. */
const RETURN_ERROR = 'bff_error';
/** A sign-in waits at most this long for the journey tracker to load before the page leaves. */
const JOURNEY_WAIT_MS = 1_000;

export class BffClient implements SessionClient {
  state: SessionState = { name: 'idle' };
  private readonly listeners = new Set<Listener>();
  private started = false;
  private options: ClientOptions & { bff: string };
  private readonly journeyListeners = new Set<JourneyListener>();
  /** The journey tracker (client/bff-journey.ts): it loads once the page idles after the first listener, or at once when the page is leaving. */
  private journey: Promise<BffJourney | null> | null = null;
  private loadJourneyNow: (() => void) | null = null;

  constructor(options: ClientOptions & { bff: string }) {
    this.options = { ...options };
  }

  /** Where the BFF's routes live (absolute, on the page's origin). */
  private get base(): string {
    return new URL(this.options.bff, location.href).href.replace(/\/+$/, '');
  }

  configure(patch: Partial<ClientOptions>) {
    if (!this.started) configureOptions(this.options, patch);
  }

  subscribe(listener: Listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start() {
    if (this.started) return;
    this.started = true;
    void this.load();
  }

  private async load() {
    const ready = this.ready();
    const returned = await returnError();
    const [state, notification] = await this.answer(ready, returned);
    this.set(state, notification);
    this.track({ type: 'loaded', state, returned });
  }

  /** Who is signed in, by the BFF; `returned`: the code of a sign-in the BFF could not finish, shown unless the user cancelled it. */
  private async answer(ready: Ready, returned: CiamErrorCode | null): Promise<[SessionState, Notification?]> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/user`, { headers: { accept: 'application/json', ...CSRF }, credentials: 'same-origin', cache: 'no-store' });
    } catch (error) {
      return this.error({ code: 'network', detail: String(error) }, ready);
    }
    if (response.status === 401) return [{ name: 'signed-out', ...ready, ...(returned && returned !== 'access_denied' ? { notice: { code: returned } } : {}) }];
    if (!response.ok) return this.error({ code: response.status >= 500 ? 'server_error' : 'bad_response', status: response.status }, ready);
    const body = (await response.json().catch(() => null)) as { claims?: unknown; expires_at?: unknown } | null;
    const { userFromClaims } = await import('../core/machine/session.js');
    const user = userFromClaims(body?.claims);
    if (!user.ok) return this.error(user.error, ready);
    if (typeof body?.expires_at === 'number') user.value.expiresAt = body.expires_at;
    return [
      { name: 'signed-in', ...ready, user: user.value },
      { event: 'signed-in', user: user.value, restored: true },
    ];
  }

  /** A sign-in is a visit to the BFF, which sends the browser on to the OP and takes the code back itself. */
  signIn(options: SignInOptions = {}) {
    const params = new URLSearchParams({ returnTo: options.returnTo ?? location.pathname + location.search });
    if (options.intent === 'sign-up') params.set('prompt', 'create');
    if (options.loginHint) params.set('login_hint', options.loginHint);
    if (options.idp) params.set('idp', options.idp);
    if (options.maxAge !== undefined) params.set('max_age', String(options.maxAge));
    if (options.acrValues) params.set('acr_values', options.acrValues);
    const locales = options.uiLocales ?? this.options.uiLocales;
    if (locales) params.set('ui_locales', locales);
    if (this.state.name === 'signed-out')
      this.set({ ...this.state, name: 'signing-in', request: { via: 'redirect', params: {}, returnTo: null }, intent: options.intent ?? 'sign-in' });
    const leave = () => location.assign(`${this.base}/login?${params.toString()}`);
    if (!this.journey) return leave();
    // The attempt's id goes with the page: the tracker hands it over first (it loads now if it has not yet; never long).
    this.loadJourneyNow?.();
    const wait = new Promise<null>((resolve) => setTimeout(resolve, JOURNEY_WAIT_MS, null));
    void Promise.race([this.journey, wait]).then((track) => {
      track?.({ type: 'leaving', social: !!options.idp });
      leave();
    });
  }

  /** RFC 9470 over the BFF: the API's challenge becomes a sign-in at the OP with its max age and ACR; the page leaves. */
  stepUp(options: { acr?: string; maxAge?: number } = {}): Promise<void> {
    this.signIn({ ...(options.maxAge !== undefined ? { maxAge: options.maxAge } : {}), ...(options.acr ? { acrValues: options.acr } : {}) });
    return new Promise(() => undefined); // the page is leaving
  }

  /** `reason`: the session ended without the user (<ciam-session>): no visit to the OP, the signed-out view says why. */
  signOut(options: { reason?: EndReason } = {}) {
    const state = this.state;
    if (state.name !== 'signed-in') return;
    const ready = this.ready();
    const { reason } = options;
    this.set({ name: 'signing-out', ...ready, user: state.user });
    type Answer = { end_session_url?: unknown };
    void fetch(`${this.base}/logout`, { method: 'POST', headers: { accept: 'application/json', ...CSRF }, credentials: 'same-origin' })
      .then((r): Promise<Answer> | Answer => (r.ok ? (r.json() as Promise<Answer>) : {}))
      .catch((): Answer => ({}))
      .then((body) => {
        if (reason) return this.set({ name: 'signed-out', ...ready, notice: endNotice(reason) }, { event: 'signed-out', reason });
        this.set({ name: 'signed-out', ...ready }, { event: 'signed-out' });
        // The OP's session ends on its page (RP-Initiated Logout), which sends the browser back here.
        if (typeof body.end_session_url === 'string') location.assign(body.end_session_url);
      });
  }

  /**
   * A call through the BFF's API proxy (`{bff}/api/...`): same origin, the session cookie, `X-CSRF`. An RFC 9470
   * challenge in the answer signs in again at the OP (the page leaves and comes back; the app calls again).
   */
  async fetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin) throw new CiamError({ code: 'config', detail: 'in bff mode, fetch() only calls the BFF (same origin)' });
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(CSRF)) headers.set(name, value);
    const response = await fetch(url, { ...init, headers, credentials: 'same-origin' });
    const challenge = response.headers.get('www-authenticate') ?? '';
    if (response.status === 401 && /error="insufficient_user_authentication"/.test(challenge)) {
      const maxAge = /max_age=(\d+)/.exec(challenge)?.[1];
      const acr = /acr_values="([^"]*)"/.exec(challenge)?.[1];
      await this.stepUp({ ...(maxAge ? { maxAge: Number(maxAge) } : {}), ...(acr ? { acr } : {}) });
    }
    if (response.status === 401 && this.state.name === 'signed-in') {
      // The BFF has no session any more (ended elsewhere, or expired): signed out here too.
      this.set({ name: 'signed-out', ...this.ready(), notice: { code: 'session_expired' } }, { event: 'signed-out' });
    }
    return response;
  }

  /** Journey events (client/bff-journey.ts), `mode: 'bff'`: the way to the BFF's login and back; nothing personal. */
  onJourney(listener: JourneyListener): () => void {
    this.journeyListeners.add(listener);
    this.journey ??= new Promise<void>((resolve) => {
      this.loadJourneyNow = resolve;
      // After the first paint, not before it: nothing happens in a journey until the page is up.
      (globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200)))(() => resolve());
    })
      .then(() => import('./bff-journey.js'))
      .then(
        (m) => m.bffJourney((detail) => this.journeyListeners.forEach((l) => l(detail))),
        () => null, // without the code, no journey events; sign-in works the same
      );
    return () => this.journeyListeners.delete(listener);
  }

  /** In order: each event waits for the tracker on the same promise. */
  private track(event: BffJourneyEvent) {
    void this.journey?.then((track) => track?.(event));
  }

  /** Never: the tokens stay on the server. */
  getAccessToken() {
    return Promise.resolve(null);
  }

  retry() {
    this.set({ name: 'idle' });
    void this.load();
  }

  // Embedded sign-in, passkey autofill and passkey management need tokens in the page: not in this mode.
  submit() {
    return Promise.resolve();
  }
  navigate() {}
  autofill() {
    return Promise.resolve();
  }
  cancelStepUp() {}
  passkeys(): Promise<PasskeyManager> {
    return Promise.reject(new CiamError({ code: 'config', detail: 'passkey management needs tokens in the page; not available in bff mode' }));
  }

  private ready(): Ready {
    const base = this.base;
    const here = location.origin + location.pathname;
    const mode: Mode = 'redirect';
    return {
      config: {
        authority: base,
        clientId: this.options.clientId,
        redirectUri: here,
        postLogoutRedirectUri: here,
        scope: this.options.scope ?? 'openid profile email',
        store: 'memory',
        preset: this.options.preset ?? 'generic',
        idpHintParam: this.options.idpHintParam ?? null,
        signupUrl: null,
        mode,
        challengeEndpoint: null,
        tokenOrigins: [],
        uiLocales: this.options.uiLocales ?? null,
        dpop: false, // the BFF holds the tokens
        organizations: {},
      },
      // The BFF stands in for the OP: its login route is where sign-in starts.
      discovery: { issuer: base, authorization_endpoint: `${base}/login` } as Discovery,
      signUp: { kind: 'prompt', params: { prompt: 'create' } },
      mode,
    };
  }

  private error(error: CiamErrorData, ready: Ready): [SessionState, Notification] {
    return [
      { name: 'error', config: ready.config, pageUrl: location.href, ready, error, retry: { kind: 'discovery' } },
      { event: 'error', error },
    ];
  }

  private set(state: SessionState, notification?: Notification) {
    this.state = state;
    this.listeners.forEach((l) => l(state, notification));
  }
}

/**
 * The code of a sign-in the BFF could not finish (`bff_error` on the return address), read once and taken off the
 * address, so a reload does not show it again. Only our own codes: anything else is `unknown`.
 */
async function returnError(): Promise<CiamErrorCode | null> {
  const url = new URL(location.href);
  const code = url.searchParams.get(RETURN_ERROR);
  if (code === null) return null;
  url.searchParams.delete(RETURN_ERROR);
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  // Loaded only on this rare path: the list of codes is not needed otherwise.
  return import('./bff-return.js').then(
    (m) => m.knownCode(code),
    (): CiamErrorCode => 'unknown',
  );
}

/**
 * The page's client for the BFF at `bff` (shared like getClient's). Its own entry (`ciam-elements/bff`) and a
 * lazy chunk for the elements: pages that do not use a BFF do not load it.
 */
export function getBffClient(options: ClientOptions & { bff: string }): BffClient {
  return sharedClient(`bff|${new URL(options.bff, location.href).href}`, options, () => new BffClient(options)) as BffClient;
}
