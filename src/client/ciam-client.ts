/**
 * The interpreter: holds the machine's state, runs its effects and feeds the
 * results back as events. One shared client per (authority, client_id), so
 * every element on the page sees the same session.
 */
import type { CiamConfig, Mode, OrganizationOptions, Preset, RedirectMode, Store } from '../core/config.js';
import { POPUP_WINDOW_NAME, collectsCredentials, isAuthorizationResponse, sessionName } from '../core/config.js';
import type { CiamErrorData } from '../core/errors.js';
import type { EndReason } from '../core/session-timeout.js';
import { CiamError } from '../core/errors.js';
import { compose, NOT_LOADED, NOT_YET, type Transition } from '../core/machine/compose.js';
import type { Part } from '../core/machine/part.js';
import { firstParts, initialState } from '../core/machine/first.js';
import type { EmbeddedIntent, EmbeddedSubmit } from '../core/embedded.js';
import { startsFlow } from '../core/embedded.js';
import { isUserAction, type Effect, type Notification, type SessionEvent, type SessionState, type SignInOptions } from '../core/states.js';
import type { LinkAnswer } from '../core/email-link.js';
import { parseUrl } from '../core/url.js';
import type { OidcConnector, OidcEffect } from '../connectors/oidc.js';
import type { PublicKeyCredentialRequestOptionsJSON } from '../connectors/webauthn.js';
import { fetchDiscovery } from './discovery.js';
import { runHttp } from './http.js';
import type { HttpRequest } from '../core/http.js';
import type { PasskeyApi, PasskeyManager } from './passkeys-api.js';
import type { OrganizationManager, OrganizationsApi } from './organizations.js';
import { completeLogoutReturn, createPkce, PKCE_STATE_PREFIX, transientStorage } from '../connectors/request-state.js';
import type { TabHost, TabSync } from './tabs.js';
import type { JourneyListener, JourneyTracker } from './journey.js';

export type { EmbeddedIntent, EmbeddedSubmit, Notification, SessionState, SignInOptions };

export type Listener = (state: SessionState, notification?: Notification) => void;

/** What an element or app may set; everything else has a default. */
export interface ClientOptions {
  authority: string;
  clientId: string;
  redirectUri?: string;
  postLogoutRedirectUri?: string;
  scope?: string;
  store?: Store;
  preset?: Preset;
  idpHintParam?: string | null;
  signupUrl?: string | null;
  /** `redirect`, `popup`, `embedded` or `hosted`; unset lets discovery decide (DESIGN §2). */
  mode?: Mode;
  /** Hosted mode: the OP page's endpoint for this interaction (may be relative to the page). */
  challengeEndpoint?: string;
  /** More origins that may receive the access token from `fetch()` (besides the page's and the issuer's). */
  tokenOrigins?: string[];
  /** The user's language for the OP's pages (`ui_locales`); elements set the locale they show. */
  uiLocales?: string;
  /**
   * The app's other tabs (client/tabs.ts): `sync` (default) follows their sign-in, sign-out and renewal;
   * `join` also takes the session of an open tab when this one starts without one; `off`: this tab on its own.
   */
  tabs?: TabsMode;
  /** Backend-for-frontend mode: the same-origin path of a BFF that keeps the tokens (client/bff-client.ts). */
  bff?: string;
  /** DPoP-bound tokens (RFC 9449) when the OP takes ES256 proofs: `fetch()` then proves this browser's key with each token. */
  dpop?: boolean;
  /** Organizations: the one to sign in to, and the OP's names for them where the preset's differ (core/organization.ts). */
  organizations?: OrganizationOptions;
  timeoutMs?: number;
}

export type TabsMode = 'sync' | 'join' | 'off';

