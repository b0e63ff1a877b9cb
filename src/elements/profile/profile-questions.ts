/**
 * What <ciam-profile> does once it may have something to ask (a sign-in was
 * heard, or the page called `ask()`): reads the policy, counts sign-ins and
 * skips, asks what is due in its light-DOM form, checks the answers and saves
 * them through SCIM or hands them to the page; its messages and look. Pages
 * whose user is never asked anything do not load it.
 */
import { elementJourney } from '../shared/journey.js';
import { css, html, nothing, render } from 'lit';
import type { SessionClient } from '../../client/ciam-client.js';
import { scimStore, type ProfileStore } from '../../client/scim-api.js';
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
import { accountHolder, type SessionState, type SessionUser } from '../../core/states.js';
import { addDefaultMessages, errorMessage, type MessageId } from '../../i18n/index.js';
import { enProfile } from '../../i18n/en-profile.js';
import { enSession } from '../../i18n/en-session.js';
import type { CiamElement } from '../shared/base.js';
import { adoptLightStyles, errorSummary, submitButton, textField, type SummaryMessage } from '../shared/forms.js';
import { fieldId } from '../shared/ids.js';
import type { ProfileOutcome } from './profile.js';
import { askedThisVisit, countVisit, remembered, remember } from './profile-memory.js';

addDefaultMessages('en', { ...enSession, ...enProfile });

/** The card's lead; the status line's look is the element's own (it shows before this loads). */
export const questionStyles = css`
  [part~='lead'] {
    margin: 0;
    color: var(--_muted);
  }
`;

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

/** What the questions need of their element. */
export interface ProfileHost {
  state(): SessionState;
  client(): SessionClient | null;
  /** The `policy` property, as the page set it (checked here). */
  policy(): ProfilePolicy | undefined;
  /** The `store` property, else a SCIM store over `scim-endpoint`. */
  store(): ProfileStore | undefined;
  scimEndpoint(): string;
  dir(): 'ltr' | 'rtl' | undefined;
  locale(): string;
  msg(id: MessageId, params?: Record<string, string | number>): string;
  emit: CiamElement['emit'];
  requestUpdate(): void;
  updateComplete(): Promise<unknown>;
  /** The element, whose light DOM holds the form (slot `form`). */
  readonly light: HTMLElement;
}

/** What the element shows; changed only by show(). */
interface Shown {
  /** What is being asked now; empty: nothing (the element shows nothing). */
  questions: Question[];
  busy: boolean;
  error: CiamErrorData | null;
  problems: Partial<Record<ProfileField, string>>;
  status: string;
}

export class ProfileQuestions {
  private shown: Shown = { questions: [], busy: false, error: null, problems: {}, status: '' };
  private readonly formRoot: HTMLDivElement = Object.assign(document.createElement('div'), { slot: 'form', className: 'ciam-form-root' });
  private readonly ids = { error: fieldId('profile-error') };
  private known: ProfileValues = {};
  private etag: string | null = null;
  /** The page's `ask()` waiting for the answer. */
  private settle: ((outcome: ProfileOutcome) => void) | null = null;
  /** What had focus when the questions took it. */
  private returnTo: HTMLElement | null = null;

  /** `ciam-journey`: a question shown, then saved, skipped or failed (nothing of what was typed). */
  private readonly journey;

  constructor(private readonly host: ProfileHost) {
    this.journey = elementJourney((detail) => host.emit('ciam-journey', detail), 'ciam-profile');
  }

  private show(changes: Partial<Shown>) {
    this.shown = { ...this.shown, ...changes };
    this.host.requestUpdate();
  }

  /** Before an action the policy names: see CiamProfile.ask(). */
  ask(action: string): Promise<ProfileOutcome> {
    return this.start({ on: 'action', name: action });
  }

  /** A sign-in (not a reload; the element has started a new visit): counted, then what it makes due is asked. */
  signedIn(user: SessionUser, signedUp: boolean) {
    const moment: Moment = signedUp ? { on: 'sign-up' } : { on: 'sign-in' };
    void remember(user.sub, (memory) => ({ ...memory, signIns: memory.signIns + 1 })).then((memory) => this.start(moment, memory.signIns));
  }

