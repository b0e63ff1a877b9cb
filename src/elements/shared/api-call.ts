/**
 * The calls of an account card (<ciam-connections>, <ciam-consent>): busy
 * while one runs, the last message cleared when it starts, and a failure
 * shown as the card's error (`part="error"`), which takes focus. Setting
 * `status` or `error` renders the card again.
 */
import type { ReactiveControllerHost } from 'lit';
import { CiamError, type CiamErrorData } from '../../core/errors.js';

type Card = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class ApiCallController {
  #busy = false;
  #error: CiamErrorData | null = null;
  #status = '';

  constructor(private readonly host: Card) {}

  get busy(): boolean {
    return this.#busy;
  }
  get error(): CiamErrorData | null {
    return this.#error;
  }
  set error(error: CiamErrorData | null) {
    this.#error = error;
    this.host.requestUpdate();
  }
  get status(): string {
    return this.#status;
  }
  set status(status: string) {
    this.#status = status;
    this.host.requestUpdate();
  }

  /** Runs one call: its value, or `ok: false` once its error shows. */
  async run<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    this.#busy = true;
    this.#error = null;
    this.#status = '';
    this.host.requestUpdate();
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      this.error = error instanceof CiamError ? error.toData() : { code: 'unknown', detail: String(error) };
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('[part~="error"]')?.focus();
      return { ok: false };
    } finally {
      this.#busy = false;
      this.host.requestUpdate();
    }
  }
}