/** What an element's attributes add to a client's options before it starts: only the ones set. */
export function configureOptions(options: ClientOptions, patch: Partial<ClientOptions>) {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && value !== null && value !== '') (options as unknown as Record<string, unknown>)[key] = value;
  }
}
/** How long a starting tab (`tabs="join"`) waits for another tab's session. */
const JOIN_WAIT_MS = 300;

/** The face of a client that elements use; a scripted one in tests and stories implements the same. */
export interface SessionClient {
  readonly state: SessionState;
  /**
   * An action of the user's waits for what it needs (discovery's answer, the code of the flow): elements show
   * it under way. Listeners hear when it starts and ends. Scripted clients may leave it out.
   */
  readonly holding?: boolean;
  subscribe(listener: Listener): () => void;
  start(): void;
  signIn(options?: SignInOptions): void;
  /** Embedded mode: one form step (identifier, password, code, sign-up, recovery). */
  submit(submit: EmbeddedSubmit): Promise<void>;
  /** Embedded mode: switch between sign-in, sign-up and recovery. */
  navigate(intent: EmbeddedIntent): void;
  /** Embedded mode: offer passkeys in the email field's autofill while the first step shows. */
  autofill(): Promise<void>;
  /** Proves again that the user is there (RFC 9470; see CiamClient). Scripted clients may leave it out. */
  stepUp?(options?: { acr?: string; maxAge?: number; via?: RedirectMode }): Promise<void>;
  /** Abandons a step-up re-authentication. */
  cancelStepUp(): void;
  /** fetch() with the user's access token (and RFC 9470 step-up on demand). */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** `reason`: the session timed out (<ciam-session>): tokens revoked, no visit to the OP, the signed-out view says why. */
  signOut(options?: { reason?: EndReason }): void;
  retry(): void;
  getAccessToken(): Promise<string | null>;
  /** The user's passkeys at a passkey management API (`endpoint`, or an API object); loads on the first call. */
  passkeys(target: string | PasskeyApi): Promise<PasskeyManager>;
  /** This tab's organization, the user's others, switching and invitations (client/organizations.ts); loads on the first call. Scripted clients may leave it out. */
  organizations?(target: string | OrganizationsApi): Promise<OrganizationManager>;
  /** Journey events (core/journey.ts): steps, methods and outcomes, nothing personal. Scripted clients may leave it out. */
  onJourney?(listener: JourneyListener): () => void;
  /**
   * A sign-in link's page: opens the link (`decision` unset: the browser that asked approves it at once, another
   * is told which device asked) or decides it. Scripted clients only: the real one's is client/email-link.ts.
   */
  emailLink?(token: string, decision?: 'yes' | 'no'): Promise<LinkAnswer>;
}

type ConnectorModule = typeof import('../connectors/oidc.js');
type WebAuthnModule = typeof import('../connectors/webauthn.js');

export class CiamClient implements SessionClient {
  private current: SessionState = initialState;
  private readonly listeners = new Set<Listener>();
  private options: ClientOptions;
  private started = false;
  private connector: Promise<OidcConnector> | null = null;
  /** The popup opened synchronously on the click, before any await (Decisions). */
  private pendingPopup: Window | null = null;
  /** The machine: the first screen's parts, then all of them once the later ones (flow, session, step-up) have loaded on the first action. */
  private machine: Transition = compose(firstParts, false);
  private loadingLater: Promise<void> | null = null;
  /** Events that need a later part, in order, while it loads. */
  private waiting: SessionEvent[] = [];
  /** The user's actions from before the first screen was known (discovery on its way), in order (`NOT_YET`). */
  private early: SessionEvent[] = [];
  private webauthn: WebAuthnModule | null = null;
  private startingAutofill = false;
  /** The app's other tabs (client/tabs.ts), once its code has loaded; null with `tabs="off"` or no BroadcastChannel. */
  private tabs: Promise<TabSync | null> = Promise.resolve(null);
  private readonly journeyListeners = new Set<JourneyListener>();
  /** The journey tracker (client/journey.ts), loaded once the page idles after the first listener; until then the machine's steps wait in `journeyHeld`. */
  private journey: JourneyTracker | null = null;
  private journeyHeld: [SessionState, SessionState, SessionEvent][] | null = null;

