// The BFF page: <ciam-login bff="/bff"> and an API call through the BFF's proxy (demo/bff/server.ts).
import '../../src/index.js';
import { getBffClient } from '../../src/client/bff-client.js';
import type { SessionUser } from '../../src/index.js';
import { addTopbar, showClaims } from './chrome.js';

addTopbar();

const account = document.querySelector<HTMLElement>('.account')!;
const claims = document.querySelector('.claims')!;
const result = document.querySelector('.payout-result')!;
const client = getBffClient({ authority: '', clientId: '', bff: '/bff' });

function show(user: SessionUser | null) {
  account.hidden = !user;
  showClaims(claims, user);
}
document.addEventListener('ciam-signed-in', (e) => show(e.detail.user));
document.addEventListener('ciam-signed-out', () => show(null));
// Journey events (nothing personal in them, mode 'bff') go to the demo server's analytics endpoint, as on the other pages.
document.addEventListener('ciam-journey', (e) => navigator.sendBeacon('/journey', JSON.stringify(e.detail)));

document.querySelector('.payout')!.addEventListener('click', () => {
  result.textContent = 'Saving…';
  // Through the BFF: it adds the access token; a step-up challenge sends the page to the provider and back.
  void client
    .fetch('/bff/api/payout', { method: 'POST' })
    .then(async (response) => {
      const body = (await response.json().catch(() => ({}))) as { message?: string; error?: string };
      result.textContent = response.ok ? (body.message ?? 'Saved.') : `Not saved: ${body.error ?? response.status}`;
    })
    .catch((error: unknown) => (result.textContent = `Not saved: ${String(error)}`));
});
