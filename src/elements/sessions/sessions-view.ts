/**
 * What <ciam-sessions> shows and does once someone is signed in: the list,
 * "Sign out" for each other session and "everywhere else". Loaded with the
 * first signed-in render, so pages that never show it do not carry it.
 */
import { elementJourney, type JourneyEmit } from '../shared/journey.js';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { DeviceSession, SessionsApi } from '../../client/sessions-api.js';
import { addDefaultMessages, errorMessage, type MessageId } from '../../i18n/index.js';
import { enSession } from '../../i18n/en-session.js';
import { enSessions } from '../../i18n/en-sessions.js';
import type { ApiCallController } from '../shared/api-call.js';
import { mediumDate, withIsolatedValue } from '../shared/isolated.js';

addDefaultMessages('en', { ...enSession, ...enSessions });

export const viewStyles = css`
  [part~='badge'] {
    color: var(--_primary);
  }
  [part~='end-others-button'] {
    justify-self: start;
    inline-size: auto;
  }
`;

export interface SessionsView {
  signedIn: boolean;
  sessions: DeviceSession[] | null;
  call: ApiCallController;
  locale: string;
  dir: 'ltr' | 'rtl' | undefined;
  msg: (id: MessageId, params?: Record<string, string | number>) => string;
  api: () => SessionsApi;
  /** Reads the list again, then says `status` and puts focus on the title (the row acted on is gone). */
  reload: (status: MessageId) => Promise<void>;
  /** Fires `ciam-journey`: a device (or all others) signed out, and how it went. */
  journey: JourneyEmit;
}

export function renderSessions(view: SessionsView): TemplateResult {
  const { msg, call, sessions } = view;
  const others = sessions?.filter((s) => !s.current) ?? [];
  return html`<section part="card" aria-labelledby="title" aria-busy=${call.busy ? 'true' : 'false'} dir=${view.dir ?? nothing}>
    <h2 part="title" id="title" tabindex="-1">${msg('sessions.title')}</h2>
    <p part="lead">${msg('sessions.lead')}</p>
    ${call.error ? html`<div part="error" role="alert" tabindex="-1">${errorMessage(msg, call.error)}</div>` : nothing}
    ${
      !view.signedIn
        ? html`<p part="empty">${msg('sessions.signedOut')}</p>`
        : !sessions
          ? html`<p part="empty">${msg('sessions.loading')}</p>`
          : html`<ul part="list">
                ${[...sessions].sort((a, b) => Number(b.current) - Number(a.current)).map((s) => renderSession(view, s))}
              </ul>
              ${
                others.length > 0
                  ? html`<button part="button end-others-button" class="button" type="button" ?disabled=${call.busy} @click=${() => void act(view, (api) => api.endOthers(), 'sessions.endedOthers')}>
                      ${msg('sessions.endOthers')}
                    </button>`
                  : html`<p part="empty">${msg('sessions.onlyThis')}</p>`
              }`
    }
    <p part="status" role="status" aria-live="polite">${call.status}</p>
  </section>`;
}

function renderSession(view: SessionsView, session: DeviceSession) {
  const { msg } = view;
  const device = session.browser && session.os ? msg('sessions.device', { browser: session.browser, os: session.os }) : msg('sessions.unknownDevice');
  const where = [session.app, session.place].filter(Boolean).join(' · ');
  const date = (iso: string) => mediumDate(view.locale, iso);
  return html`<li part="item" data-id=${session.id}>
    <span part="name"><bdi>${device}</bdi>${session.current ? html`<span part="badge">${msg('sessions.this')}</span>` : nothing}</span>
    ${where ? html`<span part="meta"><bdi>${where}</bdi></span>` : nothing}
    <span part="meta">${withIsolatedValue(msg, 'sessions.started', 'date', date(session.created_at))} · ${withIsolatedValue(msg, 'sessions.lastSeen', 'date', date(session.last_seen))}</span>
    ${
      session.current
        ? nothing
        : html`<div part="item-actions">
            <button part="button end-button" class="button danger" type="button" ?disabled=${view.call.busy} aria-label="${msg('sessions.end')}: ${device}" @click=${() => void act(view, (api) => api.end(session.id), 'sessions.ended')}>
              ${msg('sessions.end')}
            </button>
          </div>`
    }
  </li>`;
}

async function act(view: SessionsView, work: (api: SessionsApi) => Promise<void>, done: MessageId) {
  const journey = elementJourney(view.journey, 'ciam-sessions');
  journey({ type: 'step', step: 'sessions' });
  const answer = await view.call.run(() => work(view.api()));
  journey(answer.ok ? { type: 'outcome', outcome: 'ok' } : { type: 'outcome', outcome: 'error', code: view.call.error?.code ?? 'unknown' });
  if (answer.ok) await view.reload(done);
}