  /** `modules`: where the lazy parts come from; tests give their own to see the queue and a failed load. */
  constructor(
    options: ClientOptions,
    private readonly modules: LazyModules = lazyModules,
  ) {
    this.options = { ...options };
  }

  get state(): SessionState {
    return this.current;
  }

  /** Only the user's own actions count: an answer waiting for the later parts (a restore's) is not the user's to see. */
  get holding(): boolean {
    return this.early.length > 0 || this.waiting.some(isUserAction);
  }

  get config(): CiamConfig {
    const page = new URL(location.href);
    const here = page.origin + page.pathname;
    const o = this.options;
    return {
      authority: o.authority.replace(/\/+$/, ''),
      clientId: o.clientId,
      // Unreadable: a URL with no origin, which the machine refuses as a config error (discovery.ts).
      redirectUri: parseUrl(o.redirectUri || here, here)?.href ?? 'about:invalid',
      postLogoutRedirectUri: parseUrl(o.postLogoutRedirectUri || o.redirectUri || here, here)?.href ?? 'about:invalid',
      scope: o.scope || 'openid profile email',
      store: o.store ?? 'memory',
      preset: o.preset ?? 'generic',
      idpHintParam: o.idpHintParam ?? null,
      signupUrl: o.signupUrl ? (parseUrl(o.signupUrl, here)?.href ?? null) : null,
      mode: o.mode ?? null,
      challengeEndpoint: o.challengeEndpoint ? new URL(o.challengeEndpoint, here).href : null,
      tokenOrigins: o.tokenOrigins ?? [],
      uiLocales: o.uiLocales ?? null,
      dpop: o.dpop ?? false,
      organizations: o.organizations ?? {},
    };
  }

  /** Elements parsed together each add what their attributes say, until the client starts. */
  configure(patch: Partial<ClientOptions>) {
    if (!this.started) configureOptions(this.options, patch);
  }

