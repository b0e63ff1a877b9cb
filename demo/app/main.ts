// The demo app: the page chrome every variant shares (header with <ciam-user>,
// account panel, event log) around the page's own <ciam-login>.
import '../../src/index.js';
import type { SessionUser } from '../../src/index.js';

const variants = [
  ['/embedded.html', 'Embedded'],
  ['/', 'Redirect'],
  ['/popup.html', 'Popup'],
  ['/session.html', 'Session storage'],
];

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const nav = element('nav', { ariaLabel: 'Demo variants' }, ...variants.map(([href, label]) => element('a', { href, textContent: label })));
document.body.prepend(element('header', { className: 'topbar' }, element('a', { className: 'brand', href: '/', textContent: 'Acme Store' }), nav, element('ciam-user')));

const claims = element('dl');
const account = element('section', { className: 'account', hidden: true },
  element('h2', { textContent: 'Your account' }),
  element('p', { textContent: "You are signed in. These claims came from the provider's userinfo endpoint:" }),
  claims,
);
const log = element('ol', { id: 'event-log' });
document.querySelector('main')!.append(account, element('section', { className: 'events' }, element('h2', { textContent: 'Events' }), log));

function record(text: string) {
  log.prepend(element('li', { textContent: `${new Date().toLocaleTimeString()} ${text}` }));
}

function showAccount(user: SessionUser | null) {
  account.hidden = !user;
  claims.replaceChildren(...Object.entries(user?.claims ?? {}).flatMap(([name, value]) => [element('dt', { textContent: name }), element('dd', { textContent: String(value) })]));
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
