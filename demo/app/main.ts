// The demo app: the elements, plus a small log of the events they fire.
import '../../src/index.js';
import type { SessionUser } from '../../src/index.js';

const log = document.querySelector<HTMLOListElement>('#event-log')!;
const account = document.querySelector<HTMLElement>('.account')!;
const claims = document.querySelector<HTMLDListElement>('#claims')!;

function record(text: string) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  log.prepend(item);
}

function showAccount(user: SessionUser | null) {
  account.hidden = !user;
  claims.replaceChildren();
  if (!user) return;
  for (const [name, value] of Object.entries(user.claims)) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = String(value);
    claims.append(dt, dd);
  }
}

document.addEventListener('ciam-signed-in', (e) => {
  record(`ciam-signed-in ${e.detail.user.email ?? e.detail.user.sub}${e.detail.restored ? ' (restored)' : ''}`);
  showAccount(e.detail.user);
});
document.addEventListener('ciam-signed-out', () => {
  record('ciam-signed-out');
  showAccount(null);
});
document.addEventListener('ciam-error', (e) => record(`ciam-error ${e.detail.error.code}`));
