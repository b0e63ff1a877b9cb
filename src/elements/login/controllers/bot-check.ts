/**
 * The OP's bot check in an embedded form (docs/first-party-challenge.md,
 * "Bot check"): when an answer asks for one, the proof is made and the same
 * submit (the form as filled in, or "email me a code") goes again with it. The built-in proof of work
 * runs by itself in slices (the page stays responsive; "Checking that you are
 * a person" is announced); a provider's widget (Turnstile, hCaptcha) loads
 * its script only now and renders in the form, and its token is the proof.
 * Comes with the later steps: a check always follows a submit.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BotChallenge, EmbeddedFlow } from '../../../core/embedded.js';

/** What the form shows meanwhile: the proof of work running, a widget to answer, or the widget failed to load. */
export type BotStatus = 'working' | 'widget' | 'unavailable';

export interface BotCheckHost {
  /** The flow whose form is on screen. */
  flow(): EmbeddedFlow | null;
  /** Where the form is (light DOM): the widget renders into its `.ciam-bot-widget`. */
  form: HTMLElement;
  /** Sends the submit the OP answered with a bot check again, with this proof. */
  resend(botProof: string): void;
}

/** Tries per slice of the proof of work: a few milliseconds each, so input and rendering go on between them. */
const SLICE = 4000;
/** A proof of work that fails again and again (an OP that keeps asking) stops after this many, with the error shown. */
const MAX_AUTOMATIC = 3;

export class BotCheckController implements ReactiveController {
  status: BotStatus | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #options: BotCheckHost;
  /** The challenge being answered; a new one (a new answer from the OP) starts again. */
  #challenge: BotChallenge | undefined;
  #automatic = 0;

  constructor(host: ReactiveControllerHost, options: BotCheckHost) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Before the render: the form shows what the check is doing in the same update. */
  hostUpdate() {
    const challenge = this.#options.flow()?.botCheck;
    if (challenge === this.#challenge) return;
    this.#challenge = challenge;
    if (!challenge) {
      if (!this.#options.flow()?.pending) this.#automatic = 0; // an answer that was no bot check: the next one counts afresh
      this.status = undefined;
    } else if (challenge.type === 'pow') {
      // After MAX_AUTOMATIC refusals the error stays; a submit by the user tries again.
      this.status = ++this.#automatic > MAX_AUTOMATIC ? undefined : 'working';
      if (this.status) void this.#work(challenge);
    } else {
      this.status = 'widget';
      void this.#widget(challenge);
    }
  }

  hostDisconnected() {
    this.#challenge = undefined;
  }

  async #work(challenge: Extract<BotChallenge, { type: 'pow' }>) {
    const { searchPow } = await import('../../../core/pow.js');
    for (let from = 0; challenge === this.#challenge; from += SLICE) {
      const found = searchPow(challenge.challenge, challenge.difficulty, from, SLICE);
      if (found !== null) return this.#options.resend(`pow:${challenge.challenge}:${found}`);
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  async #widget(challenge: Extract<BotChallenge, { type: 'turnstile' | 'hcaptcha' }>) {
    await this.#host.updateComplete; // the form shows the widget's place
    const place = this.#options.form.querySelector<HTMLElement>('.ciam-bot-widget');
    try {
      const { renderWidget } = await import('../bot-widgets.js');
      if (!place || challenge !== this.#challenge) return;
      await renderWidget(challenge.type, challenge.siteKey, place, (token) => {
        if (challenge === this.#challenge) this.#options.resend(`${challenge.type}:${token}`);
      });
    } catch {
      if (challenge !== this.#challenge) return;
      this.status = 'unavailable';
      this.#host.requestUpdate();
    }
  }
}