  /** Redirect or popup for a click: the configured mode, else redirect (also in embedded mode, e.g. for social). */
  private get clickMode(): RedirectMode {
    return this.options.mode === 'popup' ? 'popup' : 'redirect';
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start() {
    if (this.started) return;
    this.started = true;
    const config = this.config;
    if (isAuthorizationResponse(location.href, config.redirectUri) && isPopupCallback(location.href)) {
      // This page is the popup's callback: hand the response over and close.
      void loadConnector().then((m) => m.notifyOpener(config, location.href));
      return;
    }
    completeLogoutReturn(location.href);
    if (this.options.tabs !== 'off' && typeof BroadcastChannel === 'function') {
      const current = () => this.current;
      const host: TabHost = {
        get state() {
          return current();
        },
        send: (event) => this.send(event),
        connector: () => this.connector,
      };
      this.tabs = import('./tabs.js').then((m) => m.syncTabs(sessionName(config), this.options.tabs === 'join', host)).catch(() => null); // without the code, this tab is on its own
    }
    this.send({ type: 'started', config, pageUrl: location.href });
  }

  signIn(options: SignInOptions = {}) {
    void this.loadLater();
    const via = options.via ?? this.clickMode;
    this.send({ type: 'sign-in.requested', options: { ...options, via: via === 'popup' && !this.openPopup() ? 'redirect' : via } });
  }

  /**
   * Opens the popup blank, in the click's task: Safari blocks window.open
   * after an await. oidc-client-ts then reuses it by name. False when blocked.
   */
  private openPopup(): boolean {
    this.pendingPopup = window.open('about:blank', POPUP_WINDOW_NAME, 'popup,width=480,height=680');
    return this.pendingPopup !== null;
  }

  async submit(submit: EmbeddedSubmit) {
    void this.loadLater(); // the token answer needs it; load it while the user's request runs
    const pkce = startsFlow(submit) ? await createPkce() : undefined;
    this.send({ type: 'embedded.submitted', submit, pkce, now: Date.now() });
  }

  /**
   * Passkey autofill: the first step shows, so a passkey sign-in starts in
   * the background and the browser offers passkeys in the email field's
   * suggestions. Needs conditional mediation; the machine decides whether it
   * fits the moment (embedded or hosted, first step, nothing running).
   */
  async autofill() {
    const credential = globalThis.PublicKeyCredential;
    if (this.startingAutofill || !credential?.isConditionalMediationAvailable) return;
    this.startingAutofill = true;
    try {
      if (!(await credential.isConditionalMediationAvailable())) return;
      // The ceremony code loads now, not on the pick: the browser waits for the request before it offers passkeys.
      this.webauthn ??= await import('../connectors/webauthn.js');
      this.send({ type: 'autofill.requested', pkce: await createPkce(), now: Date.now() });
    } catch {
      // No autofill (the chunk did not load, or the browser refused): the form works without it.
    } finally {
      this.startingAutofill = false;
    }
  }

  navigate(intent: EmbeddedIntent) {
    this.send({ type: 'embedded.navigated', intent });
  }

  /**
   * Step-up (RFC 9470): proves again that the user is there, with the given
   * ACR and max age. Embedded mode asks in place (the signed-in <ciam-login>
   * shows "Confirm it's you") and resolves once fresh tokens are stored;
   * redirect and popup modes sign in at the OP again (a redirect leaves the page).
   * Rejects with a CiamError when the user cancels or signing in fails for good.
   */
  stepUp(options: { acr?: string; maxAge?: number; via?: RedirectMode } = {}): Promise<void> {
    const state = this.current;
    if (state.name !== 'signed-in') return Promise.reject(new CiamError({ code: 'login_required', detail: 'step-up needs a signed-in user' }));
    let via = options.via ?? this.clickMode;
    if (state.mode !== 'embedded' && via === 'popup' && !this.openPopup()) via = 'redirect'; // still in the caller's task
    return import('./step-up.js').then((m) => m.stepUp(this, (event) => this.send(event), { ...options, via }));
  }

  /** The user gave up on a step-up: back to the session as it was. */
  cancelStepUp() {
    this.send({ type: 'step-up.cancelled' });
  }

  /**
   * fetch() with the access token, answering an RFC 9470 step-up challenge
   * (`401 WWW-Authenticate: Bearer error="insufficient_user_authentication"`)
   * by re-authenticating and retrying once. The token goes only to the
   * page's origin, the issuer's and the configured `tokenOrigins`; a request
   * elsewhere is sent without it. The body must be re-sendable
   * (string, FormData, Blob, URLSearchParams), not a stream.
   */
  async fetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    return (await import('./authorized-fetch.js')).authorizedFetch(this, input, init);
  }

  signOut(options: { reason?: EndReason } = {}) {
    this.send({ type: 'sign-out.requested', ...(options.reason ? { reason: options.reason } : {}) });
  }

  retry() {
    const state = this.current;
    if (state.name === 'error' && state.retry.kind === 'sign-in' && state.retry.request.via === 'popup' && !this.openPopup()) {
      return this.signIn({ via: 'redirect' });
    }
    this.send({ type: 'retry.requested' });
  }

  async getAccessToken(): Promise<string | null> {
    if (this.current.name !== 'signed-in' || !this.connector) return null;
    return (await this.connector).getAccessToken();
  }

