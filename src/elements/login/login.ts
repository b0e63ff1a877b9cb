import { html, nothing, render, type PropertyValues } from 'lit';
import { property, state as internalState } from 'lit/decorators.js';
import type { ClientOptions } from '../../client/ciam-client.js';
import { collectsCredentials, isPreset, isSameSite, Modes, Stores, type Mode } from '../../core/config.js';
import type { CiamErrorData } from '../../core/errors.js';
import { newFlow, type EmbeddedFlow, type EmbeddedIntent, type EmbeddedSubmit } from '../../core/embedded.js';
import { parseSocial, type SocialProvider } from '../../core/social.js';
import { beforeFirstScreen, type SessionState } from '../../core/states.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import type { CiamSignedInEvent } from '../shared/events.js';
import { fieldId } from '../shared/ids.js';
import { renderSocial, socialStyles } from '../shared/social.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';
import type { EmbeddedView, FormNote } from './embedded.js';
import type { BotCheckController } from './controllers/bot-check.js';
import type { PasskeyOffer } from './offer.js';
import type { Panel, PanelModule } from './panel.js';
import { AutofillController } from './controllers/autofill.js';
import { FocusController } from './controllers/focus.js';
import { LazyViewsController } from './controllers/lazy-views.js';
import styles from './login.styles.js';

const titles = { 'sign-in': 'login.title', 'sign-up': 'signup.title', recover: 'recovery.title' } as const;
const leads = { 'sign-in': 'login.lead', 'sign-up': 'signup.lead', recover: 'recovery.lead' } as const;

/** Notices of a session that ended without the user signing out: not a failed sign-in. */
const ENDED_SESSIONS: ReadonlySet<string> = new Set(['session_expired', 'idle_timeout', 'session_max_age']);

