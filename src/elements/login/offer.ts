/**
 * The passkey offer after a password or email-code sign-in. Loaded only
 * then (never before the user's first action), with the forms' styles and
 * messages already in place. Focus never drops to the page: after creating,
 * to "Done" (described by the confirmation); after a failure, to its error;
 * after a closed prompt, back to "Create"; once closed, to the signed-in line
 * that <ciam-login> shows next.
 */
import { html, nothing } from 'lit';
import type { PasskeyManager, PasskeyResult } from '../../client/passkeys-api.js';
import type { SessionUser } from '../../core/states.js';
import type { EmbeddedView } from './embedded.js';
import type { CiamLogin } from './login.js';
import { initialOffer, offerState, type OfferEvent, type OfferState } from './offer-state.js';
import { currentBrowser, defaultPasskeyName, describeDevice } from '../passkey/passkey-name.js';

import { enOffer } from '../../i18n/en-offer.js';
import { enPasskeyName } from '../../i18n/en-passkey.js';
import { addDefaultMessages, errorMessage } from '../../i18n/index.js';

/** "Not now" is remembered per user (not a token: localStorage is fine; without storage we simply ask again). */
const offerKey = (sub: string) => `ciam.passkey-offer.${sub}`;

/** Worth offering: the user signed in without a passkey and has not declined for this browser. */
export function offerApplies(user: SessionUser): boolean {
  const amr = Array.isArray(user.claims.amr) ? user.claims.amr : [];
  if (amr.includes('webauthn')) return false;
  try {
    return globalThis.localStorage?.getItem(offerKey(user.sub)) !== 'declined';
  } catch {
    return true;
  }
}

export function declineOffer(sub: string) {
  try {
    globalThis.localStorage?.setItem(offerKey(sub), 'declined');
  } catch {
    // private mode or blocked storage: the offer comes back next time, nothing breaks
  }
}

/** What the offer needs from its <ciam-login>. */
export interface OfferHost {
  offering: boolean;
  requestUpdate(): void;
  /** The client's passkeys at the element's `passkeys-endpoint` (`client.passkeys()`, which creates them). */
  passkeys(): Promise<PasskeyManager>;
  msg: EmbeddedView['msg'];
  /** The forms' error summary (from the already loaded forms chunk, so this chunk stays small). */
  errorSummary: (id: string, title: string, messages: string[]) => unknown;
  /** Resolves once the element has rendered what the offer asked for. */
  rendered(): Promise<unknown>;
  /** The element's light DOM (the offer's buttons) and shadow root (what it shows once the offer closes). */
  lightRoot: ParentNode;
  shadowRoot: ParentNode | null;
  /** For the date in a default passkey name. */
  locale(): string;
}

/** The passkey code could not load (offline): an error like any other, and "Create" can be pressed again. */
const notLoaded = (error: unknown): PasskeyResult<never> => ({
  ok: false,
  error: { code: 'network', detail: `could not load the passkey code: ${String(error)}` },
});

/** One offer to one signed-in user: dispatches to offer-state.ts and renders its state. */
export class PasskeyOffer {
  private state: OfferState = initialOffer;
  /** The names of the user's passkeys, asked for while the offer shows, so the new one's name is unique. */
  private names: Promise<string[]> | null = null;

  constructor(
    private readonly host: OfferHost,
    readonly sub: string,
  ) {
    host.offering = true;
  }

  private dispatch(event: OfferEvent) {
    this.state = offerState(this.state, event);
    if (this.state.phase === 'closed') this.host.offering = false;
    else this.host.requestUpdate();
    this.moveFocus(event);
  }

  /** Where focus goes once the element shows the new phase (the button pressed is gone or disabled). */
  private moveFocus(event: OfferEvent) {
    const { phase, error } = this.state;
    const { lightRoot, shadowRoot } = this.host;
    const target =
      phase === 'closed'
        ? () => signedInLine(shadowRoot)
        : event.type !== 'create.answered'
          ? null
          : phase === 'done'
            ? () => lightRoot.querySelector<HTMLElement>('[data-offer="close"]')
            : error
              ? () => lightRoot.querySelector<HTMLElement>('.ciam-error')
              : () => lightRoot.querySelector<HTMLElement>('[data-offer="create"]');
    if (target) void this.host.rendered().then(() => target()?.focus());
  }