  /**
   * The headers for one request with the user's access token, for apps that call their APIs with their own
   * HTTP code: `{ authorization: 'Bearer …' }`, or with DPoP-bound tokens (`dpop`) `{ authorization: 'DPoP …',
   * dpop: '<proof>' }`, a proof for this URL and method only (`nonce`: one the server asked for in `DPoP-Nonce`).
   * Null when no one is signed in.
   */
  async authorizationHeaders(url: string, method = 'GET', nonce?: string): Promise<Record<string, string> | null> {
    if (this.current.name !== 'signed-in' || !this.connector) return null;
    return (await this.connector).authorization(method, new URL(url, location.href).href, nonce);
  }

  // ── passkeys (issue 11; client/passkeys-api.ts) ──
  /**
   * The signed-in user's passkeys at a passkey management API: `list()`,
   * `create(name?)` (options, the browser's ceremony, registration),
   * `rename()`, `remove()`, each answering `{ ok, value }` or `{ ok: false,
   * error, cancelled? }`, and `subscribe()` to the changes made through this
   * client. Calls go through `fetch()`. The code loads on the first call; the
   * promise rejects only when it cannot load (offline).
   */
  passkeys(target: string | PasskeyApi): Promise<PasskeyManager> {
    return import('./passkeys-api.js').then((m) => m.passkeysFor(this, target));
  }
  // ── end passkeys ──

  /**
   * The user's organizations at an organizations API (`endpoint`, or an API object): this tab's current one
   * (from the tokens' claims), the list, `switchTo()` (token exchange or refresh without navigation, else a
   * `prompt=none` redirect), `accept()` for an invitation, `subscribe()`. The code loads on the first call.
   */
  organizations(target: string | OrganizationsApi): Promise<OrganizationManager> {
    return import('./organizations.js').then((m) =>
      m.organizationsFor(
        m.clientHost(this, () => this.connect()),
        target,
      ),
    );
  }

  onJourney(listener: JourneyListener): () => void {
    this.journeyListeners.add(listener);
    if (!this.journeyHeld && !this.journey) {
      this.journeyHeld = [];
      // After the first paint, not before it: nothing happens in a journey until the page is up.
      const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
      idle(() => {
        import('./journey.js').then(
          (m) => {
            const track = (this.journey = m.journeyTracker((detail) => this.journeyListeners.forEach((l) => l(detail))));
            for (const held of this.journeyHeld?.splice(0) ?? []) track(...held);
          },
          () => undefined, // without the code, no journey events; sign-in works the same
        );
      });
    }
    return () => this.journeyListeners.delete(listener);
  }

  private send(event: SessionEvent) {
    // Behind events that wait for the later parts, in order.
    const step = this.waiting.length > 0 ? NOT_LOADED : this.machine(this.current, event);
    if (step === NOT_LOADED || step === NOT_YET) {
      const wasHolding = this.holding;
      (step === NOT_YET ? this.early : this.waiting).push(event);
      if (step === NOT_LOADED) void this.loadLater();
      if (this.holding !== wasHolding) this.listeners.forEach((l) => l(this.current)); // elements show the action under way
      return;
    }
    const before = this.current;
    this.apply(step);
    const after = this.current;
    if (this.journey) this.journey(before, after, event);
    else if (this.journeyHeld && this.journeyHeld.length < 500) this.journeyHeld.push([before, after, event]);
  }

  /**
   * The first screen is known: the actions the user took before it run now,
   * in order (a click on "Sign in" while discovery was on its way signs in).
   * If the page turned out signed in, or discovery failed (the error shows),
   * they are dropped, with the popup opened for them.
   */
  private runEarly(state: SessionState) {
    if (this.early.length === 0) return;
    if (state.name === 'signed-out') {
      for (const event of this.early.splice(0)) this.send(event);
    } else if (state.name === 'signed-in' || state.name === 'error') {
      this.early = [];
      this.closePopup();
      this.listeners.forEach((l) => l(state));
    }
  }

