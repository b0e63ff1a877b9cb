/**
 * The page an emailed sign-in link opens (`#ciam_link=…`; docs/first-party-challenge.md, "Sign-in links").
 * Loaded only when the address bar carries one. It takes the token out of the address bar at once (no
 * history entry, bookmark or shared URL keeps it), then asks the OP: in the browser that asked for the
 * link it approves at once and that browser's waiting page signs in (this tab follows with the app's tab
 * sync); anywhere else it names the device that asked and lets the user approve or decline. Opening the
 * page decides nothing by itself: a mail scanner that runs it sees the question and nothing more.
 */
import { html, nothing } from 'lit';
import type { LinkAnswer } from '../../core/email-link.js';
import type { CiamErrorData } from '../../core/errors.js';
import { enLink } from '../../i18n/en-link.js';
import { enSteps } from '../../i18n/en-steps.js';
import { addDefaultMessages, errorMessage } from '../../i18n/index.js';
import type { SessionState } from '../../core/states.js';
import type { EmbeddedView } from './embedded.js';
import type { Panel, PanelHost } from './panel.js';
import { takeFromFragment } from '../shared/fragment.js';
// Its stylesheet joins the forms' (the spinner of "Checking your sign-in link").
import '../shared/forms-later.js';

type Phase =
  | { name: 'checking' }
  | { name: 'confirm'; device: string; requestedAt: number; deciding?: 'yes' | 'no'; error?: CiamErrorData }
  /** Approved in the browser that asked: its waiting page signs in. */
  | { name: 'here' }
  | { name: 'there'; device: string }
  | { name: 'declined' }
  | { name: 'failed'; error: CiamErrorData };

export interface LandingHost {
  requestUpdate(): void;
  /** `client.emailLink()`. */
  open(token: string, decision?: 'yes' | 'no'): Promise<LinkAnswer>;
  msg: EmbeddedView['msg'];
  /** The forms' error summary (from the forms chunk, loaded already: this chunk stays small). */
  errorSummary: (id: string, title: string, messages: string[]) => unknown;
  /** Resolves once the element has rendered what the landing asked for. */
  rendered(): Promise<unknown>;
  lightRoot: ParentNode;
}

/** <ciam-login>'s landing when the address bar carries a link (taken out of it), else null. */
export function panel({ element, client, i18n, views }: PanelHost): LinkLanding | null {
  const token = takeLinkToken();
  if (!token) return null;
  const host: LandingHost = {
    requestUpdate: () => element.requestUpdate(),
    open: async (link, decision) => {
      const current = client();
      if (!current) return { status: 'failed', error: { code: 'config', detail: 'no client' } };
      return current.emailLink?.(link, decision) ?? (await import('../../client/email-link.js')).openEmailLink(current, link, decision);
    },
    msg: (id, params) => i18n.msg(id, params),
    errorSummary: views.errorSummary,
    rendered: () => element.updateComplete,
    lightRoot: element,
  };
  return new LinkLanding(host, token);
}

/** The link token in the address bar, taken out of it; null when there is none. */
export function takeLinkToken(): string | null {
  return takeFromFragment('ciam_link', /[A-Za-z0-9_-]{43}/);
}

export class LinkLanding implements Panel {
  #phase: Phase = { name: 'checking' };
  /** The user went back to sign-in. */
  #left = false;

  constructor(
    private readonly host: LandingHost,
    private readonly token: string,
  ) {
    // The answers' messages and the catalog's number locale ("2 minutes ago") come with the later steps' catalog.
    addDefaultMessages('en', { ...enSteps, ...enLink });
    void this.#ask();
  }

