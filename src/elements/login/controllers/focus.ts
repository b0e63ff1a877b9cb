/**
 * Focus follows the flow of <ciam-login>, so it never drops to the page's
 * body when what had it goes away: to the error when one shows, back to the
 * sign-in button after a cancelled popup, to the signed-in line after signing
 * in here, and in embedded mode to the error summary (after the OP's answer or
 * the form's own check), the next step's first field, or the line saying a new
 * code was sent. Never on the first paint: focus is the page's until the user acts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EmbeddedFlow } from '../../../core/embedded.js';
import type { SessionController } from '../../shared/controllers/session.js';
import type { FormNote } from '../embedded.js';

export interface FocusOptions {
  /** The embedded flow whose form is on screen, if any. */
  flow(): EmbeddedFlow | null;
  /** The form's note: a new one with problems means its own check refused a submit. */
  note(): FormNote;
  /** The light-DOM container of the forms. */
  form: ParentNode;
  /** Id of the forms' error summary. */
  errorId: string;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

/** States from which a sign-in happens in this element (its form or button had focus). */
const acting = ['signed-out', 'signing-in', 'reauthenticating'];

export class FocusController implements ReactiveController {
  // #private: the minifier shortens these names (bundle budget).
  readonly #host: Host;
  readonly #session: Pick<SessionController, 'state'>;
  readonly #options: FocusOptions;
  #lastState = '';
  #lastForm = '';
  #lastNote: FormNote | undefined;
  /** Focus was in the element before this update (a disabled button loses it to the body meanwhile). */
  #had = false;
  /** Signed in here while focus was in the element: it goes to the signed-in line as soon as one can take it. */
  #owed = false;

  constructor(host: Host, session: Pick<SessionController, 'state'>, options: FocusOptions) {
    this.#host = host;
    this.#session = session;
    this.#options = options;
    host.addController(this);
  }

  hostUpdate() {
    this.#had = this.#host.contains(document.activeElement);
  }

  /** After each render, once the form is in place too. */
  hostUpdated() {
    const flow = this.#options.flow();
    if (flow) this.#followForm(flow);
    const name = this.#session.state.name;
    const previous = this.#lastState;
    this.#lastState = name;
    // The error box, the sign-in button, the signed-in line and the title are in the shadow root.
    const shadow = this.#host.renderRoot;
    if (name !== previous) {
      if (name === 'error') focus(shadow, '[part~="error"]');
      else if (name === 'signed-out' && previous === 'signing-in') focus(shadow, '[part~="sign-in-button"]');
      else this.#owed = name === 'signed-in' && acting.includes(previous) && (this.#had || document.activeElement === document.body);
    }
    if (this.#owed) {
      // Signed in here: the signed-in line, or the passkey offer's title. A page that hides the element
      // until the offer shows (ciam-login[state='signed-in']:not([offering])) gets it then; the user moving
      // focus elsewhere meanwhile ends the debt.
      const active = document.activeElement;
      if (name !== 'signed-in' || (active !== document.body && !this.#host.contains(active))) this.#owed = false;
      else (shadow.querySelector<HTMLElement>('[part~="signed-in"]') ?? shadow.querySelector<HTMLElement>('[part~="title"]'))?.focus();
      if (this.#host.contains(document.activeElement)) this.#owed = false;
    }
    // What had focus went away with this render (a button disabled while a request runs, the signed-in
    // line replaced by the passkey offer, a step still loading): the title holds it until the next target.
    if (this.#had && document.activeElement === document.body) focus(shadow, '[part~="title"]');
  }

  /**
   * A refused submit or a new error goes to the summary; a new step to its first field; the same
   * step back from the OP after "Send a new code" to the line saying so. Nothing on the first form
   * or while a request is pending.
   */
  #followForm(flow: EmbeddedFlow) {
    const last = this.#lastForm;
    const key = `${flow.intent}|${flow.step}|${flow.error?.code ?? ''}|${flow.pending}`;
    const note = this.#options.note();
    const noted = note !== this.#lastNote && !!note.problems;
    this.#lastNote = note;
    if (key === last && !noted) return;
    this.#lastForm = key;
    if (!last || flow.pending) return;
    const form = this.#options.form;
    if (flow.error || noted) focus(form, `#${this.#options.errorId}`);
    else if (note.resent && note.step === flow.step) focus(form, '.ciam-sent');
    // A step with nothing to type (a link sent) starts at the line saying where it went.
    else if (!last.startsWith(`${flow.intent}|${flow.step}|`) && !focus(form, 'input:not([tabindex="-1"])') && !focus(form, '.ciam-sent'))
      focus(form, 'button');
  }
}

/** Focuses the first match; false when there is none. */
function focus(root: ParentNode, selector: string): boolean {
  const target = root.querySelector<HTMLElement>(selector);
  target?.focus();
  return !!target;
}
