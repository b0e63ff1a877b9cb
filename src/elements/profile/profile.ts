import { css, html, nothing, render } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ProfileStore } from '../../client/scim-api.js';
import { scimStore } from '../../client/scim-api.js';
import { CiamError, type CiamErrorData } from '../../core/errors.js';
import {
  checkField,
  DEFAULT_SKIP_DAYS,
  dueQuestions,
  knownFromClaims,
  normalizeField,
  type Moment,
  type ProfileField,
  type ProfilePolicy,
  type ProfileValues,
  type Question,
} from '../../core/profile.js';
import type { Notification } from '../../core/states.js';
import { addDefaultMessages, errorMessage, type MessageId } from '../../i18n/index.js';
import { enProfile } from '../../i18n/en-profile.js';
import { enSession } from '../../i18n/en-session.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { adoptLightStyles, errorSummary, submitButton, textField, type SummaryMessage } from '../shared/forms.js';
import { fieldId } from '../shared/ids.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';
import { askedThisVisit, countVisit, endVisits, remembered, remember } from './profile-memory.js';

/** How an answer ended: saved, skipped (remembered for the policy's interval), cancelled (a required ask), or nothing to ask. */
export type ProfileOutcome = 'saved' | 'skipped' | 'cancelled' | 'nothing';

const inputs: Record<ProfileField, { autocomplete: string; type?: 'text' | 'tel' | 'date'; inputmode?: 'numeric' }> = {
  given_name: { autocomplete: 'given-name' },
  family_name: { autocomplete: 'family-name' },
  birthdate: { autocomplete: 'bday', type: 'date' },
  phone_number: { autocomplete: 'tel', type: 'tel' },
  country: { autocomplete: 'country' },
  postal_code: { autocomplete: 'postal-code' },
};

