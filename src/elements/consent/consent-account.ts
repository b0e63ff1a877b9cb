/**
 * <ciam-consent>'s account card: the documents and purposes with their
 * decisions, and the receipts. Loaded with the element (not with every page
 * that only shows the sign-in card), with its look and messages.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Consents, Purpose, Receipt } from '../../client/consents-api.js';
import { webUrl } from '../../core/url.js';
import { addDefaultMessages, type MessageId } from '../../i18n/index.js';
import { enConsent } from '../../i18n/en-consent.js';
import { mediumDate, withIsolatedValue } from '../shared/isolated.js';

addDefaultMessages('en', enConsent);

export const accountStyles = css`
  [part~='switch-label'] {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 600;
  }
  [part~='switch'] {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    accent-color: var(--_primary);
  }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  a {
    color: var(--_primary);
  }
`;

export interface AccountView {
  signedIn: boolean;
  consents: Consents | null;
  blocking: boolean;
  busy: boolean;
  status: string;
  error: TemplateResult | typeof nothing;
  dir: 'ltr' | 'rtl' | undefined;
  locale: string;
  msg: (id: MessageId, params?: Record<string, string | number>) => string;
  decide: (purpose: Purpose, action: 'grant' | 'withdraw') => void;
  download: (receipt: Receipt) => void;
}

export function renderAccount(view: AccountView): TemplateResult {
  const { msg, consents } = view;
  return html`<section part="card" aria-labelledby="title" aria-busy=${view.busy ? 'true' : 'false'} dir=${view.dir ?? nothing}>
    <h2 part="title" id="title" tabindex="-1">${msg(view.blocking ? 'consent.gateTitle' : 'consent.title')}</h2>
    <p part="lead">${msg(view.blocking ? 'consent.gateLead' : 'consent.lead')}</p>
    ${view.error}
    ${
      !view.signedIn
        ? html`<p part="empty">${msg('consent.signedOut')}</p>`
        : !consents
          ? html`<p part="empty">${msg('consent.loading')}</p>`
          : html`<ul part="list">
                ${ordered(consents).map((p) => renderPurpose(view, p, consents))}
              </ul>
              ${renderReceipts(view, consents)}`
    }
    <p part="status" role="status" aria-live="polite">${view.status}</p>
  </section>`;
}

/** Documents waiting for agreement first, then in the API's order. */
function ordered(consents: Consents): Purpose[] {
  const waiting = (p: Purpose) => (consents.outdated.includes(p.id) ? 0 : 1);
  return [...consents.purposes].sort((a, b) => waiting(a) - waiting(b));
}

function renderPurpose(view: AccountView, purpose: Purpose, consents: Consents) {
  const { msg } = view;
  const date = (iso: string) => mediumDate(view.locale, iso);
  const decided = consents.state[purpose.id];
  const badge = html`<span part="badge">${msg(purpose.required ? 'consent.required' : 'consent.optional')}</span>`;
  if (!purpose.version) {
    // An optional purpose: one switch, each change a receipt.
    const on = !!decided?.granted;
    return html`<li part="item" data-id=${purpose.id}>
        <label part="switch-label">
          <input part="switch" type="checkbox" role="switch" aria-checked=${on ? 'true' : 'false'} .checked=${on} ?disabled=${view.busy} @change=${() => view.decide(purpose, on ? 'withdraw' : 'grant')} />
          <span part="name"><bdi>${purpose.title}</bdi></span>${badge}
        </label>
        <span part="meta">${on && decided?.at ? withIsolatedValue(msg, 'consent.allowed', 'date', date(decided.at)) : msg('consent.notAllowed')}</span>
      </li>`;
  }
  const outdated = consents.outdated.includes(purpose.id);
  const agreedCurrent = !!decided?.granted && decided.version === purpose.version;
  const before = decided?.granted && decided.version ? msg('consent.agreedTo', { version: decided.version, date: date(decided.at ?? '') }) : null;
  // Links from the OP only as web pages: never `javascript:` or `data:` (docs/security.md).
  const [documentUrl, changesUrl] = [webUrl(purpose.url), webUrl(purpose.changes_url)];
  return html`<li part="item" data-id=${purpose.id}>
      <span part="name"><bdi>${purpose.title}</bdi>${badge}</span>
      <span part="meta">
        ${
          documentUrl
            ? html`<a part="document-link" href=${documentUrl} target="_blank" rel="noopener">${msg('consent.read', { title: purpose.title, version: purpose.version })}</a>`
            : nothing
        }
        ${outdated && changesUrl ? html` · <a part="changes-link" href=${changesUrl} target="_blank" rel="noopener">${msg('consent.changes')}</a>` : nothing}
      </span>
      <span part="meta">${outdated && decided?.granted ? html`${msg('consent.newVersion', { version: purpose.version })} ` : nothing}${before ?? msg('consent.notAgreed')}</span>
      <div part="item-actions">
        ${
          agreedCurrent
            ? html`<button part="button withdraw-button" class="button danger" type="button" ?disabled=${view.busy} aria-label="${msg('consent.withdraw')}: ${purpose.title}" @click=${() => view.decide(purpose, 'withdraw')}>
              ${msg('consent.withdraw')}
            </button>`
            : html`<button part="button primary-button agree-button" class="button primary" type="button" ?disabled=${view.busy} aria-label="${msg('consent.agree')}: ${purpose.title} ${purpose.version}" @click=${() => view.decide(purpose, 'grant')}>
              ${msg('consent.agree')}
            </button>`
        }
      </div>
    </li>`;
}

function renderReceipts(view: AccountView, consents: Consents) {
  const { msg } = view;
  const date = (iso: string) => mediumDate(view.locale, iso);
  const titles = new Map(consents.purposes.map((p) => [p.id, p.title]));
  return html`<h3 part="section-title receipts-title" id="receipts">${msg('consent.receipts')}</h3>
      ${
        consents.receipts.length === 0
          ? html`<p part="empty">${msg('consent.receiptsEmpty')}</p>`
          : html`<ul part="receipts list" aria-labelledby="receipts">
            ${consents.receipts.map(
              (r) => html`<li part="receipt item" data-id=${r.id}>
                <span part="name"
                  ><bdi>${titles.get(r.purpose) ?? r.purpose}</bdi>${r.version ? html` <bdi>${r.version}</bdi>` : nothing}: ${msg(
                    r.action === 'grant' ? 'consent.granted' : 'consent.withdrawn',
                  )}</span
                >
                <span part="meta"><bdi>${date(r.at)}</bdi></span>
                <div part="item-actions">
                  <button part="button download-button" class="button" type="button" aria-label="${msg('consent.download')}: ${date(r.at)}" @click=${() => view.download(r)}>
                    ${msg('consent.download')}
                  </button>
                </div>
              </li>`,
            )}
          </ul>`
      }`;
}