/**
 * @tag ciam-login
 * @summary Sign-in and sign-up against any OpenID Connect provider.
 * @attr authority - Issuer URL of the OP.
 * @attr client-id - OAuth client_id at the OP.
 * @attr redirect-uri - Where the OP returns with `?code=` (default: this page).
 * @attr post-logout-redirect-uri - Where the OP returns after sign-out (default: redirect-uri).
 * @attr {'redirect' | 'popup' | 'embedded' | 'hosted' | ''} mode - `redirect`, `popup`, `embedded`, or `hosted` (on the
 *   OP's own sign-in page, with `challenge-endpoint`); unset: embedded when the OP advertises an authorization
 *   challenge endpoint and is same-site, else redirect.
 * @attr scope - Requested scopes (default `openid profile email`).
 * @attr {'memory' | 'session'} store - `memory` (default; signed out on reload) or `session` (sessionStorage, survives reload in this tab).
 * @attr bff - Backend-for-frontend mode: the same-origin path of a BFF that keeps the tokens (e.g. `/bff`); no
 *   `authority` or `client-id` needed then. README, "Backend-for-frontend mode".
 * @attr dpop - Boolean: DPoP-bound tokens (RFC 9449) when the OP takes ES256 proofs; the app's APIs must then check
 *   a proof with each token (`client.fetch()` sends it). README, "DPoP-bound tokens".
 * @attr {'sync' | 'join' | 'off'} tabs - The app's other tabs: `sync` (default: sign-in, sign-out and renewal reach every open tab), `join` (a
 *   tab opened later also takes an open tab's session) or `off`.
 * @attr {'generic' | 'keycloak' | 'auth0' | 'okta' | 'entra' | 'cognito' | 'zitadel'} preset - OP family: `generic`, `keycloak`, `auth0`, `okta`, `entra`, `cognito`, `zitadel`.
 * @attr idp-hint-param - Name of the parameter that picks an upstream IdP (overrides the preset).
 * @attr signup-url - Registration page for OPs without `prompt=create` (https, or http on loopback).
 * @attr token-origins - Space-separated origins of APIs that may receive the access token from `client.fetch()`, besides the page's and the issuer's.
 * @attr return-to - Same-origin path to show after signing in.
 * @attr challenge-endpoint - Hosted mode (on the OP's own page): the endpoint of this interaction.
 * @attr login-hint - Email to start with (hosted mode passes the OP's login_hint).
 * @attr passkeys-endpoint - Passkey API (as for <ciam-passkey>): when set, a password or email-code
 *   sign-in is followed by an offer to create a passkey (dismissable, remembered per user in localStorage).
 * @attr no-passkeys - Boolean: no "Sign in with a passkey" button and no passkey autofill, for OPs whose
 *   challenge endpoint has no passkey action (docs/first-party-challenge.md).
 * @attr social - Upstream IdPs as "Continue with …" buttons: comma-separated ids as the OP knows them (sent as the
 *   preset's hint parameter), each optionally `=Name` (`google, github, acme=Acme SSO`). In embedded mode they show
 *   on the first step and continue by redirect.
 * @attr offering - Reflected, read-only: the passkey offer is showing (the element stays visible while signed in).
 * @attr guest - Reflected, read-only: a guest session shows (`startGuest()`; the element stays visible while signed in).
 * @attr guest-data - What a guest saved, in the app's words ("your cart and 3 drafts"), said when a guest signing in
 *   may move it into the account (`startGuest()`; README, "Guest sessions").
 * @attr {'sign-in' | 'sign-up' | 'recover'} intent - The first view: `sign-in` (default), `sign-up` or `recover` (<ciam-signup> and <ciam-recovery> preset it).
 * @attr state - Reflected, read-only: the session state (`signed-out`, `signing-in`, `signed-in`, `error`, ...).
 * @fires {CiamSignedInEvent} ciam-signed-in - Signed in (also after a restore). detail: { user, restored, signedUp, tab?, guest?: 'signed-up' | 'moved' | 'kept-separate' }
 * @fires {CiamSignedOutEvent} ciam-signed-out - Signed out. detail: { reason?: 'idle' | 'max-age' (timed out, <ciam-session>) | 'ended' (ended at the OP, <ciam-session events>), tab?: true (another tab signed out) }
 * @fires {CiamErrorEvent} ciam-error - Something failed. detail: { error: CiamError }
 * @fires {CiamJourneyEvent} ciam-journey - A step, method or outcome of sign-in, sign-up or recovery, with nothing
 *   personal (README, "Journey events"). detail: { type, attempt, mode, element, step?, method?, outcome?, code?, duration? }
 * @slot logo - Brand mark above the title.
 * @slot header - Replaces the title and lead text.
 * @slot footer - Below everything (terms, help links).
 * @slot social-<id> - The mark on a provider's button (e.g. its brand SVG, 20 × 20 px); default: the name's initial.
 * @slot form - Filled by the element itself in embedded mode: its light-DOM `<form>`, styled by class (`ciam-form`,
 *   `ciam-field`, `ciam-label`, `ciam-input`, `ciam-hint`, `ciam-field-error`, `ciam-button`, `ciam-button-primary`,
 *   `ciam-link`, `ciam-links`, `ciam-note`, `ciam-error`), which page CSS overrides.
 * @csspart card - The outer box.
 * @csspart header - Logo, title and lead.
 * @csspart title - The heading.
 * @csspart lead - The line under the heading.
 * @csspart actions - The buttons.
 * @csspart button - Every button.
 * @csspart primary-button - The button that goes on (Sign in, or Create account in <ciam-signup>; Try again).
 * @csspart sign-in-button - "Sign in".
 * @csspart sign-up-button - "Create account".
 * @csspart retry-button - "Try again" after an error.
 * @csspart divider - The line between sign-in and sign-up.
 * @csspart social-divider - "or" below the providers' buttons (also `divider`).
 * @csspart social - The group of provider buttons.
 * @csspart social-button - A provider's button (also `button`).
 * @csspart social-<id> - The button of one provider, e.g. `social-google`.
 * @csspart social-initial - The provider's initial on its button, where no `social-<id>` mark is slotted.
 * @csspart error - The error box (role=alert).
 * @csspart error-title - Its heading.
 * @csspart error-message - Its text.
 * @csspart status - The live status line (visually hidden while a skeleton or a busy button shows the wait).
 * @csspart skeleton - The form's shape while it loads.
 * @csspart signed-in - The signed-in line.
 * @csspart footer - The footer.
 * @cssprop --ciam-card-width - Maximum card width (default 24rem).
 * @cssprop --ciam-card-shadow - Card shadow (`box-shadow`).
 */
export class CiamLogin extends CiamElement {
  static override styles = [baseStyles, shadowControls, cardStyles, socialStyles, styles];

