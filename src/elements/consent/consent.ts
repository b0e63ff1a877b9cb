import { elementJourney } from '../shared/journey.js';
import { adoptStyles, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Consents, ConsentsApi, Purpose, Receipt } from '../../client/consents-api.js';
import type { Decision } from '../../core/scope-consent.js';
import { addDefaultMessages, errorMessage, type MessageId } from '../../i18n/index.js';
import { enSession } from '../../i18n/en-session.js';
import { accountCardStyles } from '../shared/account-card.styles.js';
import { ApiCallController } from '../shared/api-call.js';
import { accountApi } from '../shared/lazy-api.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';
import { accountHolder } from '../../core/states.js';

/**
 * @tag ciam-consent
 * @summary The signed-in user's agreements: the required documents (terms, privacy policy) with their version, a
 * link to read them and, after a new version, what changed and what was agreed before; optional purposes
 * (marketing, analytics, …) each granted or withdrawn on its own with one click; and a receipt for every decision,
 * downloadable as signed by the OP. While a required document's current version is not agreed to, the element says
 * "Before you continue" and reflects `blocking` (the page decides what waits).
 *
 * With `mode="hosted"`, the OP's own page asking for access instead: "{client} would like to:" with the requested
 * scopes, each optional one a checkbox the user may untick, and Allow or Deny, posted to `endpoint` (the OP's
 * interaction), which answers where the browser goes on.
 * @attr {'account' | 'hosted'} mode - `account` (default: the user's agreements) or `hosted` (the OP's request for access).
 * @attr endpoint - Base URL of the consent API (e.g. `https://id.example.com/api/consents`); with `mode="hosted"`,
 *   where the decision is posted (same origin as the page).
 * @attr client-name - Hosted: the app asking.
 * @attr scopes - Hosted: the requested scopes, space-separated.
 * @attr required-scopes - Hosted: the scopes that are not up to the user (default `openid`).
 * @attr account - Hosted: who is signed in (shown as "Signed in as …").
 * @attr authority - Issuer URL of the OP (optional when the page has one client).
 * @attr client-id - OAuth client_id at the OP.
 * @attr blocking - Reflected, read-only: a required document's current version is not agreed to.
 * @fires {CiamConsentChangedEvent} ciam-consent-changed - A decision was recorded. detail: { purpose, action, version, receipt }
 * @fires {CiamJourneyEvent} ciam-journey - The consent step and its outcome, never which purpose or scope (README,
 *   "Journey events").
 * @csspart card - The box.
 * @csspart title - The heading ("Before you continue" while `blocking`).
 * @csspart lead - The line under it.
 * @csspart error - Why the last action failed (role=alert).
 * @csspart status - The live status line.
 * @csspart empty - Shown while signed out, loading, or without receipts.
 * @csspart list - The purposes; hosted: the requested scopes. Also the receipts.
 * @csspart item - A purpose, scope or receipt.
 * @csspart name - Its name.
 * @csspart badge - "Required" or "Optional".
 * @csspart meta - Its version, when it was agreed to, or the receipt's date.
 * @csspart document-link - "Read" the document's current version.
 * @csspart changes-link - What changed in a new version.
 * @csspart item-actions - The buttons of a purpose or receipt.
 * @csspart switch-label - An optional purpose's label, around its switch and name.
 * @csspart switch - An optional purpose's on/off switch (a checkbox with role=switch).
 * @csspart section-title - A heading inside the card (also `receipts-title`).
 * @csspart receipts-title - The heading over the receipts.
 * @csspart receipts - The list of receipts (also `list`).
 * @csspart receipt - A receipt (also `item`).
 * @csspart button - Every button.
 * @csspart primary-button - The button that goes on: "Agree", or hosted "Allow".
 * @csspart agree-button - Agrees to a document's current version.
 * @csspart withdraw-button - Withdraws an agreement.
 * @csspart download-button - Downloads a receipt as the OP signed it.
 * @csspart scopes - Hosted: the requested scopes (also `list`).
 * @csspart choice-label - Hosted: an optional scope's label, around its checkbox and name.
 * @csspart choice - Hosted: an optional scope's checkbox.
 * @csspart hint - Hosted: says the optional scopes may be unticked.
 * @csspart account - Hosted: "Signed in as …".
 * @csspart actions - Hosted: Allow and Deny.
 * @csspart allow-button - Hosted: allows the request.
 * @csspart deny-button - Hosted: denies it.
 * @cssprop --ciam-card-width - Maximum card width.
 * @cssprop --ciam-card-shadow - Card shadow (`box-shadow`).
 * @slot header - Hosted: replaces the title (the OP's page has its own heading).
 * @slot scope-<name> - Hosted: the OP's own words for what a scope shares (e.g. `scope-profile`).
 */