/** ISO 3166-1 alpha-2 codes offered in the country list, named in the element's language by Intl.DisplayNames. */
const COUNTRIES =
  'AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW'.split(
    ' ',
  );

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
 * @fires ciam-profile-saved - The answers were saved. detail: { values, stored: 'scim' | null } (null: the page stores them)
 * @fires ciam-profile-skipped - "Not now": the asks shown are skipped for the policy's interval. detail: { asks }
 * @slot form - Filled by the element: its light-DOM `<form>` (classes as in <ciam-login>'s forms).
 * @csspart card - The box; also `title`, `lead`, `status`.
 */
export class CiamProfile extends CiamElement {
  static override styles = [
    baseStyles,
    shadowControls,
    cardStyles,
    css`
      [part~='lead'],
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

  /** What is being asked now; empty: nothing (the element shows nothing). */
  @state() private questions: Question[] = [];
  @state() private busy = false;
  @state() private error: CiamErrorData | null = null;
  @state() private problems: Partial<Record<ProfileField, string>> = {};
  @state() private status = '';

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, {
    emitsSessionEvents: false,
    onNotification: (notification) => this.heard(notification),
  });
  private readonly formRoot: HTMLDivElement = Object.assign(document.createElement('div'), { slot: 'form', className: 'ciam-form-root' });
  private readonly ids = { error: fieldId('profile-error') };
  private known: ProfileValues = {};
  private etag: string | null = null;
  /** The page's `ask()` waiting for the answer. */
  private settle: ((outcome: ProfileOutcome) => void) | null = null;

  constructor() {
    super();
    addDefaultMessages('en', { ...enSession, ...enProfile });
  }

  /**
   * Before an action the policy names (`{ on: 'action', name }`): asks what is missing and resolves when the
   * user has answered (`saved`), skipped or cancelled; at once with `nothing` when there is nothing to ask.
   */
  ask(action: string): Promise<ProfileOutcome> {
    return this.start({ on: 'action', name: action });
  }

  private heard(notification: Notification) {
    if (notification.event === 'signed-out') {
      endVisits();
      return this.finish('cancelled');
    }
    if (notification.event !== 'signed-in' || notification.restored) return;
    const moment: Moment = notification.signedUp ? { on: 'sign-up' } : { on: 'sign-in' };
    const sub = notification.user.sub;
    endVisits(); // a sign-in (not a reload) starts a new visit
    void remember(sub, (memory) => ({ ...memory, signIns: memory.signIns + 1 })).then((memory) => this.start(moment, memory.signIns));
  }

  private async start(moment: Moment, signIns?: number): Promise<ProfileOutcome> {
    await this.updateComplete; // connected and joined to its client (an ask right after creating the element)
    const state = this.session.state;
    const policy = await this.readPolicy();
    if ((state.name !== 'signed-in' && state.name !== 'reauthenticating') || !policy) return 'nothing';
    const sub = state.user.sub;
    const [memory, asked] = await Promise.all([remembered(sub), askedThisVisit(sub)]);
    const due = (known: ProfileValues) =>
      dueQuestions(policy, { moment, signIns: signIns ?? memory.signIns, known, skippedUntil: memory.skipped, askedThisVisit: asked, now: Date.now() });
    // The claims first: most sign-ins have nothing due, and then the store is not asked at all.
    this.known = knownFromClaims(state.user.claims);
    let questions = due(this.known);
    const store = this.storeNow();
    if (questions.length > 0 && store) {
      try {
        const read = await store.read(); // the latest values (the claims may be older) and the version to write over
        this.known = { ...this.known, ...read.values };
        this.etag = read.etag;
        questions = due(this.known);
      } catch (error) {
        this.error = toError(error); // shown with the questions; the save will say more
      }
    }
    if (questions.length === 0) return 'nothing';
    await countVisit(
      sub,
      questions.reduce((n, q) => n + q.fields.length, 0),
    );
    this.finish('cancelled'); // an ask still open gives way to this one
    this.questions = questions;
    this.problems = {};
    this.status = '';
    return new Promise((resolve) => (this.settle = resolve));
  }

  /** The policy, checked; its schema (and zod) loads with the first question, not with the element. */
  private async readPolicy(): Promise<ProfilePolicy | null> {
    if (this.policy === undefined) return null;
    const { profilePolicySchema } = await import('../../core/schemas/profile.js');
    const checked = profilePolicySchema.safeParse(this.policy);
    if (!checked.success && this.policy !== undefined) console.warn('<ciam-profile>: the policy is not valid', checked.error);
    return checked.success ? checked.data : null;
  }

  private storeNow(): ProfileStore | null {
    if (this.store) return this.store;
    const client = this.session.client;
    return client && this.scimEndpoint ? scimStore(this.scimEndpoint, (input, init) => client.fetch(input, init)) : null;
  }

  protected override render() {
    if (this.questions.length === 0) return html`<p part="status" role="status" aria-live="polite">${this.status}</p>`;
    return html`<section part="card" aria-labelledby="title" dir=${this.i18n.dir ?? nothing}>
      <h2 part="title" id="title" tabindex="-1">${this.msg('profile.title')}</h2>
      <p part="lead">${this.msg('profile.lead')}</p>
      <slot name="form"></slot>
      <p part="status" role="status" aria-live="polite">${this.status}</p>
    </section>`;
  }

  protected override updated() {
    if (this.questions.length === 0) {
      this.formRoot.remove();
      return;
    }
    adoptLightStyles(this.getRootNode() as Document | ShadowRoot);
    if (this.formRoot.parentNode !== this) this.append(this.formRoot);
    render(this.renderForm(), this.formRoot, { host: this });
  }

  private renderForm() {
    const required = this.questions.some((q) => q.ask.required);
    const summary: SummaryMessage[] = Object.entries(this.problems).map(([field, text]) => ({ text: text, field: this.fieldId(field as ProfileField) }));
    const messages = this.error ? [errorMessage((id, params) => this.msg(id, params), this.error), ...summary] : summary;
    return html`<form class="ciam-form" novalidate @submit=${(e: SubmitEvent) => this.save(e)}>
      ${errorSummary(this.ids.error, this.msg('profile.problemsTitle'), messages)}
      ${this.questions.map(
        (q) => html`<fieldset class="ciam-fieldset">
          <legend class="ciam-hint">${q.ask.purpose}</legend>
          ${q.fields.map((field) => this.renderField(field))}
        </fieldset>`,
      )}
      ${submitButton(this.msg('profile.save'), this.busy, this.msg('profile.saving'))}
      <button class="ciam-button" type="button" ?disabled=${this.busy} @click=${() => (required ? this.finish('cancelled') : void this.skip())}>
        ${this.msg(required ? 'profile.cancel' : 'profile.skip')}
      </button>
    </form>`;
  }

  private renderField(field: ProfileField) {
    const id = this.fieldId(field);
    const label = this.msg(`profile.${field}`);
    const value = this.known[field] ?? '';
    if (field === 'country') {
      const names = new Intl.DisplayNames([this.i18n.locale, 'en'], { type: 'region' });
      const options = COUNTRIES.map((code) => [code, names.of(code) ?? code] as const).sort((a, b) => a[1].localeCompare(b[1], this.i18n.locale));
      const error = this.problems.country;
      return html`<div class="ciam-field">
        <label class="ciam-label" for=${id}>${label}</label>
        ${error ? html`<p class="ciam-field-error" id="${id}-error">${error}</p>` : nothing}
        <select class="ciam-input" id=${id} name="country" autocomplete="country" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}>
          <option value="">${this.msg('profile.countryChoose')}</option>
          ${options.map(([code, name]) => html`<option value=${code} ?selected=${code === value}>${name}</option>`)}
        </select>
      </div>`;
    }
    const input = inputs[field];
    return textField({
      id,
      name: field,
      label,
      type: input.type,
      autocomplete: input.autocomplete,
      value,
      hint: field === 'phone_number' ? this.msg('profile.phoneHint') : undefined,
      error: this.problems[field],
      required: false, // the element checks (novalidate): its own messages, no browser bubble
    });
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const fields = this.questions.flatMap((q) => q.fields.map((field) => ({ field, required: !!q.ask.required })));
    const values: ProfileValues = {};
    const problems: Partial<Record<ProfileField, string>> = {};
    for (const { field } of fields) {
      const entry = data.get(field);
      const typed = typeof entry === 'string' ? entry : '';
      const problem = checkField(field, typed, Date.now());
      if (problem === 'required') problems[field] = this.msg('profile.required', { field: this.msg(`profile.${field}`) });
      else if (problem) problems[field] = this.msg(`profile.invalid.${field}`);
      else values[field] = normalizeField(field, typed);
    }
    this.problems = problems;
    this.error = null;
    if (Object.keys(problems).length > 0) return this.focusSummary();
    const store = this.storeNow();
    if (store) {
      this.busy = true;
      try {
        const written = await store.write(values, this.etag);
        this.known = { ...this.known, ...written.values };
        this.etag = written.etag;
      } catch (error) {
        this.error = toError(error);
        if (this.error.code === 'profile_conflict') await this.reload(store); // what is typed stays in the fields
        return this.focusSummary();
      } finally {
        this.busy = false;
      }
    }
    this.emit('ciam-profile-saved', { values, stored: store ? 'scim' : null });
    this.status = this.msg('profile.saved');
    this.finish('saved');
  }

  private async reload(store: ProfileStore) {
    try {
      const read = await store.read();
      this.known = { ...this.known, ...read.values };
      this.etag = read.etag;
    } catch {
      // The conflict message stands; the next save reads again.
    }
  }

  private async skip() {
    const state = this.session.state;
    const policy = await this.readPolicy();
    if (state.name !== 'signed-in' || !policy) return this.finish('skipped');
    const until = Date.now() + (policy.skipDays ?? DEFAULT_SKIP_DAYS) * 24 * 60 * 60 * 1000;
    const asks = this.questions.map((q) => q.ask.id);
    await remember(state.user.sub, (memory) => ({ ...memory, skipped: { ...memory.skipped, ...Object.fromEntries(asks.map((id) => [id, until])) } }));
    this.emit('ciam-profile-skipped', { asks });
    this.finish('skipped');
  }

  private finish(outcome: ProfileOutcome) {
    const settle = this.settle;
    this.settle = null;
    if (outcome !== 'saved') this.status = '';
    this.questions = [];
    settle?.(outcome);
  }

  private async focusSummary() {
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#${this.ids.error}`)?.focus();
  }

  private fieldId(field: ProfileField): string {
    return `${this.ids.error}-${field}`;
  }

  private msg(id: MessageId, params?: Record<string, string | number>) {
    return this.i18n.msg(id, params);
  }
}

function toError(error: unknown): CiamErrorData {
  return error instanceof CiamError ? error.toData() : { code: 'unknown', detail: String(error) };
}
