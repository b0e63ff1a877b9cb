// Script of the foreign-provider spec's app pages (served by foreign-stack.ts):
// the elements and an event log; unlike demo/app/main.ts, nothing that expects the demo OP.
import '../../src/index.js';
import { getClient } from '../../src/index.js';

const log = document.querySelector('#event-log')!;
const record = (text: string) => log.append(Object.assign(document.createElement('li'), { textContent: text }));

// The tokens must be stored before the event fires: an app calls its API from here.
document.addEventListener('ciam-signed-in', (e) => {
  const login = document.querySelector('ciam-login')!;
  // void: nothing waits for the log line; a failure shows as a page error (the spec fails on those).
  void getClient({ authority: login.authority, clientId: login.clientId })
    .getAccessToken()
    .then((token) => record(`ciam-signed-in ${e.detail.user.email ?? e.detail.user.sub}, ${token ? 'access token ready' : 'NO access token'}`));
});
document.addEventListener('ciam-signed-out', () => record('ciam-signed-out'));
document.addEventListener('ciam-error', (e) => record(`ciam-error ${e.detail.error.code}`));