  private async start(moment: Moment, signIns?: number): Promise<ProfileOutcome> {
    await this.host.updateComplete(); // connected and joined to its client (an ask right after creating the element)
    const state = this.host.state();
    const policy = await this.readPolicy();
    const user = accountHolder(state);
    if (!user || !policy) return 'nothing';
    const sub = user.sub;
    const [memory, asked] = await Promise.all([remembered(sub), askedThisVisit(sub)]);
    const due = (known: ProfileValues) =>
      dueQuestions(policy, { moment, signIns: signIns ?? memory.signIns, known, skippedUntil: memory.skipped, askedThisVisit: asked, now: Date.now() });
    // The claims first: most sign-ins have nothing due, and then the store is not asked at all.
    this.known = knownFromClaims(user.claims);
    let questions = due(this.known);
    const store = this.storeNow();
    if (questions.length > 0 && store) {
      try {
        const read = await store.read(); // the latest values (the claims may be older) and the version to write over
        this.known = { ...this.known, ...read.values };
        this.etag = read.etag;
        questions = due(this.known);
      } catch (error) {
        this.show({ error: toError(error) }); // shown with the questions; the save will say more
      }
    }
    if (questions.length === 0) return 'nothing';
    await countVisit(
      sub,
      questions.reduce((n, q) => n + q.fields.length, 0),
    );
    this.finish('cancelled'); // an ask still open gives way to this one
    this.journey({ type: 'step', step: 'profile' });
    this.show({ questions, problems: {}, status: '' });
    const answered = new Promise<ProfileOutcome>((resolve) => (this.settle = resolve));
    // A new step: focus to its first field when the user's action asked (or nothing has focus), and back after.
    const from = deepFocus();
    if (moment.on === 'action' || from === document.body) {
      this.returnTo = from;
      await this.host.updateComplete();
      this.formRoot.querySelector<HTMLElement>('input, select')?.focus();
    }
    return answered;
  }

  /** The policy, checked; its schema (and zod) loads with the first question, not with the element. */
  private async readPolicy(): Promise<ProfilePolicy | null> {
    const policy = this.host.policy();
    if (policy === undefined) return null;
    const { profilePolicySchema } = await import('../../core/schemas/profile.js');
    const checked = profilePolicySchema.safeParse(policy);
    if (!checked.success && policy !== undefined) console.warn('<ciam-profile>: the policy is not valid', checked.error);
    return checked.success ? checked.data : null;
  }

  private storeNow(): ProfileStore | null {
    const store = this.host.store();
    if (store) return store;
    const client = this.host.client();
    const endpoint = this.host.scimEndpoint();
    return client && endpoint ? scimStore(endpoint, (input, init) => client.fetch(input, init)) : null;
  }

  render() {
    if (this.shown.questions.length === 0) return html`<p part="status" role="status" aria-live="polite">${this.shown.status}</p>`;
    return html`<section part="card" aria-labelledby="title" dir=${this.host.dir() ?? nothing}>
      <h2 part="title" id="title" tabindex="-1">${this.msg('profile.title')}</h2>
      <p part="lead">${this.msg('profile.lead')}</p>
      <slot name="form"></slot>
      <p part="status" role="status" aria-live="polite">${this.shown.status}</p>
    </section>`;
  }

  /** After each render of the element: the light-DOM form, while there are questions. */
  renderForm() {
    const { light } = this.host;
    if (this.shown.questions.length === 0) {
      this.formRoot.remove();
      return;
    }
    adoptLightStyles(light.getRootNode() as Document | ShadowRoot);
    if (this.formRoot.parentNode !== light) light.append(this.formRoot);
    render(this.form(), this.formRoot, { host: light });
  }