  @property({ attribute: 'redirect-uri' }) redirectUri = '';
  @property({ attribute: 'post-logout-redirect-uri' }) postLogoutRedirectUri = '';
  @property() mode: Mode | '' = '';
  @property() scope = '';
  @property() store = '';
  @property() tabs = '';
  /** DPoP-bound tokens (RFC 9449) when the OP takes ES256 proofs. */
  @property({ type: Boolean }) dpop = false;
  @property() preset = '';
  @property({ attribute: 'idp-hint-param' }) idpHintParam = '';
  @property({ attribute: 'signup-url' }) signupUrl = '';
  /** Space-separated origins of APIs that may receive the access token from `client.fetch()`, besides the page's and the issuer's. */
  @property({ attribute: 'token-origins' }) tokenOrigins = '';
  @property({ attribute: 'return-to' }) returnTo = '';
  /** Which view the element opens with. */
  @property() intent: EmbeddedIntent = 'sign-in';
  @property({ attribute: 'challenge-endpoint' }) challengeEndpoint = '';
  @property({ attribute: 'login-hint' }) loginHint = '';
  /** Reflected session state, for page CSS such as `ciam-login[state='signed-in']:not([offering]) { display: none }`. */
  @property({ reflect: true }) state = 'idle';
  @property({ attribute: 'passkeys-endpoint' }) passkeysEndpoint = '';
  /** No passkey sign-in: no button, no autofill (for OPs whose challenge endpoint has no passkey action). */
  @property({ type: Boolean, attribute: 'no-passkeys' }) noPasskeys = false;
  /** Reflected: the passkey offer is showing. */
  @property({ type: Boolean, reflect: true }) offering = false;
  /** Reflected, read-only: a guest session (`startGuest()`); the card then shows what a guest can do. */
  @property({ type: Boolean, reflect: true }) guest = false;
  /**
   * Upstream IdPs offered as "Continue with …" buttons, in this order: comma-separated ids as the OP knows
   * them (sent as the preset's hint parameter), each optionally `=Name`, e.g. `google, github, acme=Acme SSO`.
   */
  @property() social = '';
  /** What a guest saved, in the app's words ("your cart and 3 drafts"): said when it may move into an account. */
  @property({ attribute: 'guest-data' }) guestData = '';
  /** The provider the user picked, while its sign-in is under way. */
  #picked: string | null = null;
  /** The passkey offer (offer.ts, loaded after a sign-in that used no passkey). */
  private offer: PasskeyOffer | null = null;
  /** A view that takes the card over while it applies (panel.ts): a sign-in link's page, a guest session. */
  #panel: Panel | null = null;
  #opening = false;
  /** What the form noted between renders (embedded.ts): problems its own check found, a code sent again. */
  private note: FormNote = {};
  /** The step of the last embedded form shown: a sign-in that follows `recovery-code` confirms the new password. */
  private lastStep = '';
  /** The later steps' own controllers (embedded-steps.ts stepControllers): countdowns, link status, the bot check. */
  private botCheck: BotCheckController | undefined;
  /** The last submit (the element's memory, never the machine's state: it may hold a password). */
  #sent: EmbeddedSubmit | undefined;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: true });
  @internalState() private hasFooter = false;
  /** Light-DOM container of the embedded forms, slotted into the card (docs/decisions.md). */
  private readonly formRoot: HTMLDivElement = Object.assign(document.createElement('div'), { slot: 'form', className: 'ciam-form-root' });
  private readonly ids = { email: fieldId('email'), password: fieldId('password'), code: fieldId('code'), name: fieldId('name'), error: fieldId('error') };
  /** The forms, later steps and their messages, loaded when first needed (controllers/lazy-views.ts). */
  private readonly lazy: LazyViewsController = new LazyViewsController(this, this.session, {
    eager: () => this.mode === 'embedded' || this.mode === 'hosted', // known to collect credentials: fetch the forms while discovery runs
    flow: () => this.embeddedFlow(this.session.state),
  });

  constructor() {
    super();
    // These act after each render on their own; the element never calls them.
    new FocusController(this, this.session, { flow: () => this.formFlow(), note: () => this.note, form: this.formRoot, errorId: this.ids.error });
    new AutofillController(this, this.session, { flow: () => this.formFlow(), passkeys: () => this.passkeys });
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('ciam-signed-in', this.handleSignedIn);
    // A sign-in link lands on the sign-in card, not on a <ciam-signup> or <ciam-recovery> of the same page
    // (whichever loaded first used to take the token, and the sign-in card never heard of it).
    if (this.intent === 'sign-in' && location.hash.includes('ciam_link=')) this.#open(import('./link-landing.js'));
  }

