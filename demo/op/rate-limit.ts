// In-memory sliding-window counters for the challenge endpoint. One process,
// demo traffic: a Map of timestamps is enough, and a restart forgets all
// counts (acceptable for a development OP, not for production).

export class SlidingWindow {
  readonly #hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  #live(key: string, now: number): number[] {
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (hits.length) this.#hits.set(key, hits);
    else this.#hits.delete(key);
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
    this.#hits.set(key, hits);
    if (this.#hits.size > 10_000) this.#sweep(now);
  }

  /** Bounds memory when many different keys pass by. */
  #sweep(now: number): void {
    for (const key of [...this.#hits.keys()]) this.#live(key, now);
  }
}

/**
 * Two windows over the same events: per client IP + identifier, so one
 * account cannot be guessed at, and per IP, so one client cannot spread its
 * guesses over many accounts.
 */
export class PairedLimit {
  readonly #perIdentifier: SlidingWindow;
  readonly #perIp: SlidingWindow;

  constructor(perIdentifier: number, perIp: number, windowMs: number) {
    this.#perIdentifier = new SlidingWindow(perIdentifier, windowMs);
    this.#perIp = new SlidingWindow(perIp, windowMs);
  }

  /** Seconds to wait before the next event from this IP for this identifier; 0 = go. */
  retryAfter(ip: string, identifier: string): number {
    return Math.max(this.#perIdentifier.retryAfter(`${ip} ${identifier.toLowerCase()}`), this.#perIp.retryAfter(ip));
  }

  hit(ip: string, identifier: string): void {
    this.#perIdentifier.hit(`${ip} ${identifier.toLowerCase()}`);
    this.#perIp.hit(ip);
  }
}
