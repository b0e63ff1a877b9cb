import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { passkeyApi, type Passkey, type PasskeyApi } from '../../client/passkeys-api.js';
import { CiamError, type CiamErrorData } from '../../core/errors.js';
import { addDefaultMessages } from '../../i18n/index.js';
import { enSteps } from '../../i18n/en-steps.js';
import { enPasskey } from '../../i18n/en-passkey.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, shadowControls } from '../shared/styles.js';
import styles from './passkey.styles.js';

/**
 * @tag ciam-passkey
 * @summary The signed-in user's passkeys: list (name, created, last used, synced or on one device), add, rename, remove.
 * Talks to a passkey management API (the demo OP's `/api/passkeys`, docs/first-party-challenge.md) with the
 * user's access token. The server refuses to remove the last way to sign in (`last_credential`); the element says why.
 * @attr endpoint - Base URL of the passkey API (e.g. `https://id.example.com/api/passkeys`).
 * @attr authority - Issuer URL of the OP (optional when the page has one client).
 * @attr client-id - OAuth client_id at the OP.
 * @csspart card - The outer box.
 * @csspart title - The heading.
 * @csspart lead - The line under it.
 * @csspart list - The list; each entry is `item` with `name`, `meta`, `item-actions`.
 * @csspart rename-form - The inline rename form.
 * @csspart confirm - The remove confirmation (`confirm-actions`).
 * @csspart button - Every button; also `add-button`, `rename-button`, `remove-button`.
 * @csspart error - The error box (role=alert).
 * @csspart empty - Shown when there are none.
 * @csspart status - The live status line.
 */
export class CiamPasskey extends CiamElement {
  static override styles = [baseStyles, shadowControls, styles];

  @property() endpoint = '';
  /** An API to use instead of `endpoint` + the client's token (tests, stories, custom backends). */
  @property({ attribute: false }) api: PasskeyApi | undefined;

  @state() private items: Passkey[] | null = null;
  @state() private error: CiamErrorData | null = null;
  @state() private busy = false;
  @state() private editing: string | null = null;
  @state() private confirming: string | null = null;
  @state() private status = '';

  private readonly i18n = new I18nController(this);
  private readonly session = new SessionController(this, { emitsSessionEvents: false });
  private loadedFor: unknown = null;

  constructor() {
    super();
    // Its own messages, and the passkey error messages it shares with the forms.
    addDefaultMessages('en', { ...enSteps, ...enPasskey });
  }

  private get passkeys(): PasskeyApi | null {
    if (this.api) return this.api;
    const client = this.session.client;
    if (!client || !this.endpoint) return null;
    return passkeyApi(this.endpoint, (input, init) => client.fetch(input, init));
  }

  protected override willUpdate(_changed: PropertyValues<this>) {
    // Load once per signed-in user (and again after a sign-in as someone else).
    const state = this.session.state;
    const who = state.name === 'signed-in' ? state.user.sub : null;
    if (who !== this.loadedFor) {
      this.loadedFor = who;
      this.items = null;
      if (who) void this.run(async (api) => void (this.items = await api.list()));
    }
  }

  protected override render() {
    const state = this.session.state;
    const signedIn = state.name === 'signed-in' || state.name === 'reauthenticating';
    return html`<section part="card" aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'}>
      <h2 part="title" id="title">${this.msg('passkey.title')}</h2>
      <p part="lead">${this.msg('passkey.lead')}</p>
      ${this.error ? html`<div part="error" role="alert" tabindex="-1">${this.msg(`error.${this.error.code}`, { seconds: this.error.retryAfterSeconds ?? 30 })}</div>` : nothing}
      ${!signedIn ? html`<p part="empty">${this.msg('passkey.signedOut')}</p>` : this.renderList()}
      ${signedIn
        ? html`<button part="button primary-button add-button" class="button primary" type="button" ?disabled=${this.busy || this.items === null} @click=${this.handleAdd}>
            ${this.msg('passkey.add')}</button>`
        : nothing}
      <p part="status" role="status" aria-live="polite">${this.status}</p>
    </section>`;
  }

  private renderList() {
    if (this.items === null) return html`<p part="empty">${this.msg('passkey.loading')}</p>`;
    if (this.items.length === 0) return html`<p part="empty">${this.msg('passkey.empty')}</p>`;
    return html`<ul part="list">${this.items.map((p) => this.renderItem(p))}</ul>`;
  }

