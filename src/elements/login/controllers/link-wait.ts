/**
 * While the sign-in link step shows, the page asks the OP whether the link
 * was opened: every few seconds (as the OP says), and at once when the user
 * comes back to this tab (from their mail app). The machine sends one request
 * at a time and stops asking once the link has expired.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EmbeddedFlow } from '../../../core/embedded.js';

export class LinkWaitController implements ReactiveController {
  // #private: the minifier shortens these names (bundle budget).
  readonly #flow: () => EmbeddedFlow | null;
  readonly #ask: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #visible = () => {
    if (document.visibilityState === 'visible' && this.#waiting()) this.#ask();
  };

  /** `flow`: the embedded flow whose form is on screen; `ask`: sends the status request. */
  constructor(host: ReactiveControllerHost, flow: () => EmbeddedFlow | null, ask: () => void) {
    this.#flow = flow;
    this.#ask = ask;
    host.addController(this);
  }

  #waiting(): boolean {
    const flow = this.#flow();
    return flow?.step === 'email-link' && flow.error?.code !== 'link_expired';
  }

  hostUpdated() {
    const flow = this.#flow();
    // A new timer after each answer (the state changed): the interval runs from the last answer, not the last ask.
    if (this.#timer !== undefined || !this.#waiting() || flow?.polling) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        if (this.#waiting()) this.#ask();
      },
      (flow?.pollEveryS ?? 2) * 1000,
    );
  }

  hostConnected() {
    document.addEventListener('visibilitychange', this.#visible);
  }

  hostDisconnected() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    document.removeEventListener('visibilitychange', this.#visible);
  }
}
