/**
 * Loads what <ciam-login> shows after its first paint, when it first needs
 * it (bundle budget, docs/decisions.md): the embedded/hosted forms with their
 * stylesheet and messages, the steps after the first submit with theirs, and
 * the messages of an OP's answer. The modules are shared by all instances.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EmbeddedFlow } from '../../../core/embedded.js';
import type { SessionState } from '../../../core/states.js';
import { addDefaultMessages } from '../../../i18n/index.js';
import type { SessionController } from '../../shared/controllers/session.js';

/** A module loaded once and kept; a failed load (offline) is forgotten, so the next call tries again. */
export interface Lazy<T> {
  /** The module, once it has loaded. */
  readonly value: T | undefined;
  load(): Promise<T>;
}

export function lazy<T>(importer: () => Promise<T>): Lazy<T> {
  let value: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    get value() {
      return value;
    },
    load: () =>
      (loading ??= importer().then(
        (module) => (value = module),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      )),
  };
}

/** The forms' opening views (identifier, sign-up, recovery) and their stylesheet. */
const views = lazy(() => import('../embedded.js').then((m) => (addDefaultMessages('en', m.enForms), m)));
/** The steps after the first submit (password, codes, passkey prompt). */
const steps = lazy(() => import('../embedded-steps.js').then((m) => (addDefaultMessages('en', m.enSteps), m)));
/** Step-up and the errors of an OP's answer (i18n/en-session.ts). */
const sessionMessages = lazy(() => import('../../../i18n/en-session.js').then((m) => (addDefaultMessages('en', m.enSession), m)));

export interface LazyViewsOptions {
  /** The mode is known to collect credentials: the forms load at once, in parallel with discovery. */
  eager(): boolean;
  /** The embedded flow the element shows, if any. */
  flow(): EmbeddedFlow | null;
}

/**
 * The forms load when a flow is to be shown (or at once, `eager`). The later
 * steps and the OP-answer messages load when the user first acts (a request
 * pending: the answer they describe is on its way) or a flow reaches one; the
 * messages also with the first state past the opening screen (a sign-in under
 * way, an answer come back).
 */
export class LazyViewsController implements ReactiveController {
  readonly views = views;
  readonly steps = steps;
  // #private: the minifier shortens these names (bundle budget).
  readonly #host: ReactiveControllerHost;
  readonly #session: Pick<SessionController, 'state'>;
  readonly #options: LazyViewsOptions;

  constructor(host: ReactiveControllerHost, session: Pick<SessionController, 'state'>, options: LazyViewsOptions) {
    this.#host = host;
    this.#session = session;
    this.#options = options;
    host.addController(this);
  }

  /** Everything this flow's form needs has loaded. */
  ready(flow: EmbeddedFlow): boolean {
    return !!views.value && (!!steps.value || views.value.firstSteps.includes(flow.step));
  }

  hostUpdate() {
    const flow = this.#options.flow();
    // The first update follows the connection at once: an eager element fetches the forms while discovery runs.
    if (!views.value && (flow || this.#options.eager())) this.#fetch(views);
    else if (flow && !steps.value && (flow.pending || !this.ready(flow))) this.#fetch(steps);
    if (!sessionMessages.value && (flow?.pending || pastOpening(this.#session.state))) this.#fetch(sessionMessages);
  }

  /** Renders again once loaded; after a failure the next update or action tries again. */
  #fetch(module: Lazy<unknown>) {
    module.load().then(
      () => this.#host.requestUpdate(),
      () => undefined,
    );
  }
}

/** A sign-in is under way, or an answer came back (a notice, an error): the opening screen is behind. */
function pastOpening(state: SessionState): boolean {
  return state.name !== 'idle' && state.name !== 'discovering' && (state.name !== 'signed-out' || !!state.notice);
}