  /** Lists the user's passkeys once, for their names; without the list the name is still this browser's. */
  existingNames(): Promise<string[]> {
    return (this.names ??= this.host.passkeys().then(
      (passkeys) => passkeys.list().then((result) => (result.ok ? result.value.map((p) => p.name) : [])),
      () => [],
    ));
  }

  private async create() {
    this.dispatch({ type: 'create.started' });
    const msg = this.host.msg;
    const name = defaultPasskeyName(describeDevice(currentBrowser()), await this.existingNames(), {
      device: (browser, os) => msg('passkey.defaultName', { browser, os }),
      dated: () => msg('passkey.defaultNameDated', { date: new Intl.DateTimeFormat(this.host.locale(), { dateStyle: 'medium' }).format(new Date()) }),
    });
    const result = await this.host.passkeys().then((passkeys) => passkeys.create(name), notLoaded);
    if (result.ok) declineOffer(this.sub); // created: no need to ask again
    this.dispatch({ type: 'create.answered', result });
  }

  private dismiss() {
    this.dispatch({ type: 'dismissed' });
    if (this.state.phase === 'closed') declineOffer(this.sub);
  }

  render(errorId: string) {
    const msg = this.host.msg;
    const { phase, error } = this.state;
    const summary = error ? this.host.errorSummary(errorId, msg('form.problem'), [errorMessage(msg, error)]) : nothing;
    if (phase === 'done') {
      // Focus goes to "Done", which the confirmation describes, so a screen reader reads both.
      return html`<div class="ciam-form"><p class="ciam-note" role="status" id="${errorId}-offer-done">${msg('offer.done')}</p>
        <button class="ciam-button ciam-button-primary" type="button" data-offer="close" aria-describedby="${errorId}-offer-done" @click=${() => this.dismiss()}>${msg('offer.close')}</button></div>`;
    }
    const busy = phase === 'creating';
    return html`<div class="ciam-form">${summary}
      <p class="ciam-note">${msg(busy ? 'offer.creating' : 'offer.lead')}</p>
      <button class="ciam-button ciam-button-primary" type="button" data-offer="create" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${() => void this.create()}>${msg('offer.create')}</button>
      <button class="ciam-link" type="button" ?disabled=${busy} @click=${() => this.dismiss()}>${msg('offer.later')}</button>
    </div>`;
  }
}

/** The offer for this sign-in, or null when it does not apply (a passkey was used, or declined before). */
export function startOffer(element: CiamLogin, user: SessionUser, session: Pick<OfferHost, 'passkeys' | 'msg' | 'errorSummary'>): PasskeyOffer | null {
  if (!offerApplies(user)) return null;
  addDefaultMessages('en', { ...enOffer, ...enPasskeyName });
  const host: OfferHost = {
    get offering() {
      return element.offering;
    },
    set offering(on: boolean) {
      element.offering = on;
    },
    requestUpdate: () => element.requestUpdate(),
    passkeys: session.passkeys,
    msg: session.msg,
    errorSummary: session.errorSummary,
    rendered: () => element.updateComplete,
    lightRoot: element,
    shadowRoot: element.shadowRoot,
    locale: () => element.locale || element.closest<HTMLElement>('[lang]')?.lang || 'en',
  };
  const offer = new PasskeyOffer(host, user.sub);
  void offer.existingNames(); // asked while the offer shows, so "Create" does not wait for it
  return offer;
}

/**
 * The line <ciam-login> shows once signed in: it takes focus when the offer closes. A status line is not
 * focusable by itself; tabindex=-1 makes it a target for focus() only, never a Tab stop.
 */
function signedInLine(root: ParentNode | null): HTMLElement | null {
  const line = root?.querySelector<HTMLElement>('[part~="signed-in"]') ?? null;
  if (line && !line.hasAttribute('tabindex')) line.tabIndex = -1;
  return line;
}
