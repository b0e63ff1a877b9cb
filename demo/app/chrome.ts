// What every demo page shares: an element helper and the top bar (brand, the variants, <ciam-user>).
import type { SessionUser } from '../../src/index.js';
import { variants } from './variants.js';

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export function addTopbar() {
  const nav = element('nav', { ariaLabel: 'Demo variants' }, ...variants.map(([href, label]) => element('a', { href, textContent: label })));
  document.body.prepend(
    element('header', { className: 'topbar' }, element('a', { className: 'brand', href: '/', textContent: 'Acme Store' }), nav, element('ciam-user')),
  );
}

/** The user's claims as a definition list (text only: a claim is never markup). */
export function showClaims(list: Element, user: SessionUser | null) {
  list.replaceChildren(
    ...Object.entries(user?.claims ?? {}).flatMap(([name, value]) => [element('dt', { textContent: name }), element('dd', { textContent: String(value) })]),
  );
}
