import { adoptStyles, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ProfileStore } from '../../client/scim-api.js';
import type { ProfilePolicy } from '../../core/profile.js';
import type { Notification } from '../../core/states.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';
import { endVisits } from './profile-memory.js';
import type { ProfileQuestions } from './profile-questions.js';

/** How an answer ended: saved, skipped (remembered for the policy's interval), cancelled (a required ask), or nothing to ask. */
export type ProfileOutcome = 'saved' | 'skipped' | 'cancelled' | 'nothing';

/**
 * @tag ciam-profile
 * @summary Progressive profiling: asks the signed-in user for a few profile attributes only when a policy says
 * they are needed (after sign-up, from the Nth sign-in, before an action the app names), each with the purpose it
 * is asked for, at most a few per visit; saves them through SCIM 2.0 `/Me` (with `If-Match`), or hands them to the
 * page. Shows nothing while there is nothing to ask.
 * @attr scim-endpoint - The user's SCIM `/Me` URL (e.g. `https://id.example.com/scim/v2/Me`); unset: the page stores the values (`ciam-profile-saved`).
 * @attr policy - The policy as JSON (or set the `policy` property): `{ asks: [{ id, fields, moment, required?, purpose }], maxQuestions?, skipDays? }`.
 * @attr authority - Issuer URL of the OP (optional when the page has one client).
 * @attr client-id - OAuth client_id at the OP.
 * @fires {CiamProfileSavedEvent} ciam-profile-saved - The answers were saved. detail: { values, stored: 'scim' | null } (null: the page stores them)
 * @fires {CiamProfileSkippedEvent} ciam-profile-skipped - "Not now": the asks shown are skipped for the policy's interval. detail: { asks }
 * @fires {CiamJourneyEvent} ciam-journey - The questions' step and outcome (saved, skipped), never the answers (README,
 *   "Journey events").
 * @slot form - Filled by the element: its light-DOM `<form>`, styled by the same classes as <ciam-login>'s forms
 *   (`ciam-form`, `ciam-field`, `ciam-label`, `ciam-input`, `ciam-hint`, `ciam-field-error`, `ciam-button`,
 *   `ciam-button-primary`, `ciam-error`).
 * @csspart card - The box.
 * @csspart title - The heading.
 * @csspart lead - The line under it.
 * @csspart status - The live status line (also when nothing is asked, empty and unseen).
 * @cssprop --ciam-card-width - Maximum card width.
 * @cssprop --ciam-card-shadow - Card shadow (`box-shadow`).
 */
export class CiamProfile extends CiamElement {
  static override styles = [
    baseStyles,
    shadowControls,
    cardStyles,
    css`
      [part~='status'] {
        margin: 0;
        color: var(--_muted);
      }
      [part~='status']:empty {
        display: none;
      }
    `,
  ];

  @property({ attribute: 'scim-endpoint' }) scimEndpoint = '';
  /** The policy, or its JSON in the `policy` attribute. */
  @property({ converter: { fromAttribute: (value) => (value ? (JSON.parse(value) as unknown) : undefined) } }) policy: ProfilePolicy | undefined;
  /** A store to use instead of `scim-endpoint` (tests, stories, apps with their own profile API). */
  @property({ attribute: false }) store: ProfileStore | undefined;

  /** What it asks and how (profile-questions.ts), loaded with the first sign-in it hears or the first ask(). */
  @state() private questions: ProfileQuestions | null = null;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, {
    emitsSessionEvents: false,
    onNotification: (notification) => this.heard(notification),
  });
  private loading: Promise<ProfileQuestions> | null = null;

  /**
   * Before an action the policy names (`{ on: 'action', name }`): asks what is missing and resolves when the
   * user has answered (`saved`), skipped or cancelled; at once with `nothing` when there is nothing to ask.
   */
  async ask(action: string): Promise<ProfileOutcome> {
    await this.updateComplete; // connected (the questions' look joins its shadow root)
    return (await this.load()).ask(action);
  }

  private heard(notification: Notification) {
    if (notification.event === 'signed-out') {
      endVisits(); // here, not in the questions: they may not have loaded, and the page may be leaving for the OP
      return this.questions?.finish('cancelled');
    }
    if (notification.event !== 'signed-in' || notification.restored) return;
    endVisits(); // a sign-in (not a reload) starts a new visit
    void this.load().then((questions) => questions.signedIn(notification.user, !!notification.signedUp));
  }

  private load(): Promise<ProfileQuestions> {
    this.loading ??= import('./profile-questions.js').then(
      (m) => {
        adoptStyles(this.renderRoot as ShadowRoot, [...CiamProfile.elementStyles, m.questionStyles]);
        return (this.questions = new m.ProfileQuestions({
          state: () => this.session.state,
          client: () => this.session.client,
          policy: () => this.policy,
          store: () => this.store,
          scimEndpoint: () => this.scimEndpoint,
          dir: () => this.i18n.dir,
          locale: () => this.i18n.locale,
          msg: (id, params) => this.i18n.msg(id, params),
          emit: (type, detail) => this.emit(type, detail),
          requestUpdate: () => this.requestUpdate(),
          updateComplete: () => this.updateComplete,
          light: this,
        }));
      },
      (error: unknown) => {
        this.loading = null; // offline: the next sign-in or ask() tries again
        throw error;
      },
    );
    return this.loading;
  }

  /** Includes the questions' arrival while they load: `await el.updateComplete` finds the form, not an empty element. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.loading?.catch(() => undefined);
    return super.getUpdateComplete();
  }

  protected override render() {
    // Nothing to ask until the questions say otherwise: the status line only, empty and unseen.
    return this.questions?.render() ?? html`<p part="status" role="status" aria-live="polite"></p>`;
  }

  protected override updated() {
    this.questions?.renderForm();
  }
}
