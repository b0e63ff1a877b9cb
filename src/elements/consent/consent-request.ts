/**
 * <ciam-consent mode="hosted">: the OP's request for access on its own page
 * ("Demo Shop would like to: know who you are, see your email address…"),
 * each optional scope a checkbox the user may untick, then Allow or Deny.
 * Each scope reads in the element's words (standard ones) or the OP's
 * (a child `<span slot="scope-<name>">`), or else by its name.
 * Loaded only in that mode, so the account card (every app's) does not carry it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { runHttp } from '../../client/http.js';
import { CiamError, type CiamErrorData } from '../../core/errors.js';
import { decisionRequest, grantedScopes, readDecisionReply, scopeChoices, type Decision, type ScopeChoice } from '../../core/scope-consent.js';
import { enConsent } from '../../i18n/en-consent.js';
import { enConsentRequest } from '../../i18n/en-consent-request.js';
import { addDefaultMessages, type MessageId } from '../../i18n/index.js';
import { withIsolatedValue } from '../shared/isolated.js';

// The badge's "Required" is the account card's word too.
addDefaultMessages('en', { ...enConsent, ...enConsentRequest });

/** Added to the element's styles when this view loads. */
export const requestStyles = css`
  [part~='choice-label'] {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 500;
    cursor: pointer;
  }
  [part~='choice'] {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
  }
      [part~='lead'] bdi {
        font-weight: 600;
        color: var(--_fg);
      }
      [part~='hint'],
      [part~='account'] {
        margin: 0;
        color: var(--_muted);
        font-size: 0.875rem;
      }
      [part~='actions'] {
        display: grid;
        gap: 0.5rem;
      }
      /* The request's scopes: a plain list of lines, each whole line a click target. */
      [part~='scopes'] {
        gap: 0;
      }
      [part~='scopes'] [part~='item'] {
        padding: 0.625rem 0;
        border: 0;
        border-block-end: 1px solid var(--_border);
        border-radius: 0;
      }
      /* In line with the checkboxes' words (box and gap: 1.25rem + 0.5rem). */
      [part~='scopes'] [data-required] {
        padding-inline-start: 1.75rem;
      }
      /* The badge after the words, on the reading side, whatever script the words are in. */
      [part~='scopes'] [data-required] [part~='name'] {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        column-gap: 0.5rem;
      }
      [part~='scopes'] [part~='badge'] {
        margin: 0;
      }
      [part~='scopes'] [part~='name'] {
        font-weight: 500;
      }
      /* The page's own heading replaces the title: an empty slotted header takes no row. */
      ::slotted([slot='header']:empty) {
        display: none;
      }
`;

export interface RequestView {
  /** The element's direction when its locale sets one. */
  dir: 'ltr' | 'rtl' | undefined;
  clientName: string;
  account: string;
  /** The requested scopes and those not up to the user, space-separated (the element's attributes). */
  scopes: string;
  requiredScopes: string;
  declined: ReadonlySet<string>;
  /** A call runs, or the page is leaving for the OP's next step. */
  busy: boolean;
  error: TemplateResult | typeof nothing;
  status: string;
  msg: (id: MessageId, params?: Record<string, string | number>) => string;
  toggle: (scope: string) => void;
  decide: (decision: Decision) => void;
}

export function renderRequest(view: RequestView): TemplateResult {
  const { msg } = view;
  const choices = scopeChoices(view.scopes, view.requiredScopes);
  const optional = choices.some((c) => !c.required);
  return html`<section part="card" aria-labelledby="title" aria-busy=${view.busy ? 'true' : 'false'} dir=${view.dir ?? nothing}>
    <slot name="header"><h2 part="title" id="title" tabindex="-1">${msg('consent.requestTitle')}</h2></slot>
    <p part="lead">${withIsolatedValue(msg, 'consent.requestLead', 'client', view.clientName)}</p>
    ${view.error}
    <ul part="list scopes" aria-label=${msg('consent.requestList')}>
      ${choices.map((choice) => renderChoice(view, choice))}
    </ul>
    ${optional ? html`<p part="hint">${msg('consent.requestHint')}</p>` : nothing}
    ${view.account ? html`<p part="account">${withIsolatedValue(msg, 'consent.signedInAs', 'account', view.account)}</p>` : nothing}
    <div part="actions">
      <button part="button primary-button allow-button" class="button primary" type="button" ?disabled=${view.busy} @click=${() => view.decide('allow')}>
        ${msg('consent.allow')}
      </button>
      <button part="button deny-button" class="button" type="button" ?disabled=${view.busy} @click=${() => view.decide('deny')}>${msg('consent.deny')}</button>
    </div>
    <p part="status" role="status" aria-live="polite">${view.status}</p>
  </section>`;
}

function renderChoice(view: RequestView, choice: ScopeChoice) {
  // The OP may say in its own words what a scope shares: <span slot="scope-email">…</span>.
  const text = html`<slot name="scope-${choice.scope}">${scopeText(view.msg, choice.scope)}</slot>`;
  if (choice.required) {
    return html`<li part="item" data-scope=${choice.scope} data-required>
      <span part="name">${text}<span part="badge">${view.msg('consent.required')}</span></span>
    </li>`;
  }
  const on = !view.declined.has(choice.scope);
  return html`<li part="item" data-scope=${choice.scope}>
    <label part="choice-label">
      <input part="choice" type="checkbox" name="scope" .value=${choice.scope} .checked=${on} ?disabled=${view.busy} @change=${() => view.toggle(choice.scope)} />
      <span part="name">${text}</span>
    </label>
  </li>`;
}

/** A standard scope in words (`consent.scope.<name>`, overridable through `messages`); any other by its name. */
function scopeText(msg: RequestView['msg'], scope: string) {
  const id = `consent.scope.${scope}` as MessageId;
  const text = msg(id);
  return text === id ? html`<bdi>${scope}</bdi>` : text;
}

/**
 * Sends the answer to the OP's endpoint (absolute): Allow with every scope the user left ticked. Resolves with where
 * the browser goes on, or throws a CiamError.
 */
export async function sendDecision(endpoint: string, decision: Decision, view: Pick<RequestView, 'scopes' | 'requiredScopes' | 'declined'>): Promise<string> {
  const scopes = grantedScopes(scopeChoices(view.scopes, view.requiredScopes), view.declined);
  const outcome = await runHttp(decisionRequest(endpoint, decision, scopes), 30_000);
  const reply = outcome.ok ? readDecisionReply(outcome.result, endpoint, Date.now()) : { ok: false as const, error: outcome.error };
  if (!reply.ok) throw new CiamError(reply.error satisfies CiamErrorData);
  return reply.url;
}