  /**
   * Loads the machine's later parts, then runs the events that waited for
   * them, in order. If they cannot load (offline), the waiting events are
   * dropped and the machine hears `load.failed`: the form says so and takes
   * a retry; a click can simply be repeated, which loads them again. With
   * nothing waiting (an early load, e.g. at idle) a failure is silent: the
   * next event that needs them loads them again.
   */
  private loadLater(): Promise<void> {
    return (this.loadingLater ??= this.modules.later().then(
      (m) => {
        this.machine = compose([...firstParts, ...m.laterParts], true);
        for (const event of this.waiting.splice(0)) this.send(event);
      },
      (error: unknown) => {
        this.loadingLater = null;
        if (this.waiting.splice(0).length === 0) return;
        this.send({ type: 'load.failed', error: { code: 'network', detail: `could not load the sign-in code: ${String(error)}` } });
      },
    ));
  }

  /** A form shows: the user's first submit needs the later parts, so they load when the page idles, after first paint. */
  private prefetchLater() {
    if (this.loadingLater) return;
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => void this.loadLater());
  }

  private apply({ state, effects }: { state: SessionState; effects: Effect[] }) {
    const changed = state !== this.current;
    if (changed && state.name === 'signed-out' && collectsCredentials(state.mode)) this.prefetchLater();
    this.current = state;
    const notifications = effects.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));
    if (changed || notifications.length === 0) this.listeners.forEach((l) => l(state));
    for (const n of notifications) {
      this.listeners.forEach((l) => l(state, n));
      void this.tabs.then((tabs) => tabs?.tell(n));
    }
    for (const effect of effects) void this.run(effect);
    if (changed) this.runEarly(state);
  }

  private async run(effect: Effect): Promise<void> {
    switch (effect.type) {
      case 'http': {
        const timeout = this.options.timeoutMs ?? 10_000;
        // Discovery: one request for the page, kept for the tab while the OP allows (discovery.ts).
        let request = effect.request.proof === 'dpop' ? await withProof(sessionName(this.config), effect.request) : effect.request;
        // A guest signing in or up: its access token binds the guest to the flow (core never holds a token).
        if (request.guest)
          request = { ...request, body: `${request.body}&guest_token=${encodeURIComponent((await (await this.connector)?.getAccessToken()) ?? '')}` };
        const outcome = await (effect.id === 'discovery' ? fetchDiscovery(request.url, timeout) : runHttp(request, timeout));
        return this.send(
          outcome.ok
            ? { type: 'http.succeeded', id: effect.id, result: outcome.result, now: Date.now() }
            : { type: 'http.failed', id: effect.id, error: outcome.error },
        );
      }
      case 'navigate':
        if (effect.replace) history.replaceState(history.state, '', effect.url);
        else location.assign(effect.url);
        return;
      case 'notify':
        return;
      case 'webauthn.get':
        return this.runPasskey(effect.id, effect.options, effect.autofill);
      case 'webauthn.abort':
        return this.webauthn?.cancelPasskeyCeremony();
      default:
        return this.runOidc(effect);
    }
  }

  private async runOidc(effect: OidcEffect) {
    void this.loadLater(); // its answer is the session part's
    let connector: OidcConnector;
    let module: ConnectorModule;
    try {
      [connector, module] = await Promise.all([this.connect(), loadConnector()]);
    } catch (error) {
      this.closePopup();
      return this.send({ type: 'oidc.failed', id: effect.id, error: { code: 'network', detail: `could not load the sign-in code: ${String(error)}` } });
    }
    if (effect.type === 'oidc.sign-in') {
      if (effect.request.via !== 'popup') this.closePopup();
      // Closed before the connector got to it: a cancel. (Checked in the same task as the
      // connector's window.open, which would otherwise open a second popup.)
      else if (this.pendingPopup?.closed) return this.send({ type: 'oidc.cancelled', id: 'sign-in' });
    }
    let outcome = await module.runOidcEffect(connector, effect);
    if (effect.type === 'oidc.restore' && outcome.type === 'oidc.succeeded' && outcome.user == null && this.options.tabs === 'join') {
      // Nothing stored here: an open tab of the app may share its session.
      const tokens = await this.tabs.then((tabs) => tabs?.ask(JOIN_WAIT_MS));
      if (tokens)
        outcome = await module
          .runOidcEffect(connector, { type: 'tokens.store', id: 'adopt', tokens })
          .then((adopted) => ({ ...adopted, id: 'restore' as const }));
    }
    if (outcome.type === 'oidc.succeeded') this.pendingPopup = null;
    else this.closePopup();
    this.send(outcome);
  }

  /** The passkey ceremony: the WebAuthn connector loads only now (bundle budget). */
  private async runPasskey(id: string, options: unknown, autofill: boolean) {
    try {
      const webauthn = (this.webauthn ??= await import('../connectors/webauthn.js'));
      const result = await webauthn.getPasskey(options as PublicKeyCredentialRequestOptionsJSON, { autofill });
      if (!result.ok) return this.send(result.cancelled ? { type: 'webauthn.cancelled', id } : { type: 'webauthn.failed', id, error: result.error });
      void this.loadLater(); // a picked passkey is the user's first action
      return this.send({ type: 'webauthn.succeeded', id, response: result.response, now: Date.now() });
    } catch (error) {
      return this.send({ type: 'webauthn.failed', id, error: { code: 'network', detail: `could not load the passkey code: ${String(error)}` } });
    }
  }

  private connect(): Promise<OidcConnector> {
    if (!this.connector) {
      const state = this.current;
      if (!('discovery' in state) && !(state.name === 'error' && state.ready)) return Promise.reject(new Error('no discovery yet'));
      const discovery = 'discovery' in state ? state.discovery : state.name === 'error' ? state.ready!.discovery : undefined;
      this.connector = loadConnector().then((m) => {
        const connector = m.createOidcConnector(this.config, discovery!);
        connector.onRenew((outcome) => {
          if ('user' in outcome) void this.tabs.then((tabs) => tabs?.renewed(outcome.user));
          this.send('user' in outcome ? { type: 'renewed', user: outcome.user } : { type: 'renew.failed', error: outcome.error });
        });
        return connector;
      });
      this.connector.catch(() => (this.connector = null));
    }
    return this.connector;
  }

  private closePopup() {
    if (this.pendingPopup && !this.pendingPopup.closed) this.pendingPopup.close();
    this.pendingPopup = null;
  }
}

