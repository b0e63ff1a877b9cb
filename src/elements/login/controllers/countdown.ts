/**
 * Countdowns of an embedded step tick: while "Resend code" or a 429's
 * Retry-After is still ahead, the element renders again every second (at
 * most) until it has passed.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EmbeddedFlow } from '../../../core/embedded.js';

export class CountdownController implements ReactiveController {
  // #private: the minifier shortens these names (bundle budget).
  readonly #host: ReactiveControllerHost;
  readonly #flow: () => EmbeddedFlow | null;
  #tick: ReturnType<typeof setTimeout> | undefined;

  /** `flow`: the embedded flow whose form is on screen, if any. */
  constructor(host: ReactiveControllerHost, flow: () => EmbeddedFlow | null) {
    this.#host = host;
    this.#flow = flow;
    host.addController(this);
  }

  hostUpdated() {
    clearTimeout(this.#tick);
    const flow = this.#flow();
    const now = Date.now();
    const until = Math.max(flow?.resendAvailableAtMs ?? 0, flow?.retryAvailableAtMs ?? 0);
    if (until > now) this.#tick = setTimeout(() => this.#host.requestUpdate(), Math.min(1000, until - now));
  }

  hostDisconnected() {
    clearTimeout(this.#tick);
  }
}
