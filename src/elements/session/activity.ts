/**
 * The user's last activity in any tab of the app (same origin): pointer,
 * keys, wheel and touch here, and what the other tabs report over a
 * BroadcastChannel (at most every 5 s each). A tab that opens counts as
 * activity. `paused`: local activity does not count (while the warning asks
 * for an explicit answer); the other tabs' still does.
 */
const EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const REPORT_EVERY_MS = 5_000;

export class Activity {
  last: number;
  paused = false;
  readonly #channel: BroadcastChannel | null;
  readonly #changed: () => void;
  #reported = 0;
  readonly #onLocal = () => {
    if (!this.paused) this.touch();
  };

  constructor(now: number, changed: () => void) {
    this.last = now;
    this.#changed = changed;
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('ciam-activity') : null;
    this.#channel?.addEventListener('message', ({ data }: MessageEvent<unknown>) => {
      const at = (data as { at?: unknown } | null)?.at;
      // Another tab's report; never from the future (a skewed or hostile message must not keep a session alive).
      if (typeof at === 'number' && at > this.last && at <= Date.now() + 1000) {
        this.last = at;
        this.#changed();
      }
    });
    for (const type of EVENTS) addEventListener(type, this.#onLocal, { passive: true, capture: true });
  }

  /** The user is here now (an event, or "Stay signed in"): noted, and told to the other tabs. */
  touch(now = Date.now()) {
    this.last = now;
    if (now - this.#reported >= REPORT_EVERY_MS || this.paused) {
      this.#reported = now;
      this.#channel?.postMessage({ at: now });
    }
    this.#changed();
  }

  stop() {
    for (const type of EVENTS) removeEventListener(type, this.#onLocal, { capture: true });
    this.#channel?.close();
  }
}