  /** `moveFocus`: after the user's own action only; on arrival focus stays the page's. */
  async #ask(decision?: 'yes' | 'no', moveFocus = decision !== undefined) {
    const answer = await this.host.open(this.token, decision);
    const asked = this.#phase;
    switch (answer.status) {
      case 'confirm':
        this.#phase = { name: 'confirm', device: answer.device, requestedAt: answer.requestedAt };
        break;
      case 'approved':
        this.#phase = answer.sameBrowser ? { name: 'here' } : { name: 'there', device: asked.name === 'confirm' ? asked.device : '' };
        break;
      case 'declined':
        this.#phase = { name: 'declined' };
        break;
      case 'failed':
        // A decision that did not go through keeps its question, with the reason; a link that does not open says why.
        this.#phase =
          asked.name === 'confirm' && answer.error.code !== 'invalid_link'
            ? { ...asked, deciding: undefined, error: answer.error }
            : { name: 'failed', error: answer.error };
    }
    this.host.requestUpdate();
    // Focus follows the answer, so a keyboard or screen reader user is not left on a button that went away.
    if (!moveFocus) return;
    await this.host.rendered();
    this.host.lightRoot.querySelector<HTMLElement>('.ciam-error, [data-landing-focus]')?.focus();
  }

  #decide(decision: 'yes' | 'no') {
    if (this.#phase.name !== 'confirm' || this.#phase.deciding) return;
    this.#phase = { ...this.#phase, deciding: decision, error: undefined };
    this.host.requestUpdate();
    void this.#ask(decision);
  }

  #leave() {
    this.#left = true;
    this.host.requestUpdate();
  }

  /** Left, or signed in here: the browser that asked for the link signs in, and its tabs share the session. */
  done(state: SessionState): boolean {
    return this.#left || (this.#phase.name === 'here' && state.name === 'signed-in');
  }

  /** The card's title and lead while the landing shows (a decision's outcome is said in the form, where focus goes). */
  heading(): [string, string] {
    const msg = this.host.msg;
    const phase = this.#phase;
    switch (phase.name) {
      case 'checking':
        return [msg('link.checking'), ''];
      case 'confirm':
        return [msg('link.confirmTitle'), msg('link.confirmLead', { device: phase.device, time: this.#ago(phase.requestedAt) })];
      case 'here':
        return [msg('link.hereTitle'), ''];
      case 'there':
        return [msg('link.approvedTitle'), ''];
      case 'declined':
        return [msg('link.declinedTitle'), ''];
      case 'failed':
        return [msg(phase.error.code === 'invalid_link' ? 'link.invalidTitle' : 'error.title'), ''];
    }
  }

  #outcome(): string {
    const msg = this.host.msg;
    const phase = this.#phase;
    if (phase.name === 'there') return msg('link.approvedLead', { device: phase.device });
    return msg(phase.name === 'here' ? 'link.hereLead' : 'link.declinedLead');
  }

  /** "just now", "2 minutes ago", in the catalog's language. */
  #ago(requestedAt: number): string {
    const minutes = Math.round((Date.now() / 1000 - requestedAt) / 60);
    if (minutes < 1) return this.host.msg('link.justNow');
    return new Intl.RelativeTimeFormat(this.host.msg('form.locale'), { numeric: 'always' }).format(-minutes, 'minute');
  }

  render(errorId: string) {
    const msg = this.host.msg;
    const phase = this.#phase;
    const back = html`<button class="ciam-link" type="button" @click=${() => this.#leave()}>${msg('login.backToSignIn')}</button>`;
    switch (phase.name) {
      case 'checking':
        return html`<div class="ciam-form"><p class="ciam-note" role="status"><span class="ciam-spinner" aria-hidden="true"></span> ${msg('link.checking')}</p></div>`;
      case 'confirm': {
        const busy = !!phase.deciding;
        const summary = phase.error ? this.host.errorSummary(errorId, msg('form.problem'), [errorMessage(msg, phase.error)]) : nothing;
        return html`<div class="ciam-form" aria-busy=${busy ? 'true' : 'false'}>
          ${summary}
          <p class="ciam-note" data-landing-focus tabindex="-1">${msg('link.confirmNote')}</p>
          <button class="ciam-button ciam-button-primary" type="button" ?disabled=${busy} @click=${() => this.#decide('yes')}>
            ${phase.deciding === 'yes' ? html`<span class="ciam-spinner" aria-hidden="true"></span>${msg('form.busy')}` : msg('link.approve')}
          </button>
          <button class="ciam-button" type="button" ?disabled=${busy} @click=${() => this.#decide('no')}>
            ${phase.deciding === 'no' ? html`<span class="ciam-spinner" aria-hidden="true"></span>${msg('form.busy')}` : msg('link.decline')}
          </button>
        </div>`;
      }
      case 'failed': {
        const retry =
          phase.error.code === 'invalid_link'
            ? nothing
            : html`<button class="ciam-button ciam-button-primary" type="button" @click=${() => this.#retry()}>${msg('login.retry')}</button>`;
        return html`<div class="ciam-form">${this.host.errorSummary(errorId, msg('error.title'), [errorMessage(msg, phase.error)])} ${retry}
          <div class="ciam-links">${back}</div></div>`;
      }
      default:
        // Decided: what happened is the card's title and lead; the line here is where focus lands.
        return html`<div class="ciam-form"><p class="ciam-note" role="status" data-landing-focus tabindex="-1">${this.#outcome()}</p>
          <div class="ciam-links">${back}</div></div>`;
    }
  }

  #retry() {
    this.#phase = { name: 'checking' };
    this.host.requestUpdate();
    void this.#ask(undefined, true);
  }
}