  /** Loads a panel and shows it while it applies (a module that has none for this moment leaves the card as it is). */
  #open(module: Promise<PanelModule>) {
    if (this.#opening || this.#panelShown()) return;
    this.#opening = true;
    void Promise.all([module, this.lazy.views.load()])
      .then(([{ panel }, views]) => (this.#panel = panel({ element: this, client: () => this.session.client, i18n: this.i18n, views })))
      .catch(() => undefined)
      .finally(() => {
        this.#opening = false;
        this.requestUpdate();
      });
  }

  /** The panel while it applies; one that no longer does is let go. */
  #panelShown(): Panel | null {
    if (this.#panel?.done(this.session.state)) this.#panel = null;
    return this.#panel;
  }

  /**
   * Starts a guest session: no credentials, a `sub` whose tokens say `is_anonymous`, for a cart or drafts
   * until the user signs in or up here (embedded mode; the OP's side: docs/first-party-challenge.md).
   */
  startGuest() {
    this.#sent = { kind: 'guest' };
    void this.session.client?.submit(this.#sent);
  }

  override clientOptions(): Partial<ClientOptions> {
    return {
      redirectUri: this.redirectUri || undefined,
      postLogoutRedirectUri: this.postLogoutRedirectUri || undefined,
      scope: this.scope || undefined,
      mode: (Modes as readonly string[]).includes(this.mode) ? (this.mode as Mode) : undefined,
      store: (Stores as readonly string[]).includes(this.store) ? (this.store as ClientOptions['store']) : undefined,
      tabs: this.tabs === 'sync' || this.tabs === 'join' || this.tabs === 'off' ? this.tabs : undefined,
      dpop: this.dpop || undefined,
      preset: isPreset(this.preset) ? this.preset : undefined,
      idpHintParam: this.idpHintParam || undefined,
      signupUrl: this.signupUrl || undefined,
      tokenOrigins: this.tokenOrigins.trim() ? this.tokenOrigins.trim().split(/\s+/) : undefined,
      challengeEndpoint: this.challengeEndpoint || undefined,
      uiLocales: this.i18n.locale,
    };
  }

  protected override willUpdate() {
    this.botCheck ??= this.lazy.steps.value?.stepControllers(this, {
      flow: () => this.formFlow(),
      form: this.formRoot,
      resend: (botProof) => this.#sent && void this.session.client?.submit({ ...this.#sent, botProof }),
      submit: (submit) => void this.session.client?.submit(submit),
    });
    // What was sent is kept only while its answer may be a bot check, which sends it again with the proof.
    const flow = this.formFlow();
    if (!flow?.pending && !flow?.botCheck) this.#sent = undefined;
    this.state = this.session.state.name;
    // A guest session shows what a guest can do here (guest.ts): sign in or up, keeping the guest's data.
    const { state } = this.session;
    this.guest = state.name === 'signed-in' && state.user.claims.is_anonymous === true;
    if (this.guest) this.#open(import('./guest.js'));
    const step = this.embeddedFlow(this.session.state)?.step;
    if (step || this.state !== 'signed-in') this.lastStep = step ?? '';
    // A provider's sign-in that ended without leaving the page (popup closed, an error) no longer shows under way.
    if (this.#picked && (this.state === 'signed-out' || this.state === 'error') && !this.#held && !this.embeddedFlow(this.session.state)?.pending) {
      this.#picked = null;
    }
    // The offer belongs to the sign-in it followed: signing out ends it.
    if (this.offering && this.state !== 'signed-in') this.offering = false;
  }

  protected override render() {
    const state = this.session.state;
    const flow = this.embeddedFlow(state);
    const panel = this.#panelShown();
    const [title, lead] = panel?.heading() ?? this.#heading(state, flow);
    // A form still loading shows its shape (no jump when it arrives); the status line then only speaks.
    const skeleton = (flow ? !this.lazy.views.value : this.#expectsForm(state)) && !panel ? this.#renderSkeleton() : null;
    return html`<div part="card" dir=${this.i18n.dir ?? nothing} lang=${this.locale || nothing}>
      <div part="header">
        <slot name="logo"></slot>
        <slot name="header">
          <h2 part="title" tabindex="-1">${title}</h2>
          ${lead ? html`<p part="lead">${lead}</p>` : nothing}
        </slot>
      </div>
      ${
        panel
          ? html`<slot name="form"></slot>`
          : flow || this.showsOffer(state)
            ? html`${this.#endedNotice(state, flow)}${this.#socialFirst(state, flow)}${skeleton ?? nothing}${this.resetShown(state)}<slot name="form"></slot>`
            : (skeleton ?? this.renderBody(state))
      }
      <p part="status" role="status" aria-live="polite" class=${this.#quietStatus(state, skeleton) ? 'visually-hidden' : nothing}>${this.statusText(state)}</p>
      <div part="footer" ?hidden=${!this.hasFooter}><slot name="footer" @slotchange=${(e: Event) => this.handleFooterChange(e)}></slot></div>
    </div>`;
  }

  // #private below: the minifier shortens these names (bundle budget).
  /** Above the form: why the session ended (renewal refused, timed out), until the user starts again. */
  #endedNotice(state: SessionState, flow: EmbeddedFlow | null) {
    const notice = state.name === 'signed-out' ? state.notice : undefined;
    return notice && !flow?.authSession && !flow?.error
      ? this.renderError(notice, ENDED_SESSIONS.has(notice.code) ? 'login.signedOutTitle' : 'error.title')
      : nothing;
  }

  /** The card's title and lead: the step's own once the later steps have loaded (embedded-steps.ts stepHeader), else the intent's. */
  #heading(state: SessionState, flow: EmbeddedFlow | null): [string, string] {
    const msg = this.i18n.msg.bind(this.i18n);
    if (this.showsOffer(state)) return [msg('offer.title'), ''];
    // Signed in: the card says so, not "Sign in / Continue to your account" above it.
    if (state.name === 'signed-in') return [msg('login.signedInTitle'), ''];
    const steps = this.lazy.steps.value;
    if (steps && flow && this.lazy.ready(flow)) return steps.stepHeader(flow, msg);
    const reauth = state.name === 'reauthenticating' && !state.flow.guest;
    return [
      msg(reauth ? 'stepup.title' : titles[flow?.intent ?? (this.intent === 'sign-up' ? 'sign-up' : 'sign-in')]),
      msg(reauth ? 'stepup.lead' : leads[flow?.intent ?? this.intent]),
    ];
  }

  /** Before discovery answers: will a form follow (embedded, hosted; no mode and a same-site OP: most likely embedded)? */
  #expectsForm(state: SessionState): boolean {
    if (state.name === 'restoring') return collectsCredentials(state.mode);
    if (state.name !== 'idle' && state.name !== 'discovering') return false;
    const mode = (state.name === 'discovering' && state.config.mode) || this.mode;
    if (mode) return collectsCredentials(mode);
    try {
      return isSameSite(location.href, this.authority);
    } catch {
      return false; // no authority yet
    }
  }

  /**
   * The email step's shape while its code loads: label, field, button (and "or" with the passkey button,
   * and the sign-up line), as tall as the form that replaces it. Hidden from screen readers: the status
   * line says "Loading sign-in…" once.
   */
  #renderSkeleton() {
    const line = html`<span class="line"></span>`;
    const box = html`<span class="box"></span>`;
    return html`<div part="skeleton" aria-hidden="true">
      <span class="field"><span class="label"></span>${box}</span>${box}${this.passkeys ? [line, box] : nothing}${line}
    </div>`;
  }

  /** The status line speaks without showing when something else already shows the wait: a skeleton, or a busy button. */
  #quietStatus(state: SessionState, skeleton: unknown): boolean {
    return !!skeleton || !!this.embeddedFlow(state)?.pending || beforeFirstScreen(state);
  }

  /**
   * The embedded flow to show, or null when this element shows buttons (redirect, popup, other states).
   * Before discovery answers, a mode set to embedded or hosted already shows its first step: typing starts
   * at once, and a submit waits for discovery (the client holds it).
   */
  private embeddedFlow(state: SessionState): EmbeddedFlow | null {
    if (state.name === 'reauthenticating') return state.flow;
    if (beforeFirstScreen(state)) {
      const mode = state.name === 'restoring' ? state.mode : (state.name === 'discovering' && state.config.mode) || this.mode;
      return mode && collectsCredentials(mode) ? this.#heldShown(newFlow(this.intent, this.loginHint)) : null;
    }
    if (state.name !== 'signed-out' || !collectsCredentials(state.mode)) return null;
    return this.#heldShown(state.flow ?? newFlow(this.intent, this.loginHint));
  }

  /** The client holds the user's submit (discovery or the flow's code on its way): the form shows it under way. */
  #heldShown(flow: EmbeddedFlow): EmbeddedFlow {
    return this.#held && !flow.pending ? { ...flow, pending: true } : flow;
  }

  /** The client holds an action of the user's until what it needs has arrived (ciam-client.ts). */
  get #held(): boolean {
    return !!this.session.client?.holding;
  }

  /**
   * Whether sign-up is offered: known once discovery answered; before, `reserved` keeps its place in the card
   * (invisible), so the card does not grow when it appears. <ciam-signup> shows its button at once.
   */
  #signUp(state: SessionState): boolean | 'reserved' {
    if (state.name === 'idle' || state.name === 'discovering') return this.intent === 'sign-up' || 'reserved';
    return 'signUp' in state && !!state.signUp;
  }

  /** The flow whose form is on screen: the views it needs have loaded. */
  private formFlow(): EmbeddedFlow | null {
    const flow = this.embeddedFlow(this.session.state);
    return flow && this.lazy.ready(flow) ? flow : null;
  }

  /** Passkey sign-in is possible here: the browser has WebAuthn and the page did not say `no-passkeys`. */
  private get passkeys(): boolean {
    return !this.noPasskeys && typeof globalThis.PublicKeyCredential === 'function';
  }

  /** Shadow DOM, then the light-DOM form, so both are in place when the controllers look (focus, autofill). */
  protected override update(changed: PropertyValues<this>) {
    super.update(changed);
    this.renderForm();
  }

  private renderBody(state: SessionState) {
    switch (state.name) {
      case 'signed-in':
        // Focus comes here after signing in in this element (controllers/focus.ts); after a password reset it confirms the change.
        return html`<p part="signed-in" role="status" tabindex="-1">
          ${this.i18n.msg(this.lastStep === 'recovery-code' ? 'recovery.done' : 'login.status.signedIn', { name: state.user.name ?? state.user.email ?? state.user.sub })}
        </p>`;
      case 'error':
        return html`${this.renderError(state.error)}
          <div part="actions">
            <button part="button primary-button retry-button" class="button primary" type="button" @click=${() => this.handleRetry()}>
              ${this.i18n.msg('login.retry')}
            </button>
          </div>`;
      case 'signed-out':
        return html`${this.#endedNotice(state, null)}${this.renderActions(this.#held, !!state.signUp)}`;
      case 'idle':
      case 'discovering':
      case 'restoring':
        // The buttons take a click at once; it signs in once discovery has answered (and no stored session came back).
        return this.renderActions(this.#held, this.#signUp(state));
      default:
        return this.renderActions(true, this.#signUp(state));
    }
  }

  /** Redirect and popup modes: buttons to the OP's pages; sign-up first in <ciam-signup>; `reserved`: its place kept, unseen. */
  private renderActions(busy: boolean, canSignUp: boolean | 'reserved') {
    const social = this.#renderSocial(busy);
    // A provider's button shows its own sign-in under way; the others only wait.
    const spinner = busy && !this.#picked ? html`<span class="spinner" aria-hidden="true"></span>` : nothing;
    const signUpFirst = canSignUp === true && this.intent === 'sign-up';
    const signIn = html`<button part="button ${signUpFirst ? '' : 'primary-button'} sign-in-button" class="button ${signUpFirst ? '' : 'primary'}" type="button" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${() => this.handleSignIn()}>
      ${signUpFirst ? nothing : spinner}${this.i18n.msg('login.signIn')}
    </button>`;
    const signUp = html`<button part="button ${signUpFirst ? 'primary-button' : ''} sign-up-button" class="button ${signUpFirst ? 'primary' : ''}" type="button" ?disabled=${busy} @click=${() => this.handleSignUp()}>
      ${signUpFirst ? spinner : nothing}${this.i18n.msg('login.signUp')}
    </button>`;
    if (!canSignUp) return html`<div part="actions">${social}${signIn}</div>`;
    const divider = html`<div part="divider">${this.i18n.msg(signUpFirst ? 'signup.haveAccount' : 'login.signUpLead')}</div>`;
    if (signUpFirst) return html`<div part="actions">${social}${signUp}${divider}${signIn}</div>`;
    // One template whether sign-up is known or only its place kept: when discovery says, only attributes change (no new layout).
    const reserved = canSignUp === 'reserved';
    return html`<div part="actions">${social}${signIn}<div class=${reserved ? 'reserved' : 'then'} aria-hidden=${reserved ? 'true' : nothing} ?inert=${reserved}>${divider}${signUp}</div></div>`;
  }

  /** Embedded: the providers above the form's first step (sign-in or sign-up), not on later steps or recovery. */
  #socialFirst(state: SessionState, flow: EmbeddedFlow | null) {
    if (!flow || (flow.step !== 'identifier' && flow.step !== 'signup') || state.name === 'reauthenticating') return nothing;
    return this.#renderSocial(!!flow.pending || (state.name !== 'signed-out' && !beforeFirstScreen(state)));
  }

  /** "Continue with …" for each configured provider, then "or"; nothing when none is configured. */
  #renderSocial(waiting: boolean) {
    const providers = this.#providers();
    if (providers.length === 0) return nothing;
    const msg = this.i18n.msg.bind(this.i18n);
    return html`${renderSocial({
      providers,
      busy: this.#picked,
      disabled: waiting || !!this.#picked,
      label: msg('social.label'),
      continueWith: (name) => msg('social.continueWith', { name }),
      pick: (provider) => this.#signInWith(provider),
    })}
      <div part="divider social-divider">${msg('social.or')}</div>`;
  }

  #parsedSocial: [string, SocialProvider[]] = ['', []];
  #providers(): SocialProvider[] {
    if (this.#parsedSocial[0] !== this.social) this.#parsedSocial = [this.social, parseSocial(this.social)];
    return this.#parsedSocial[1];
  }

  #signInWith(provider: SocialProvider) {
    this.#picked = provider.id;
    this.requestUpdate();
    const state = this.session.state;
    // On the OP's own page the OP starts the upstream sign-in itself (action=federate); elsewhere a sign-in at the OP with the hint.
    if ((state.name === 'signed-out' ? state.mode : this.mode) === 'hosted') void this.session.client?.submit({ kind: 'federate', idp: provider.id });
    else this.session.client?.signIn({ ...this.signInOptions(), idp: provider.id });
  }

  /** `title`: "Sign-in did not work", or for a session that ended on its own, "You were signed out". */
  private renderError(error: CiamErrorData, title: 'error.title' | 'login.signedOutTitle' = 'error.title') {
    const message = this.i18n.msg(`error.${error.code}`, { seconds: error.retryAfterSeconds ?? 30 });
    return html`<div part="error" role="alert" tabindex="-1">
      <span part="error-title">${this.i18n.msg(title)}</span>
      <p part="error-message">${message}</p>
    </div>`;
  }

  private statusText(state: SessionState): string {
    const flow = this.embeddedFlow(state);
    if (flow && !this.lazy.views.value) return this.i18n.msg('login.status.loading');
    if (flow?.pending) return this.i18n.msg('form.busy');
    switch (state.name) {
      case 'idle':
      case 'discovering':
      case 'restoring':
        // The buttons or the form already work; only a wait the user would notice is worth saying.
        return this.#held || (!flow && this.#expectsForm(state)) ? this.i18n.msg('login.status.loading') : '';
      case 'completing':
        return this.i18n.msg('login.status.completing');
      case 'signing-in':
        return this.i18n.msg(state.request.via === 'popup' ? 'login.status.popup' : 'login.status.redirecting');
      case 'signing-out':
        return this.i18n.msg('login.status.signingOut');
      default:
        return '';
    }
  }

  /** Embedded steps go into the light DOM (formRoot), where autofill and password managers see them. */
  private renderForm() {
    const state = this.session.state;
    const flow = this.embeddedFlow(state);
    const views = this.lazy.views.value;
    const panel = this.#panelShown();
    if (panel && views) {
      views.adoptLightStyles(this.getRootNode() as Document | ShadowRoot);
      this.attachFormRoot();
      render(panel.render(this.ids.error), this.formRoot, { host: this });
      return;
    }
    if (flow && !this.lazy.ready(flow)) return; // keeps the last form until its views have loaded
    if (!flow && this.showsOffer(state) && views && this.offer) {
      views.adoptLightStyles(this.getRootNode() as Document | ShadowRoot);
      this.attachFormRoot();
      render(this.offer.render(this.ids.error), this.formRoot, { host: this });
      return;
    }
    if (flow && views) {
      views.adoptLightStyles(this.getRootNode() as Document | ShadowRoot);
      this.attachFormRoot();
    }
    render(flow && views ? views.renderStep(this.view(state, flow), this.lazy.steps.value ?? null) : nothing, this.formRoot, { host: this });
  }

  /** What a step's template gets: the flow, texts and the user's intents. */
  private view(state: SessionState, flow: EmbeddedFlow): EmbeddedView {
    return {
      flow,
      ids: this.ids,
      now: Date.now(),
      msg: (id, params) => this.i18n.msg(id, params),
      submit: (submit, note = {}) => {
        this.noteForm(note);
        this.#sent = submit;
        void this.session.client?.submit(submit);
      },
      navigate: (intent) => {
        this.noteForm({});
        this.session.client?.navigate(intent);
      },
      note: this.note,
      refuse: (note) => this.noteForm(note),
      canSignUp: state.name === 'reauthenticating' && !state.flow.guest ? false : this.#signUp(state),
      cancel: state.name === 'reauthenticating' ? () => this.session.client?.cancelStepUp() : undefined,
      passkeys: this.passkeys && (state.name === 'signed-out' || beforeFirstScreen(state) || !!flow.guest),
      bot: this.botCheck?.status,
      guestData: this.guestData,
    };
  }

  /** A new note shows at once when it has problems or replaces one that showed something; else with the next state. */
  private noteForm(note: FormNote) {
    if (note.problems || this.note.problems || this.note.resent) this.requestUpdate();
    this.note = note;
  }

  /**
   * The light-DOM form container joins the element when it first has something to show, not on
   * connect: until then a server-rendered element keeps the children the server wrote, which React
   * checks when it hydrates (an extra child is a hydration mismatch).
   */
  private attachFormRoot() {
    if (this.formRoot.parentNode !== this) this.append(this.formRoot);
  }

  /** A password reset's confirmation stays above the passkey offer that may follow it. */
  private resetShown(state: SessionState) {
    return this.showsOffer(state) && this.lastStep === 'recovery-code' ? this.renderBody(state) : nothing;
  }

  private showsOffer(state: SessionState): boolean {
    return this.offering && state.name === 'signed-in';
  }

  // Fire and forget: the listener has nothing to wait for; offerPasskey() answers a failed load itself.
  private readonly handleSignedIn = (e: Event) => void this.offerPasskey((e as CiamSignedInEvent).detail);

  /** Offers a passkey after a fresh sign-in that used none, once per user and page, unless declined before (offer.ts). */
  private async offerPasskey({ user, restored }: CiamSignedInEvent['detail']) {
    if (
      restored ||
      user.claims.is_anonymous === true ||
      !this.passkeysEndpoint ||
      typeof globalThis.PublicKeyCredential !== 'function' ||
      this.offer?.sub === user.sub
    )
      return;
    // Offline, the offer's code does not load: no offer this time (the next sign-in tries again), not an unhandled rejection.
    const loaded = await Promise.all([import('./offer.js'), this.lazy.views.load()]).catch(() => null);
    if (!loaded) return;
    const [{ startOffer }] = loaded;
    this.offer = startOffer(this, user, {
      passkeys: () => this.session.client!.passkeys(this.passkeysEndpoint),
      msg: (id, params) => this.i18n.msg(id, params),
      errorSummary: this.lazy.views.value!.errorSummary,
    });
  }

  private handleFooterChange(e: Event) {
    this.hasFooter = (e.target as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0;
  }

  private handleSignIn() {
    this.session.client?.signIn(this.signInOptions());
  }

  private handleSignUp() {
    this.session.client?.signIn({ ...this.signInOptions(), intent: 'sign-up' });
  }

  private handleRetry() {
    this.session.client?.retry();
  }

  private signInOptions() {
    const via = this.mode === 'redirect' || this.mode === 'popup' ? this.mode : undefined;
    // The OP's pages in the language this element shows (it may have changed since the client started).
    return { via, returnTo: this.returnTo || undefined, uiLocales: this.i18n.locale };
  }
}
