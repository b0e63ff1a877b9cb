// In-memory rate limits for the challenge flows, the plain forms and the
// federation proof. One process, demo traffic: Maps are enough, and a restart
// forgets all counts (acceptable for a development OP, not for production,
// where these belong in a shared store). Every Map is bounded (BoundedMap):
// a flood of new keys evicts the oldest idle ones, never grows memory.

/** Most keys one table keeps; beyond that, the least recently used go first. */
export const MAX_KEYS = 50_000;

/**
 * A Map that keeps at most `max` entries: set() moves a key to the end, and
 * an insert beyond `max` first drops entries `idle()` says may go, then the
 * least recently set ones.
 */
class BoundedMap<V> {
  readonly #entries = new Map<string, V>();

  constructor(
    readonly max: number,
    readonly idle: (value: V, now: number) => boolean,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: V, now: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size <= this.max) return;
    for (const [k, v] of this.#entries) if (this.idle(v, now)) this.#entries.delete(k);
    for (const k of this.#entries.keys()) {
      if (this.#entries.size <= this.max) break;
      this.#entries.delete(k);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}

// ---- failed guesses: growing delays, reserved before the work ----

/** How one kind of key (address + account, address, account) is throttled. */
export interface GuessRule {
  /** Failures allowed before any delay. */
  free: number;
  /** Delay after the first failure beyond `free`; each further one doubles it. */
  firstDelayMs: number;
  /** The delay never grows beyond this: a slowdown, never a lockout. */
  maxDelayMs: number;
  /** Failures are forgotten this long after the last one (and its delay) has passed. */
  forgetAfterMs: number;
  /** A success resets this key's failures (it proved the password); false: it only gives back its reservation. */
  resetOnSuccess: boolean;
}

interface GuessState {
  /** Consecutive failures (a success resets them where the rule says so). */
  failures: number;
  /** Attempts reserved and not yet settled. */
  inFlight: number;
  /** No attempt before this time (epoch ms). */
  blockedUntil: number;
  /** When the state may be dropped (epoch ms). */
  forgetAt: number;
}

/** One reserved attempt: settle it exactly once with fail(), succeed() or release(). */
export interface Ticket {
  /** The guess was wrong: count it, and start or lengthen the delay. */
  fail(): void;
  /** The guess was right: give the reservation back (and reset the account's failures). */
  succeed(): void;
  /** Nothing was decided (e.g. the flow was gone): give the reservation back. */
  release(): void;
}

export type Reservation = { ok: true; ticket: Ticket } | { ok: false; retryAfterSeconds: number };

/**
 * Failed password, code and passkey guesses. An attempt is reserved before
 * the slow work (the password hash) and settled after it, so parallel
 * requests count at once: once `free` attempts are reserved or failed, the
 * next one waits. Past `free`, each failure sets a delay that doubles up to
 * the rule's maximum; one attempt at a time may then run after each delay.
 *
 * Three keys per attempt, each with its own rule: the client address and
 * the account (one person guessing at one account), the address (one client
 * spreading guesses over many accounts), and the account from any address (a
 * botnet taking turns on one account). The account key is the identifier as
 * typed (normalized) or a passkey's credential ID, so unknown accounts are
 * limited exactly like real ones.
 */
export class GuessLimiter {
  readonly #tables: { rule: GuessRule; states: BoundedMap<GuessState> }[];

  constructor(
    readonly rules: { pair: GuessRule; address: GuessRule; account: GuessRule },
    maxKeys = MAX_KEYS,
  ) {
    const idle = (s: GuessState, now: number) => s.inFlight === 0 && now >= s.forgetAt;
    this.#tables = [rules.pair, rules.address, rules.account].map((rule) => ({ rule, states: new BoundedMap<GuessState>(maxKeys, idle) }));
  }

  /**
   * Reserves one attempt, or says how long to wait. `perAccount: false` leaves the account key out:
   * emailed codes, whose guessing is bounded by the code emails per account and the tries per code,
   * so that someone guessing at an account's password cannot also block its owner's code sign-in
   * and recovery.
   */
  reserve(address: string, account: string, now = Date.now(), { perAccount = true } = {}): Reservation {
    const keys = this.#keys(address, account);
    const tables = perAccount ? this.#tables : this.#tables.slice(0, 2);
    let wait = 0;
    const states = tables.map(({ rule, states: table }, i) => {
      const state = this.#live(table, keys[i], now);
      wait = Math.max(wait, waitMs(rule, state, now));
      return state;
    });
    if (wait > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };

    states.forEach((state, i) => {
      state.inFlight++;
      tables[i].states.set(keys[i], state, now);
    });
    let settled = false;
    const settle = (outcome: 'fail' | 'succeed' | 'release') => {
      if (settled) return;
      settled = true;
      const at = Date.now();
      tables.forEach(({ rule, states: table }, i) => {
        const state = table.get(keys[i]) ?? states[i];
        state.inFlight = Math.max(0, state.inFlight - 1);
        if (outcome === 'fail') {
          state.failures++;
          const over = state.failures - rule.free;
          if (over >= 0) state.blockedUntil = at + Math.min(rule.firstDelayMs * 2 ** Math.min(over, 40), rule.maxDelayMs);
          state.forgetAt = Math.max(at, state.blockedUntil) + rule.forgetAfterMs;
        } else if (outcome === 'succeed' && rule.resetOnSuccess) {
          state.failures = 0;
          state.blockedUntil = 0;
        }
        table.set(keys[i], state, at);
      });
    };
    return { ok: true, ticket: { fail: () => settle('fail'), succeed: () => settle('succeed'), release: () => settle('release') } };
  }

  /** Seconds until an attempt would be let through now (0: at once), without reserving one. */
  retryAfter(address: string, account: string, now = Date.now()): number {
    const keys = this.#keys(address, account);
    const wait = Math.max(...this.#tables.map(({ rule, states }, i) => waitMs(rule, this.#live(states, keys[i], now), now)));
    return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : 0;
  }

  /** After a password reset: the account's guesses no longer matter (the password they aimed at is gone). */
  forgetAccount(account: string): void {
    this.#tables[2].states.delete(account.toLowerCase());
  }

  #keys(address: string, account: string): [string, string, string] {
    const id = account.toLowerCase();
    return [`${address} ${id}`, address, id];
  }

  #live(table: BoundedMap<GuessState>, key: string, now: number): GuessState {
    const state = table.get(key);
    if (state && (state.inFlight > 0 || now < state.forgetAt)) return state;
    if (state) table.delete(key);
    return { failures: 0, inFlight: 0, blockedUntil: 0, forgetAt: 0 };
  }
}

/** How long an attempt on this key must wait now (ms); 0 = go. */
function waitMs(rule: GuessRule, state: GuessState, now: number): number {
  if (now < state.blockedUntil) return state.blockedUntil - now;
  // Within the free allowance, reservations count like failures: parallel requests cannot overtake it.
  if (state.failures + state.inFlight < rule.free) return 0;
  // Past it, one attempt at a time, after each delay; the one running settles within a second.
  return state.inFlight > 0 ? 1000 : 0;
}

// ---- code emails: a sliding window ----

export class SlidingWindow {
  readonly #hits: BoundedMap<number[]>;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    maxKeys = MAX_KEYS,
  ) {
    this.#hits = new BoundedMap<number[]>(maxKeys, (hits, now) => hits.every((t) => t <= now - windowMs));
  }

  #live(key: string, now: number): number[] {
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (!hits.length) this.#hits.delete(key);
    return hits;
  }

  /** Seconds until one more hit is allowed for `key`; 0 when allowed now. */
  retryAfter(key: string, now = Date.now()): number {
    const hits = this.#live(key, now);
    if (hits.length < this.limit) return 0;
    // The window frees a slot when the oldest hit that keeps us at the limit expires.
    const oldest = hits[hits.length - this.limit];
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  hit(key: string, now = Date.now()): void {
    const hits = this.#live(key, now);
    hits.push(now);
    this.#hits.set(key, hits, now);
  }
}

/**
 * Code emails (and the sign-up notice) in three sliding windows over the same
 * events: per client address + identifier, per address, and per identifier
 * from any address (every code is one more chance to guess one).
 */
export class SendLimit {
  readonly #pair: SlidingWindow;
  readonly #address: SlidingWindow;
  readonly #identifier: SlidingWindow;

  constructor(perPair: number, perAddress: number, perIdentifier: number, windowMs: number) {
    this.#pair = new SlidingWindow(perPair, windowMs);
    this.#address = new SlidingWindow(perAddress, windowMs);
    this.#identifier = new SlidingWindow(perIdentifier, windowMs);
  }

  /** Seconds to wait before the next email from this address for this identifier; 0 = go. */
  retryAfter(address: string, identifier: string): number {
    const id = identifier.toLowerCase();
    return Math.max(this.#pair.retryAfter(`${address} ${id}`), this.#address.retryAfter(address), this.#identifier.retryAfter(id));
  }

  hit(address: string, identifier: string): void {
    const id = identifier.toLowerCase();
    this.#pair.hit(`${address} ${id}`);
    this.#address.hit(address);
    this.#identifier.hit(id);
  }
}