/** The code the client loads on demand. */
export interface LazyModules {
  later(): Promise<{ laterParts: readonly Part[] }>;
}

const lazyModules: LazyModules = {
  later: () => import('../core/machine/later.js'),
};

function loadConnector(): Promise<ConnectorModule> {
  return import('../connectors/oidc.js');
}

/** Errors a listener may want to show; re-exported for elements. */
export type { CiamErrorData };

/**
 * The popup's callback page: named by us, or opened by a page whose PKCE
 * state this tab does not hold (browsers clear window.name on cross-site
 * navigations, and the popup's sessionStorage is a copy from before the request).
 */
function isPopupCallback(pageUrl: string): boolean {
  if (window.name === POPUP_WINDOW_NAME) return true;
  const state = new URL(pageUrl).searchParams.get('state');
  return !!window.opener && !!state && transientStorage().getItem(PKCE_STATE_PREFIX + state) === null;
}

/**
 * The request with a DPoP proof of the app's key (connectors/dpop.ts, a lazy chunk), so the OP binds the
 * flow, or the tokens, to this browser. Without one when this browser cannot make it: the OP then leaves
 * them unbound, as for any client that sends no proof.
 */
async function withProof(name: string, request: HttpRequest): Promise<HttpRequest> {
  try {
    const { dpopProof } = await import('../connectors/dpop.js');
    return { ...request, headers: { ...request.headers, dpop: await dpopProof(name, request.method, request.url) } };
  } catch {
    return request;
  }
}
