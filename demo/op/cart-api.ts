/**
 * The demo app's cart API (cart.ts), on the OP's origin like its other APIs: `GET /api/cart` and
 * `PUT /api/cart` `{"items":[{"id","qty"}]}` with the user's access token, guests included (a cart is what a
 * guest session is for). And the app's receiver of guest-merged events (`POST /api/guest-merged`, the demo
 * client's guest_merge_uri): a checked event moves the guest's cart into the account's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { createBearerApi, readJson } from './bearer-api.js';
import type { OpDb } from './db.js';
import { parseCart } from './cart.js';
import type { CartStore } from './cart.js';
import { SET_MEDIA_TYPE } from './guest-merge-event.js';
import type { GuestMergedReceiver } from './guest-merge-event.js';
import { sendJson } from './http.js';

export const CART_PATH = '/api/cart';
export const GUEST_MERGED_PATH = '/api/guest-merged';
/** 50 items of a 64-character id and a quantity fit in 4 KB. */
const MAX_CART_BYTES = 4 * 1024;
/** A SET is a few hundred bytes. */
const MAX_SET_BYTES = 8 * 1024;

export function createCartApiHandler(options: { provider: Provider; db: OpDb; carts: CartStore; appOrigins: Set<string> }) {
  const { carts } = options;
  return createBearerApi({
    ...options,
    route: /^\/api\/cart$/,
    methods: () => ['GET', 'PUT'],
    stepUp: new Set(),
    guests: true,
    async handle(req, user) {
      if (req.method === 'PUT') {
        const items = parseCart(await readJson(req, ['application/json'], MAX_CART_BYTES));
        if ('error' in items) return { status: 400, body: { error: 'invalid_request', error_description: items.error } };
        carts.put(user.id, items);
      }
      return { status: 200, body: { items: carts.get(user.id) } };
    },
    name: 'cart api',
  });
}

/** RFC 8935 push delivery: 202 and nothing else when accepted, 400 `{"err","description"}` when not. Server to server: no CORS. */
export function createGuestMergedHandler(options: { carts: CartStore; receiver: GuestMergedReceiver }) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path !== GUEST_MERGED_PATH) return false;
    if (req.method !== 'POST') return (res.writeHead(405, { Allow: 'POST' }).end(), true);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== SET_MEDIA_TYPE) return (sendJson(res, 415, { err: 'invalid_request', description: `Expected ${SET_MEDIA_TYPE}.` }), true);
    const set = await readText(req, MAX_SET_BYTES);
    if (set === undefined) return (sendJson(res, 413, { err: 'invalid_request', description: 'The SET is too large.' }), true);
    const checked = await options.receiver.check(set.trim());
    if (!checked.ok) return (sendJson(res, 400, { err: checked.err, description: checked.description }), true);
    options.carts.merge(checked.guestSub, checked.sub);
    res.writeHead(202, { 'Cache-Control': 'no-store' }).end();
    return true;
  };
}

/** The body as text, or undefined when it is longer than `max` bytes. */
async function readText(req: IncomingMessage, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