  private form() {
    const { questions, problems, error, busy } = this.shown;
    const required = questions.some((q) => q.ask.required);
    const summary: SummaryMessage[] = Object.entries(problems).map(([field, text]) => ({ text: text, field: this.fieldId(field as ProfileField) }));
    const messages = error ? [errorMessage((id, params) => this.msg(id, params), error), ...summary] : summary;
    return html`<form class="ciam-form" novalidate @submit=${(e: SubmitEvent) => this.save(e)}>
      ${errorSummary(this.ids.error, this.msg('profile.problemsTitle'), messages)}
      ${questions.map(
        (q) => html`<fieldset class="ciam-fieldset">
          <legend class="ciam-hint">${q.ask.purpose}</legend>
          ${q.fields.map((field) => this.renderField(field))}
        </fieldset>`,
      )}
      ${submitButton(this.msg('profile.save'), busy, this.msg('profile.saving'))}
      <button class="ciam-button" type="button" ?disabled=${busy} @click=${() => (required ? this.finish('cancelled') : void this.skip())}>
        ${this.msg(required ? 'profile.cancel' : 'profile.skip')}
      </button>
    </form>`;
  }

  private renderField(field: ProfileField) {
    const id = this.fieldId(field);
    const label = this.msg(`profile.${field}`);
    const value = this.known[field] ?? '';
    const locale = this.host.locale();
    if (field === 'country') {
      const names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
      const options = COUNTRIES.map((code) => [code, names.of(code) ?? code] as const).sort((a, b) => a[1].localeCompare(b[1], locale));
      const error = this.shown.problems.country;
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
      error: this.shown.problems[field],
      required: false, // the element checks (novalidate): its own messages, no browser bubble
    });
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const fields = this.shown.questions.flatMap((q) => q.fields.map((field) => ({ field, required: !!q.ask.required })));
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
    this.show({ problems, error: null });
    if (Object.keys(problems).length > 0) return this.focusSummary();
    const store = this.storeNow();
    if (store) {
      this.show({ busy: true });
      try {
        const written = await store.write(values, this.etag);
        this.known = { ...this.known, ...written.values };
        this.etag = written.etag;
      } catch (error) {
        const shown = toError(error);
        this.journey({ type: 'outcome', outcome: 'error', code: shown.code });
        this.show({ error: shown });
        if (shown.code === 'profile_conflict') await this.reload(store); // what is typed stays in the fields
        return this.focusSummary();
      } finally {
        this.show({ busy: false });
      }
    }
    this.host.emit('ciam-profile-saved', { values, stored: store ? 'scim' : null });
    this.show({ status: this.msg('profile.saved') });
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
    const state = this.host.state();
    const policy = await this.readPolicy();
    if (state.name !== 'signed-in' || !accountHolder(state) || !policy) return this.finish('skipped');
    const until = Date.now() + (policy.skipDays ?? DEFAULT_SKIP_DAYS) * 24 * 60 * 60 * 1000;
    const asks = this.shown.questions.map((q) => q.ask.id);
    await remember(state.user.sub, (memory) => ({ ...memory, skipped: { ...memory.skipped, ...Object.fromEntries(asks.map((id) => [id, until])) } }));
    this.host.emit('ciam-profile-skipped', { asks });
    this.finish('skipped');
  }

  /** Ends the open ask (if any) with `outcome`: the form goes, and the page's `ask()` has its answer. */
  finish(outcome: ProfileOutcome) {
    const settle = this.settle;
    this.settle = null;
    if (settle) this.journey({ type: 'outcome', outcome: outcome === 'saved' ? 'ok' : 'cancelled' });
    // The form goes: focus in it returns to what the user was on before (the button that asked), not to the body.
    const back = this.formRoot.contains(deepFocus()) && this.returnTo?.isConnected ? this.returnTo : null;
    this.returnTo = null;
    this.show({ questions: [], ...(outcome !== 'saved' ? { status: '' } : {}) });
    back?.focus();
    settle?.(outcome);
  }

  private async focusSummary() {
    await this.host.updateComplete();
    this.host.light.querySelector<HTMLElement>(`#${this.ids.error}`)?.focus();
  }

  private fieldId(field: ProfileField): string {
    return `${this.ids.error}-${field}`;
  }

  private msg(id: MessageId, params?: Record<string, string | number>) {
    return this.host.msg(id, params);
  }
}

/** What has focus, inside shadow roots too (the button of another element's shadow DOM, not its host). */
function deepFocus(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

function toError(error: unknown): CiamErrorData {
  return error instanceof CiamError ? error.toData() : { code: 'unknown', detail: String(error) };
}
