/**
 * The demo app's shopping cart (cart-api.ts): what a guest session is for. One cart per `sub`, stored on the OP
 * because the demo's APIs live there; to the OP it is app data like any other. A guest's cart moves into the
 * account's when the guest is merged at sign-in (the guest-merged event), and goes when the guest expires.
 */
import type { BetterSqlite3 } from 'better-sqlite3';

export interface CartItem {
  id: string;
  qty: number;
}

export const MAX_ITEMS = 50;
export const MAX_QTY = 99;
const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;

const CARTS_SCHEMA = `
-- The demo app's carts (cart.ts), by sub; items is a JSON array of {id, qty}.
CREATE TABLE IF NOT EXISTS carts (
  sub TEXT PRIMARY KEY,
  items TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

/** `{items: [{id, qty}]}` as sent to PUT /api/cart: the items, or why not. Nothing else is accepted. */
export function parseCart(body: Record<string, unknown>): CartItem[] | { error: string } {
  const extra = Object.keys(body).filter((key) => key !== 'items');
  if (extra.length) return { error: `Unknown field: ${extra[0]}.` };
  const { items } = body;
  if (!Array.isArray(items)) return { error: 'items must be an array.' };
  if (items.length > MAX_ITEMS) return { error: `At most ${MAX_ITEMS} items.` };
  const seen = new Set<string>();
  for (const item of items as unknown[]) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { error: 'Each item must be {"id","qty"}.' };
    const { id, qty, ...rest } = item as Record<string, unknown>;
    if (Object.keys(rest).length) return { error: 'Each item must be {"id","qty"}.' };
    if (typeof id !== 'string' || !ITEM_ID.test(id)) return { error: 'id must be 1 to 64 letters, digits, _ or -.' };
    if (!Number.isInteger(qty) || (qty as number) < 1 || (qty as number) > MAX_QTY) return { error: `qty must be a whole number from 1 to ${MAX_QTY}.` };
    if (seen.has(id)) return { error: `Item ${id} is listed twice.` };
    seen.add(id);
  }
  return (items as CartItem[]).map(({ id, qty }) => ({ id, qty }));
}

export class CartStore {
  readonly #get: BetterSqlite3.Statement;
  readonly #put: BetterSqlite3.Statement;
  readonly #remove: BetterSqlite3.Statement;
  readonly #sqlite: BetterSqlite3.Database;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
    sqlite.exec(CARTS_SCHEMA);
    this.#get = sqlite.prepare('SELECT items FROM carts WHERE sub = ?');
    this.#put = sqlite.prepare(
      'INSERT INTO carts (sub, items, updated_at) VALUES (?, ?, ?) ON CONFLICT (sub) DO UPDATE SET items = excluded.items, updated_at = excluded.updated_at',
    );
    this.#remove = sqlite.prepare('DELETE FROM carts WHERE sub = ?');
  }

  get(sub: string): CartItem[] {
    const row = this.#get.get(sub) as { items: string } | undefined;
    return row ? (JSON.parse(row.items) as CartItem[]) : [];
  }

  put(sub: string, items: CartItem[]): void {
    if (items.length) this.#put.run(sub, JSON.stringify(items), new Date().toISOString());
    else this.#remove.run(sub);
  }

  remove(subs: string[]): void {
    for (const sub of subs) this.#remove.run(sub);
  }

  /** The guest's items added to the account's (same item: quantities add up, to MAX_QTY; at most MAX_ITEMS), the guest's cart gone. */
  merge(guestSub: string, sub: string): void {
    this.#sqlite.transaction(() => {
      const merged = new Map(this.get(sub).map((item) => [item.id, item.qty]));
      for (const { id, qty } of this.get(guestSub)) {
        if (merged.has(id) || merged.size < MAX_ITEMS) merged.set(id, Math.min(MAX_QTY, (merged.get(id) ?? 0) + qty));
      }
      this.put(
        sub,
        [...merged].map(([id, qty]) => ({ id, qty })),
      );
      this.#remove.run(guestSub);
    })();
  }
}