export class CiamConsent extends CiamElement {
  static override styles = [baseStyles, shadowControls, cardStyles, accountCardStyles];

  @property({ reflect: true }) mode: 'account' | 'hosted' = 'account';
  @property() endpoint = '';
  @property({ attribute: 'client-name' }) clientName = '';
  @property() scopes = '';
  @property({ attribute: 'required-scopes' }) requiredScopes = 'openid';
  @property() account = '';
  /** A consent API to use instead of `endpoint` (tests, stories, custom backends). */
  @property({ attribute: false }) api: ConsentsApi | undefined;
  @property({ type: Boolean, reflect: true }) blocking = false;

  @state() private consents: Consents | null = null;
  /** The account card's view (its list, receipts and look), loaded with the element. */
  @state() private accountView: typeof import('./consent-account.js') | null = null;
  /** Hosted: the request's view, loaded with the mode. */
  @state() private requestView: typeof import('./consent-request.js') | null = null;
  /** Hosted: the optional scopes the user unticked. */
  @state() private declined = new Set<string>();
  /** Hosted: the answer was taken and the page is going on to the OP's next step. */
  @state() private leaving = false;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly call: ApiCallController = new ApiCallController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });
  private boundTo: unknown[] = [];
  /** The view on its way, and which; a failed load (offline) is forgotten, so the next update tries again. */
  private loadingView: Promise<void> | null = null;
  private loadingFor: 'hosted' | 'account' | null = null;

  constructor() {
    super();
    addDefaultMessages('en', enSession);
  }

  protected override willUpdate() {
    if (this.mode === 'hosted') {
      if (!this.requestView)
        this.loadView('hosted', () =>
          import('./consent-request.js').then((view) => {
            // The view brings its own look: the account card's styles plus the request's.
            adoptStyles(this.renderRoot as ShadowRoot, [...CiamConsent.elementStyles, view.requestStyles]);
            this.requestView = view;
          }),
        );
      return;
    }
    if (!this.accountView)
      this.loadView('account', () =>
        import('./consent-account.js').then((view) => {
          adoptStyles(this.renderRoot as ShadowRoot, [...CiamConsent.elementStyles, view.accountStyles]);
          this.accountView = view;
        }),
      );
    const state = this.session.state;
    const who = accountHolder(state)?.sub ?? null;
    const key = [who, this.session.client, this.api ?? this.endpoint];
    if (!key.every((value, i) => value === this.boundTo[i])) {
      this.boundTo = key;
      this.consents = null;
      if (who && this.apiNow()) void this.load();
    }
    this.blocking = (this.consents?.outdated.length ?? 0) > 0;
  }

  private loadView(which: 'hosted' | 'account', load: () => Promise<void>) {
    if (this.loadingFor === which) return;
    this.loadingFor = which;
    this.loadingView = load().catch(() => {
      this.loadingView = null;
      this.loadingFor = null;
    });
  }

  /** Includes the view's arrival, so a fixture, a story or an app sees the card rather than its placeholder. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.loadingView;
    return super.getUpdateComplete();
  }

  protected override render() {
    if (this.mode === 'hosted') return this.renderRequest();
    const view = this.accountView;
    if (!view) return html`<section part="card" aria-busy="true"></section>`;
    return view.renderAccount({
      signedIn: !!accountHolder(this.session.state),
      consents: this.consents,
      blocking: this.blocking,
      busy: this.call.busy,
      status: this.call.status,
      error: this.renderError(),
      dir: this.i18n.dir,
      locale: this.i18n.locale,
      msg: (id, params) => this.msg(id, params),
      decide: (purpose, action) => void this.decide(purpose, action),
      download: (receipt) => void this.download(receipt),
    });
  }

  private renderRequest() {
    const view = this.requestView;
    if (!view) return html`<section part="card" aria-busy="true"></section>`;
    return view.renderRequest({
      dir: this.i18n.dir,
      clientName: this.clientName,
      account: this.account,
      scopes: this.scopes,
      requiredScopes: this.requiredScopes,
      declined: this.declined,
      busy: this.call.busy || this.leaving,
      error: this.renderError(),
      status: this.call.status,
      msg: (id, params) => this.msg(id, params),
      toggle: (scope) => {
        const declined = new Set(this.declined);
        if (!declined.delete(scope)) declined.add(scope);
        this.declined = declined;
      },
      decide: (decision) => void this.answerRequest(decision),
    });
  }

  private async answerRequest(decision: Decision) {
    const view = this.requestView;
    if (!view || this.leaving) return;
    const journey = this.journey();
    const answer = await this.call.run(() =>
      view.sendDecision(new URL(this.endpoint, location.href).href, decision, {
        scopes: this.scopes,
        requiredScopes: this.requiredScopes,
        declined: this.declined,
      }),
    );
    journey(
      this.call.error
        ? { type: 'outcome', outcome: 'error', code: this.call.error.code }
        : { type: 'outcome', outcome: decision === 'deny' ? 'cancelled' : 'ok' },
    );
    if (!answer.ok) return; // the message shows and takes focus; the choices stay, and the buttons work again
    this.leaving = true;
    this.call.status = this.msg('consent.continuing');
    location.assign(answer.value);
  }

  private renderError() {
    return this.call.error
      ? html`<div part="error" role="alert" tabindex="-1">${errorMessage((id, params) => this.msg(id, params), this.call.error)}</div>`
      : nothing;
  }

  private apiNow(): ConsentsApi | null {
    return accountApi(
      { api: this.api, endpoint: this.endpoint, client: this.session.client },
      () => import('../../client/consents-api.js').then((m) => m.consentsApi),
      'consent',
      ['list', 'decide', 'signedReceipt'],
    );
  }

  private async load() {
    const key = this.boundTo;
    const answer = await this.call.run(() => this.apiNow()!.list());
    if (key === this.boundTo && answer.ok) this.consents = answer.value;
  }

  /** Reads the list again, leaving the message and status as they are. */
  private async refresh() {
    const key = this.boundTo;
    try {
      const consents = await this.apiNow()!.list();
      if (key === this.boundTo) this.consents = consents;
    } catch {
      // The message shown stands; the next action reads again.
    }
  }

  /** `ciam-journey` for one decision: the consent step, then how it went (never which purpose or scope). */
  private journey() {
    const journey = elementJourney((detail) => this.emit('ciam-journey', detail), 'ciam-consent');
    journey({ type: 'step', step: 'consent' });
    return journey;
  }

  private async decide(purpose: Purpose, action: 'grant' | 'withdraw') {
    const journey = this.journey();
    const answer = await this.call.run(() => this.apiNow()!.decide(purpose.id, action, action === 'grant' ? purpose.version : undefined));
    journey(answer.ok ? { type: 'outcome', outcome: 'ok' } : { type: 'outcome', outcome: 'error', code: this.call.error?.code ?? 'unknown' });
    if (!answer.ok) {
      if (this.call.error?.code === 'version_changed') await this.refresh(); // the new version shows, under the message; read, then agree again
      return;
    }
    const receipt = answer.value;
    this.emit('ciam-consent-changed', { purpose: purpose.id, action, version: receipt.version ?? null, receipt });
    await this.load();
    this.call.status = this.msg('consent.saved');
    await this.updateComplete;
    this.refocus(purpose.id);
  }

  /**
   * The control pressed was disabled while the call ran (focus fell to the body) or replaced ("I agree"
   * became "Withdraw"): focus goes to that purpose's control as it is now, unless the user went elsewhere.
   */
  private refocus(id: string) {
    if (document.activeElement !== document.body && !this.matches(':focus-within')) return;
    this.renderRoot.querySelector<HTMLElement>(`[part="item"][data-id="${CSS.escape(id)}"] :is([part~="switch"], button)`)?.focus();
  }

  /** The receipt as the OP signed it (compact JWS), saved as a file. */
  private async download(receipt: Receipt) {
    const answer = await this.call.run(() => this.apiNow()!.signedReceipt(receipt.id));
    if (!answer.ok) return;
    const url = URL.createObjectURL(new Blob([answer.value], { type: 'application/jose' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `consent-receipt-${receipt.id}.jws` });
    this.renderRoot.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private msg(id: MessageId, params?: Record<string, string | number>) {
    return this.i18n.msg(id, params);
  }
}
