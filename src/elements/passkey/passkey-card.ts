/**
 * What <ciam-passkey> shows and does: the signed-in user's passkeys with
 * rename and remove, and "Add a passkey", through the client's passkey
 * manager; its messages and look. Loaded with the element, so pages that
 * define every element but show no passkey card do not carry it.
 */
import { elementJourney, outcomeOf, type Journey, type JourneyEmit } from '../shared/journey.js';
import { html, nothing } from 'lit';
import type { SessionClient } from '../../client/ciam-client.js';
import type { Passkey, PasskeyApi, PasskeyManager, PasskeyResult } from '../../client/passkeys-api.js';
import { accountHolder, type SessionState } from '../../core/states.js';
import { addDefaultMessages, errorMessage, type MessageId } from '../../i18n/index.js';
import { enSteps } from '../../i18n/en-steps.js';
import { enPasskey } from '../../i18n/en-passkey.js';
import { mediumDate, withIsolatedValue } from '../shared/isolated.js';
import { currentBrowser, defaultPasskeyName, describeDevice } from './passkey-name.js';
import { initialPasskeyView, passkeyView, type PasskeyCall, type PasskeyFocus, type PasskeyView, type PasskeyViewEvent } from './passkey-state.js';

export { default as passkeyStyles } from './passkey.styles.js';

// Its own messages, and the passkey error messages it shares with the forms.
addDefaultMessages('en', { ...enSteps, ...enPasskey });

/** The passkey code could not load (offline): an error like any other, and the button can be pressed again. */
const notLoaded = (error: unknown): PasskeyResult<never> => ({
  ok: false,
  error: { code: 'network', detail: `could not load the passkey code: ${String(error)}` },
});

/** What the card needs of its element. */
export interface PasskeyHost {
  state(): SessionState;
  client(): SessionClient | null;
  /** The `api` property, else the `endpoint` attribute. */
  target(): PasskeyApi | string;
  locale(): string;
  msg(id: MessageId, params?: Record<string, string | number>): string;
  requestUpdate(): void;
  /** The shadow root, where focus moves. */
  root(): ParentNode;
  /** Fires `ciam-journey` (adding a passkey: step, method, outcome). */
  journey: JourneyEmit;
}

export class PasskeyCard {
  /** Everything it shows (passkey-state.ts); changed only by dispatch(). */
  private view: PasskeyView = initialPasskeyView;
  /** The client's passkeys for the bound user and API (`client.passkeys()`), and what they were bound to. */
  private passkeys: Promise<PasskeyManager> | null = null;
  private boundTo: unknown[] = [];
  private unsubscribe: (() => void) | null = null;
  /** The view's last focus move that was carried out (each move is a new object). */
  private focused: PasskeyFocus | null = null;

  private readonly journey: Journey;

  constructor(private readonly host: PasskeyHost) {
    this.journey = elementJourney(host.journey, 'ciam-passkey');
  }

  private dispatch(event: PasskeyViewEvent) {
    this.view = passkeyView(this.view, event);
    this.host.requestUpdate();
  }

  /**
   * Before each render. Bound once per signed-in user, client and API (again after a sign-in as someone else), and
   * kept while the user confirms a step-up, so the call that asked for it gets its answer.
   */
  bind() {
    const state = this.host.state();
    const who = accountHolder(state)?.sub ?? null;
    const client = this.host.client();
    const target = this.host.target();
    const key = [who, client, target];
    if (key.every((value, i) => value === this.boundTo[i])) return;
    this.release();
    this.boundTo = key;
    this.dispatch({ type: 'user.changed' });
    if (!who || !client || !target) return;
    const passkeys = (this.passkeys = client.passkeys(target));
    // Changes made anywhere through the client (this element, the offer in <ciam-login>, the page's own code).
    passkeys.then(
      (p) => {
        if (this.passkeys === passkeys) this.unsubscribe = p.subscribe((change) => this.dispatch({ type: 'passkeys.changed', change }));
      },
      () => undefined,
    );
    void this.call('list', (p) => p.list()).then((result) => result && this.dispatch({ type: 'list.answered', result }));
  }

