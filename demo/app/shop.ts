// The embedded page's little shop: a cart kept for guests. "Add to cart" without a session starts a guest
// session (<ciam-login>.startGuest()); signing up keeps the guest's account, signing in asks whether the
// cart moves into the account (the OP then tells the cart API, demo/op/cart-api.ts, which moves it).
import { getClient } from '../../src/index.js';
import type { CiamLogin } from '../../src/index.js';
import { element } from './chrome.js';

const login = document.querySelector<CiamLogin>('ciam-login')!;
const client = () => getClient({ authority: login.authority, clientId: login.clientId });
const cartUrl = () => `${login.authority}/api/cart`;

interface Item {
  id: string;
  qty: number;
}
let items: Item[] = [];

const list = element('ul', { className: 'cart-items' });
const status = element('p', { className: 'cart-status', role: 'status' });
const add = element('button', { type: 'button', className: 'add-to-cart', textContent: 'Add a notebook to the cart' });
document
  .querySelector('main')!
  .append(
    element(
      'section',
      { className: 'shop' },
      element('h2', { textContent: 'Shop' }),
      element('p', { textContent: 'No account needed to fill a cart: the first item starts a guest session. Sign up or sign in later to keep it.' }),
      add,
      list,
      status,
    ),
  );

function show() {
  list.replaceChildren(...items.map((item) => element('li', { textContent: `${item.qty} × ${item.id}` })));
  const count = items.reduce((sum, item) => sum + item.qty, 0);
  status.textContent = count ? `${count} in the cart` : 'The cart is empty';
  // Said when a guest signs in to an existing account: what would move into it.
  login.guestData = count ? `Your cart (${count} ${count === 1 ? 'item' : 'items'})` : '';
}

async function load() {
  const response = await client()
    .fetch(cartUrl())
    .catch(() => null);
  items = response?.ok ? ((await response.json()) as { items: Item[] }).items : [];
  show();
}

add.addEventListener('click', () => void addNotebook());
async function addNotebook() {
  if (login.state !== 'signed-in') {
    const signedIn = new Promise((done) => document.addEventListener('ciam-signed-in', done, { once: true }));
    login.startGuest();
    await signedIn;
  }
  const notebook = items.find((item) => item.id === 'notebook');
  const next = notebook ? items.map((item) => (item === notebook ? { ...item, qty: item.qty + 1 } : item)) : [...items, { id: 'notebook', qty: 1 }];
  const response = await client().fetch(cartUrl(), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: next }) });
  if (response.ok) items = ((await response.json()) as { items: Item[] }).items;
  show();
}

document.addEventListener('ciam-signed-in', () => void load());
document.addEventListener('ciam-signed-out', () => {
  items = [];
  show();
});
show();
