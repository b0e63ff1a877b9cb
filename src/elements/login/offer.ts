/**
 * The passkey offer after a password or email-code sign-in. Loaded only
 * then (never before the user's first action), with the forms' styles and
 * messages already in place.
 */
import { html, nothing } from 'lit';
import { passkeyApi } from '../../client/passkeys-api.js';
import { CiamError, type CiamErrorData } from '../../core/errors.js';
import type { SessionUser } from '../../core/states.js';
import type { EmbeddedView } from './embedded.js';
import type { CiamLogin } from './login.js';

import { enOffer } from '../../i18n/en-offer.js';
import { addDefaultMessages } from '../../i18n/index.js';

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

export type OfferOutcome = { done: true } | { done: false; error?: CiamErrorData };

/** Options from the passkey API, the browser's ceremony, the new passkey back to the API. */
export async function createPasskeyAt(endpoint: string, authorizedFetch: (input: string, init?: RequestInit) => Promise<Response>): Promise<OfferOutcome> {
  try {
    const api = passkeyApi(endpoint, authorizedFetch);
    const options = await api.creationOptions();
    const webauthn = await import('../../connectors/webauthn-register.js');
    const result = await webauthn.createPasskey(options as never);
    if (!result.ok) return result.cancelled ? { done: false } : { done: false, error: result.error };
    await api.register(result.response);
    return { done: true };
  } catch (error) {
    return { done: false, error: error instanceof CiamError ? error.toData() : { code: 'unknown', detail: String(error) } };
  }
}

/** What the offer needs from its <ciam-login>. */
export interface OfferHost {
  readonly passkeysEndpoint: string;
  offering: boolean;
  requestUpdate(): void;
  fetch(input: string, init?: RequestInit): Promise<Response>;
  msg: EmbeddedView['msg'];
  /** The forms' error summary (from the already loaded forms chunk, so this chunk stays small). */
  errorSummary: (id: string, title: string, messages: string[]) => unknown;
}

/** One offer to one signed-in user: its phase, its error, its view. */
export class PasskeyOffer {
  private phase: 'idle' | 'creating' | 'done' = 'idle';
  private error: CiamErrorData | undefined;

  constructor(
    private readonly host: OfferHost,
    readonly sub: string,
  ) {
    host.offering = true;
  }

  private async create() {
    this.phase = 'creating';
    this.error = undefined;
    this.host.requestUpdate();
    const outcome = await createPasskeyAt(this.host.passkeysEndpoint, (input, init) => this.host.fetch(input, init));
    if (outcome.done) declineOffer(this.sub); // done: no need to ask again
    this.phase = outcome.done ? 'done' : 'idle';
    this.error = outcome.done ? undefined : outcome.error;
    this.host.requestUpdate();
  }

  private dismiss() {
    declineOffer(this.sub);
    this.host.offering = false;
  }

  render(errorId: string) {
    const msg = this.host.msg;
    const error = this.error ? this.host.errorSummary(errorId, msg('form.problem'), [msg(`error.${this.error.code}`, { seconds: this.error.retryAfterSeconds ?? 30 })]) : nothing;
    if (this.phase === 'done') {
      return html`<div class="ciam-form"><p class="ciam-note" role="status">${msg('offer.done')}</p>
        <button class="ciam-button ciam-button-primary" type="button" @click=${() => this.dismiss()}>${msg('offer.close')}</button></div>`;
    }
    const busy = this.phase === 'creating';
    return html`<div class="ciam-form">${error}
      <p class="ciam-note">${msg(busy ? 'offer.creating' : 'offer.lead')}</p>
      <button class="ciam-button ciam-button-primary" type="button" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${() => void this.create()}>${msg('offer.create')}</button>
      <button class="ciam-link" type="button" ?disabled=${busy} @click=${() => this.dismiss()}>${msg('offer.later')}</button>
    </div>`;
  }
}

/** The offer for this sign-in, or null when it does not apply (a passkey was used, or declined before). */
export function startOffer(element: CiamLogin, user: SessionUser, session: Pick<OfferHost, 'fetch' | 'msg' | 'errorSummary'>): PasskeyOffer | null {
  if (!offerApplies(user)) return null;
  addDefaultMessages('en', enOffer);
  const host: OfferHost = {
    passkeysEndpoint: element.passkeysEndpoint,
    get offering() {
      return element.offering;
    },
    set offering(on: boolean) {
      element.offering = on;
    },
    requestUpdate: () => element.requestUpdate(),
    fetch: session.fetch,
    msg: session.msg,
    errorSummary: session.errorSummary,
  };
  return new PasskeyOffer(host, user.sub);
}