  /** After each render: focus follows the view (passkey-state.ts), to what opened, what the user acted on, or what took its place. */
  moveFocus() {
    const { focus } = this.view;
    if (!focus || focus === this.focused) return;
    this.focused = focus;
    this.focusTarget(focus)?.focus();
  }

  private focusTarget(focus: PasskeyFocus): HTMLElement | null | undefined {
    const root = this.host.root();
    const find = (within: ParentNode | undefined, part: string) => within?.querySelector<HTMLElement>(`[part~="${part}"]`);
    if (!('id' in focus)) return find(root, { error: 'error', title: 'title', add: 'add-button', confirm: 'remove-confirm-button' }[focus.to]);
    const row = [...root.querySelectorAll<HTMLElement>('[part~="item"]')].find((li) => li.dataset.id === focus.id);
    return focus.to === 'rename-field' ? row?.querySelector('input') : find(row, focus.to);
  }

  render() {
    const state = this.host.state();
    const signedIn = !!accountHolder(state);
    const { busy, error, items, status } = this.view;
    return html`<section part="card" aria-labelledby="title" aria-busy=${busy ? 'true' : 'false'}>
      <h2 part="title" id="title" tabindex="-1">${this.msg('passkey.title')}</h2>
      <p part="lead">${this.msg('passkey.lead')}</p>
      ${error ? html`<div part="error" role="alert" tabindex="-1">${errorMessage((id, params) => this.msg(id, params), error)}</div>` : nothing}
      ${!signedIn ? html`<p part="empty">${this.msg('passkey.signedOut')}</p>` : this.renderList()}
      ${
        signedIn
          ? html`<button part="button primary-button add-button" class="button primary" type="button" ?disabled=${busy || items === null} @click=${() => this.handleAdd()}>
            ${this.msg('passkey.add')}</button>`
          : nothing
      }
      <p part="status" role="status" aria-live="polite">${status ? this.msg(status) : ''}</p>
    </section>`;
  }

  private renderList() {
    const { items } = this.view;
    if (items === null) return html`<p part="empty">${this.msg('passkey.loading')}</p>`;
    if (items.length === 0) return html`<p part="empty">${this.msg('passkey.empty')}</p>`;
    return html`<ul part="list">${items.map((p) => this.renderItem(p))}</ul>`;
  }

  private renderItem(passkey: Passkey) {
    // Each piece isolated, and each date in it: in Arabic, "Created 2026/11/02 · Last used …" would otherwise be reordered.
    const meta = [
      passkey.device_type === 'multiDevice' || passkey.backed_up ? this.msg('passkey.synced') : this.msg('passkey.device'),
      this.withValue('passkey.created', 'date', this.date(passkey.created_at)),
      passkey.last_used_at ? this.withValue('passkey.lastUsed', 'date', this.date(passkey.last_used_at)) : this.msg('passkey.neverUsed'),
    ].map((piece, i) => html`${i ? ' · ' : ''}<bdi>${piece}</bdi>`);
    // The name takes focus when the passkey was just added (or its neighbour removed); the row is found by data-id.
    return html`<li part="item" data-id=${passkey.id}>
      <span part="name" tabindex="-1"><bdi>${passkey.name}</bdi></span>
      <span part="meta">${meta}</span>
      ${
        this.view.editing === passkey.id
          ? this.renderRename(passkey)
          : this.view.confirming === passkey.id
            ? this.renderConfirm(passkey)
            : html`<div part="item-actions">
            <button part="button rename-button" class="button" type="button" ?disabled=${this.view.busy} aria-label="${this.msg('passkey.rename')}: ${passkey.name}" @click=${() => this.dispatch({ type: 'rename.opened', id: passkey.id })}>${this.msg('passkey.rename')}</button>
            <button part="button remove-button" class="button danger" type="button" ?disabled=${this.view.busy} aria-label="${this.msg('passkey.remove')}: ${passkey.name}" @click=${() => this.dispatch({ type: 'remove.opened', id: passkey.id })}>${this.msg('passkey.remove')}</button>
          </div>`
      }
    </li>`;
  }

