/**
 * Focus follows the flow of <ciam-login>: to the error when one shows, back
 * to the sign-in button after a cancelled popup, and in embedded mode to the
 * error summary or the next step's first field. Never on the first paint:
 * focus is the page's until the user acts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EmbeddedFlow } from '../../../core/embedded.js';
import type { SessionController } from '../../shared/controllers/session.js';

export interface FocusOptions {
  /** The embedded flow whose form is on screen, if any. */
  flow(): EmbeddedFlow | null;
  /** The light-DOM container of the forms. */
  form: ParentNode;
  /** Id of the forms' error summary. */
  errorId: string;
}

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

export class FocusController implements ReactiveController {
  // #private: the minifier shortens these names (bundle budget).
  readonly #host: Host;
  readonly #session: Pick<SessionController, 'state'>;
  readonly #options: FocusOptions;
  #lastState = '';
  #lastForm = '';

  constructor(host: Host, session: Pick<SessionController, 'state'>, options: FocusOptions) {
    this.#host = host;
    this.#session = session;
    this.#options = options;
    host.addController(this);
  }

  /** After each render, once the form is in place too. */
  hostUpdated() {
    const flow = this.#options.flow();
    if (flow) this.#followForm(flow);
    const name = this.#session.state.name;
    const previous = this.#lastState;
    if (name === previous) return;
    this.#lastState = name;
    // The error box and the sign-in button are in the shadow root.
    if (name === 'error') focus(this.#host.renderRoot, '[part~="error"]');
    else if (name === 'signed-out' && previous === 'signing-in') focus(this.#host.renderRoot, '[part~="sign-in-button"]');
  }

  /** A new error goes to the summary, a new step to its first field; nothing on the first form or while a request is pending. */
  #followForm(flow: EmbeddedFlow) {
    const last = this.#lastForm;
    const key = `${flow.intent}|${flow.step}|${flow.error?.code ?? ''}|${flow.pending}`;
    if (key === last) return;
    this.#lastForm = key;
    if (!last || flow.pending) return;
    const form = this.#options.form;
    if (flow.error) focus(form, `#${this.#options.errorId}`);
    else if (!last.startsWith(`${flow.intent}|${flow.step}|`)) focus(form, 'input:not([tabindex="-1"])');
  }
}

function focus(root: ParentNode, selector: string) {
  root.querySelector<HTMLElement>(selector)?.focus();
}
