/**
 * Where tokens live. Memory by default (gone on reload, never written to
 * disk or shared with other tabs; script running in the page can still ask
 * the client for them, so memory is no defence against XSS: see README,
 * "Security defaults"); sessionStorage only when the page opts
 * in with `store="session"`. Never localStorage, never cookies set from JS.
 * Loaded with the OIDC connector, which keeps the tokens.
 */
import type { Store } from '../core/config.js';

/** A Storage that forgets on reload. One per client, so elements sharing a client share tokens. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}

export function tokenStorage(store: Store, memory: MemoryStorage): Storage {
  return store === 'session' ? globalThis.sessionStorage : memory;
}