  private renderRename(passkey: Passkey) {
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      const value = new FormData(e.currentTarget as HTMLFormElement).get('name');
      const name = (typeof value === 'string' ? value : '').trim();
      if (name) void this.change('rename', (p) => p.rename(passkey.id, name));
      else this.dispatch({ type: 'rename.invalid' });
    };
    // novalidate: our own message, localized and in the page's style, instead of the browser's bubble; what was typed stays.
    const invalid = this.view.nameInvalid;
    return html`<form part="rename-form" novalidate @submit=${submit}>
      <label part="label" for="rename-${passkey.id}">${this.msg('passkey.nameLabel')}</label>
      <input
        part="input"
        id="rename-${passkey.id}"
        name="name"
        .value=${passkey.name}
        maxlength="64"
        required
        autocomplete="off"
        aria-invalid=${invalid ? 'true' : nothing}
        aria-describedby=${invalid ? `rename-error-${passkey.id}` : nothing}
      />
      ${invalid ? html`<p part="field-error" id="rename-error-${passkey.id}">${this.msg('passkey.nameRequired')}</p>` : nothing}
      <div part="confirm-actions">
        <button part="button primary-button" class="button primary" type="submit" ?disabled=${this.view.busy}>${this.msg('passkey.save')}</button>
        <button part="button" class="button" type="button" @click=${() => this.dispatch({ type: 'rename.cancelled' })}>${this.msg('passkey.cancel')}</button>
      </div>
    </form>`;
  }

  private renderConfirm(passkey: Passkey) {
    const remove = () => this.change('remove', (p) => p.remove(passkey.id));
    return html`<div part="confirm" role="group" aria-label=${this.msg('passkey.remove')}>
      <p part="confirm-message">${this.withValue('passkey.confirmRemove', 'name', passkey.name)}</p>
      <div part="confirm-actions">
        <button part="button remove-confirm-button" class="button danger" type="button" ?disabled=${this.view.busy} @click=${remove}>${this.msg('passkey.confirmYes')}</button>
        <button part="button" class="button" type="button" @click=${() => this.dispatch({ type: 'remove.cancelled' })}>${this.msg('passkey.confirmNo')}</button>
      </div>
    </div>`;
  }

  private handleAdd() {
    // One call: the client fetches the options, runs the browser's ceremony and registers the passkey,
    // named after this browser and system so that two passkeys tell apart (passkey-name.ts).
    const existing = (this.view.items ?? []).map((p) => p.name);
    const name = defaultPasskeyName(describeDevice(currentBrowser()), existing, {
      device: (browser, os) => this.msg('passkey.defaultName', { browser, os }),
      dated: () => this.msg('passkey.defaultNameDated', { date: this.date(new Date().toISOString()) }),
    });
    this.journey({ type: 'step', step: 'passkey-add' });
    this.journey({ type: 'method', method: 'passkey' });
    void this.change('create', (p) => p.create(name));
  }

  /** A change; its answer sets the status or shows the error, the list follows the client's notice. */
  private async change(call: Exclude<PasskeyCall, 'list'>, work: (passkeys: PasskeyManager) => Promise<PasskeyResult<unknown>>) {
    const result = await this.call(call, work);
    if (result && call === 'create') this.journey(outcomeOf(result));
    if (result) this.dispatch({ type: 'change.answered', call, result });
  }

  /** One call through the client; its answer, or null when the element moved on meanwhile (another user or API). */
  private async call<T>(call: PasskeyCall, work: (passkeys: PasskeyManager) => Promise<PasskeyResult<T>>): Promise<PasskeyResult<T> | null> {
    const passkeys = this.passkeys;
    if (!passkeys) return null;
    this.dispatch({ type: 'call.started', call });
    const result = await passkeys.then(work, notLoaded);
    return passkeys === this.passkeys ? result : null;
  }

  /** Unbound (the element left the page): bound again when it comes back. */
  release() {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.passkeys = null;
    this.boundTo = [];
  }

  private msg(id: MessageId, params?: Record<string, string | number>) {
    return this.host.msg(id, params);
  }

  private withValue(id: MessageId, name: string, value: string) {
    return withIsolatedValue((i, params) => this.msg(i, params), id, name, value);
  }

  private date(iso: string): string {
    return mediumDate(this.host.locale(), iso);
  }
}
