// Script of the foreign-provider spec's app pages (served by foreign-stack.ts):
// the elements and an event log; unlike demo/app/main.ts, nothing that expects the demo OP.
import '../../src/index.js';

const log = document.querySelector('#event-log')!;
const record = (text: string) => log.append(Object.assign(document.createElement('li'), { textContent: text }));

document.addEventListener('ciam-signed-in', (e) => record(`ciam-signed-in ${e.detail.user.email ?? e.detail.user.sub}`));
document.addEventListener('ciam-signed-out', () => record('ciam-signed-out'));
document.addEventListener('ciam-error', (e) => record(`ciam-error ${e.detail.error.code}`));
