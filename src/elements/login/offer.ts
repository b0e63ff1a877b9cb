/**
 * The passkey offer after a password or email-code sign-in. Loaded only
 * then (never before the user's first action), with the forms' styles and
 * messages already in place.
 */
import { html, nothing } from 'lit';
import type { PasskeyManager, PasskeyResult } from '../../client/passkeys-api.js';
import type { SessionUser } from '../../core/states.js';
import type { EmbeddedView } from './embedded.js';
import type { CiamLogin } from './login.js';
import { initialOffer, offerState, type OfferEvent, type OfferState } from './offer-state.js';

import { enOffer } from '../../i18n/en-offer.js';
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
}

/** The passkey code could not load (offline): an error like any other, and "Create" can be pressed again. */
const notLoaded = (error: unknown): PasskeyResult<never> => ({
  ok: false,
  error: { code: 'network', detail: `could not load the passkey code: ${String(error)}` },
});

/** One offer to one signed-in user: dispatches to offer-state.ts and renders its state. */
export class PasskeyOffer {
  private state: OfferState = initialOffer;

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
  }

  private async create() {
    this.dispatch({ type: 'create.started' });
    const result = await this.host.passkeys().then((passkeys) => passkeys.create(), notLoaded);
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
      return html`<div class="ciam-form"><p class="ciam-note" role="status">${msg('offer.done')}</p>
        <button class="ciam-button ciam-button-primary" type="button" @click=${() => this.dismiss()}>${msg('offer.close')}</button></div>`;
    }
    const busy = phase === 'creating';
    return html`<div class="ciam-form">${summary}
      <p class="ciam-note">${msg(busy ? 'offer.creating' : 'offer.lead')}</p>
      <button class="ciam-button ciam-button-primary" type="button" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${() => void this.create()}>${msg('offer.create')}</button>
      <button class="ciam-link" type="button" ?disabled=${busy} @click=${() => this.dismiss()}>${msg('offer.later')}</button>
    </div>`;
  }
}

/** The offer for this sign-in, or null when it does not apply (a passkey was used, or declined before). */
export function startOffer(element: CiamLogin, user: SessionUser, session: Pick<OfferHost, 'passkeys' | 'msg' | 'errorSummary'>): PasskeyOffer | null {
  if (!offerApplies(user)) return null;
  addDefaultMessages('en', enOffer);
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
  };
  return new PasskeyOffer(host, user.sub);
}
