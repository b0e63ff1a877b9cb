// The demo app: the page chrome every variant shares (header with <ciam-user>,
// account panel, event log) around the page's own <ciam-login>.
import '../../src/index.js';
import { getClient, type SessionUser } from '../../src/index.js';
import { addTopbar, element, showClaims } from './chrome.js';

addTopbar();

const claims = element('dl');
const authority = document.querySelector('ciam-login')!.authority;

// Ends a session nobody uses: after 15 minutes without activity in any of the app's tabs, with a warning 2 minutes
// before. And at once when it is ended elsewhere (another device's list): the OP pushes that (demo/op/sessions-api.ts).
document.body.append(
  Object.assign(document.createElement('ciam-session'), { idleTimeout: '15m', warnBefore: '2m', events: `${authority}/api/sessions/events` }),
);
// Progressive profiling: nothing more at sign-up; the country after it, a phone number before payouts (required), a
// birthday from the third sign-in. Saved at the demo OP's SCIM /Me, so it reaches userinfo and the next ID token.
const profile = Object.assign(document.createElement('ciam-profile'), {
  scimEndpoint: `${authority}/scim/v2/Me`,
  policy: {
    asks: [
      { id: 'country', fields: ['country'], moment: { on: 'sign-up' }, purpose: 'To show prices and delivery times for your country.' },
      {
        id: 'payout',
        fields: ['phone_number'],
        moment: { on: 'action', name: 'payout' },
        required: true,
        purpose: 'We text you a code before payout details change.',
      },
      { id: 'birthday', fields: ['birthdate'], moment: { on: 'sign-in', count: 3 }, purpose: 'For a voucher on your birthday.' },
    ],
    maxQuestions: 3,
    skipDays: 30,
  },
});
const payoutResult = element('p', { className: 'payout-result', role: 'status' });
const payout = element('button', { type: 'button', className: 'payout', textContent: 'Change payout details' });
const account = element(
  'section',
  { className: 'account', hidden: true },
  element('h2', { textContent: 'Your account' }),
  element('p', { textContent: 'You are signed in. These claims came from the provider:' }),
  claims,
  // Passkeys need the demo OP's management API and WebAuthn (the demo runs on localhost for it).
  profile,
  Object.assign(document.createElement('ciam-passkey'), { endpoint: `${authority}/api/passkeys` }),
  // Social and company accounts linked at the OP (demo/op/federation.ts); connecting leaves the page for the OP and
  // comes back, so the page keeps its session only with store="session" (session.html).
  Object.assign(document.createElement('ciam-connections'), { endpoint: `${authority}/api/connections` }),
  // Terms and privacy policy with their versions, optional purposes, and a signed receipt for every decision.
  Object.assign(document.createElement('ciam-consent'), { endpoint: `${authority}/api/consents` }),
  // Every browser this account is signed in on; end any other, or all others.
  Object.assign(document.createElement('ciam-sessions'), { endpoint: `${authority}/api/sessions` }),
  element('h3', { textContent: 'Payout details' }),
  element('p', {
    textContent:
      'Changing them needs a sign-in from the last 5 minutes: the API answers with an RFC 9470 step-up challenge, and the client asks you to confirm it is you.',
  }),
  payout,
  payoutResult,
);

// The demo API lives on the OP's origin (demo/op/api.ts); client.fetch() adds the token and handles step-up.
// void: the click has nothing to wait for; savePayout() shows its own outcome, errors included.
payout.addEventListener('click', () => void savePayout());
async function savePayout() {
  const login = document.querySelector('ciam-login')!;
  const client = getClient({ authority: login.authority, clientId: login.clientId });
  // The policy wants a phone number first (asked only if the profile has none).
  if ((await profile.ask('payout')) === 'cancelled') {
    payoutResult.textContent = 'Not saved: payouts need a phone number.';
    return;
  }
  payoutResult.textContent = 'Saving…';
  try {
    const response = await client.fetch(`${login.authority}/api/payout`, { method: 'POST' });
    const body = (await response.json()) as { message?: string; error?: string };
    payoutResult.textContent = response.ok ? (body.message ?? 'Saved.') : `Not saved: ${body.error ?? response.status}`;
  } catch (error) {
    payoutResult.textContent = `Not saved: ${(error as { code?: string }).code ?? String(error)}`;
  }
}
const log = element('ol', { id: 'event-log' });
// The sign-in funnel, built only from ciam-journey events (nothing personal in them): the page sends each to the demo
// server's analytics endpoint (demo/journey.ts), which counts across page loads and redirects.
const funnelRows = element('tbody');
const funnel = element(
  'section',
  { className: 'funnel' },
  element('h2', { textContent: 'Sign-in funnel' }),
  element(
    'table',
    {},
    element('caption', { textContent: 'Attempts per method since the demo started, from ciam-journey events' }),
    element('thead', {}, element('tr', {}, ...['Method', 'Started', 'Signed in'].map((label) => element('th', { scope: 'col', textContent: label })))),
    funnelRows,
  ),
);
document.querySelector('main')!.append(account, element('section', { className: 'events' }, element('h2', { textContent: 'Events' }), log), funnel);

let funnelTimer: ReturnType<typeof setTimeout> | undefined;
document.addEventListener('ciam-journey', (e) => {
  navigator.sendBeacon('/journey', JSON.stringify(e.detail));
  clearTimeout(funnelTimer);
  funnelTimer = setTimeout(() => void showFunnel(), 300);
});
async function showFunnel() {
  const response = await fetch('/journey/funnel').catch(() => null);
  const rows = response?.ok ? ((await response.json()) as Record<string, { started: number; completed: number }>) : {};
  funnelRows.replaceChildren(
    ...Object.entries(rows).map(([method, { started, completed }]) =>
      element(
        'tr',
        {},
        element('th', { scope: 'row', textContent: method.replace('_', ' ') }),
        element('td', { textContent: String(started) }),
        element('td', { textContent: String(completed) }),
      ),
    ),
  );
}
void showFunnel();

function record(text: string) {
  log.prepend(element('li', { textContent: `${new Date().toLocaleTimeString()} ${text}` }));
}

function showAccount(user: SessionUser | null) {
  // A guest (the shop's cart, shop.ts) has no account to manage yet.
  account.hidden = !user || user.claims.is_anonymous === true;
  showClaims(claims, user);
}

document.addEventListener('ciam-signed-in', (e) => {
  showAccount(e.detail.user);
  // The tokens are stored before the event fires, so an app can call its API right here.
  const login = document.querySelector('ciam-login')!;
  // void: nothing waits for the log line; a failure shows as a page error (the e2e specs fail on those).
  void getClient({ authority: login.authority, clientId: login.clientId })
    .getAccessToken()
    .then((token) =>
      record(
        `ciam-signed-in ${e.detail.user.email ?? e.detail.user.sub}${e.detail.restored ? ' (restored)' : ''}, ${token ? 'access token ready' : 'NO access token'}`,
      ),
    );
});
document.addEventListener('ciam-signed-out', (e) => {
  record(`ciam-signed-out${e.detail.reason ? ` (${e.detail.reason})` : ''}`);
  showAccount(null);
});
document.addEventListener('ciam-error', (e) => record(`ciam-error ${e.detail.error.code}`));
