/**
 * Passkey autofill: while the email step of embedded or hosted mode shows
 * and nothing runs, asks the client to let passkeys wait in the field's
 * suggestions. The core decides when that fits (`collectsPasskeyAutofill`);
 * the client and the browser decide whether it can (docs/decisions.md).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { collectsPasskeyAutofill, type EmbeddedFlow } from '../../../core/embedded.js';
import type { SessionController } from '../../shared/controllers/session.js';

export interface AutofillOptions {
  /** The embedded flow whose form is on screen, if any. */
  flow(): EmbeddedFlow | null;
  /** This element may use passkeys (the browser has WebAuthn; not `no-passkeys`). */
  passkeys(): boolean;
}

export class AutofillController implements ReactiveController {
  // #private: the minifier shortens these names (bundle budget).
  readonly #session: Pick<SessionController, 'client'>;
  readonly #options: AutofillOptions;

  constructor(host: ReactiveControllerHost, session: Pick<SessionController, 'client'>, options: AutofillOptions) {
    this.#session = session;
    this.#options = options;
    host.addController(this);
  }

  /** After each render: the email field is in place, so the browser finds it when the request starts. */
  hostUpdated() {
    const options = this.#options;
    const client = this.#session.client;
    const state = client?.state;
    const flow = options.flow();
    if (state?.name === 'signed-out' && flow && options.passkeys() && (state.autofill?.stage ?? 'off') === 'off' && collectsPasskeyAutofill(state, flow)) {
      void client!.autofill();
    }
  }
}