  private renderItem(passkey: Passkey) {
    const meta = [
      passkey.device_type === 'multiDevice' || passkey.backed_up ? this.msg('passkey.synced') : this.msg('passkey.device'),
      this.msg('passkey.created', { date: this.date(passkey.created_at) }),
      passkey.last_used_at ? this.msg('passkey.lastUsed', { date: this.date(passkey.last_used_at) }) : this.msg('passkey.neverUsed'),
    ].join(' · ');
    return html`<li part="item">
      <span part="name">${passkey.name}</span>
      <span part="meta">${meta}</span>
      ${this.editing === passkey.id ? this.renderRename(passkey) : this.confirming === passkey.id ? this.renderConfirm(passkey) : html`<div part="item-actions">
            <button part="button rename-button" class="button" type="button" ?disabled=${this.busy} aria-label="${this.msg('passkey.rename')}: ${passkey.name}" @click=${() => this.open('editing', passkey.id)}>${this.msg('passkey.rename')}</button>
            <button part="button remove-button" class="button danger" type="button" ?disabled=${this.busy} aria-label="${this.msg('passkey.remove')}: ${passkey.name}" @click=${() => this.open('confirming', passkey.id)}>${this.msg('passkey.remove')}</button>
          </div>`}
    </li>`;
  }

  private renderRename(passkey: Passkey) {
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      const name = String(new FormData(e.currentTarget as HTMLFormElement).get('name') ?? '').trim();
      if (!name) return;
      void this.run(async (api) => {
        const renamed = await api.rename(passkey.id, name);
        this.items = this.items!.map((p) => (p.id === passkey.id ? renamed : p));
        this.editing = null;
        this.status = this.msg('passkey.renamed');
      });
    };
    return html`<form part="rename-form" @submit=${submit}>
      <label for="rename-${passkey.id}">${this.msg('passkey.nameLabel')}</label>
      <input id="rename-${passkey.id}" name="name" .value=${passkey.name} maxlength="64" required autocomplete="off" />
      <div part="confirm-actions">
        <button part="button primary-button" class="button primary" type="submit" ?disabled=${this.busy}>${this.msg('passkey.save')}</button>
        <button part="button" class="button" type="button" @click=${() => (this.editing = null)}>${this.msg('passkey.cancel')}</button>
      </div>
    </form>`;
  }

  private renderConfirm(passkey: Passkey) {
    const remove = () =>
      this.run(async (api) => {
        await api.remove(passkey.id);
        this.items = this.items!.filter((p) => p.id !== passkey.id);
        this.confirming = null;
        this.status = this.msg('passkey.removed');
      });
    return html`<div part="confirm" role="group" aria-label=${this.msg('passkey.remove')}>
      <p>${this.msg('passkey.confirmRemove', { name: passkey.name })}</p>
      <div part="confirm-actions">
        <button part="button remove-confirm-button" class="button danger" type="button" ?disabled=${this.busy} @click=${remove}>${this.msg('passkey.confirmYes')}</button>
        <button part="button" class="button" type="button" @click=${() => (this.confirming = null)}>${this.msg('passkey.confirmNo')}</button>
      </div>
    </div>`;
  }

  private async handleAdd() {
    await this.run(async (api) => {
      const options = await api.creationOptions();
      this.status = this.msg('passkey.adding');
      const webauthn = await import('../../connectors/webauthn-register.js');
      const result = await webauthn.createPasskey(options as never);
      if (!result.ok) {
        this.status = '';
        if (result.cancelled) return; // a change of mind, not an error
        throw new CiamError(result.error);
      }
      const added = await api.register(result.response);
      this.items = [added, ...(this.items ?? [])];
      this.status = this.msg('passkey.added');
    });
  }

  /** Opens the rename form or the remove confirmation for one passkey, and moves focus there. */
  private async open(what: 'editing' | 'confirming', id: string) {
    this.editing = what === 'editing' ? id : null;
    this.confirming = what === 'confirming' ? id : null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(what === 'editing' ? '[part~="rename-form"] input' : '[part~="remove-confirm-button"]')?.focus();
  }

  /** One API call at a time; errors are shown (and focused), never thrown at the page. */
  private async run(work: (api: PasskeyApi) => Promise<void>) {
    const api = this.passkeys;
    if (!api) return;
    this.busy = true;
    this.error = null;
    try {
      await work(api);
    } catch (error) {
      this.error = error instanceof CiamError ? error.toData() : { code: 'unknown', detail: String(error) };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="error"]')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private msg(id: Parameters<I18nController['msg']>[0], params?: Record<string, string | number>) {
    return this.i18n.msg(id, params);
  }

  private date(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(this.i18n.locale, { dateStyle: 'medium' }).format(date);
  }
}
