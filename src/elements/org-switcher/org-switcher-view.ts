/**
 * What <ciam-org-switcher> shows and does once it has a client: the menu button (APG menu button pattern: a
 * trigger and a menu of radio items, keyboard and focus), the switch with its status or error, and an
 * invitation's notice and acceptance; its messages and look. Loaded with the element, so pages that define
 * every element but show no switcher do not carry it.
 */
import { css, html, nothing, svg } from 'lit';
import type { Invitation, Organization, OrganizationManager } from '../../client/organizations.js';
import type { CiamErrorData } from '../../core/errors.js';
import { sameOrganization } from '../../core/organization.js';
import { accountHolder, type SessionState } from '../../core/states.js';
import { enOrganizations } from '../../i18n/en-organizations.js';
import { addDefaultMessages, errorMessage, type MessageId } from '../../i18n/index.js';

addDefaultMessages('en', enOrganizations);

export const orgSwitcherStyles = css`
  :host {
    display: inline-block;
    position: relative;
    max-inline-size: 100%;
  }
  [part~='switcher'] {
    display: grid;
    gap: 0.25rem;
    justify-items: start;
  }
  [part~='trigger'] {
    inline-size: auto;
    max-inline-size: 100%;
    gap: 0.5rem;
  }
  [part~='trigger'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  [part~='current'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part~='chevron'] {
    flex: none;
    inline-size: 1rem;
    block-size: 1rem;
  }
  [aria-expanded='true'] [part~='chevron'] {
    transform: rotate(180deg);
  }
  [part~='menu'] {
    position: absolute;
    inset-block-start: calc(100% + 0.25rem);
    inset-inline-start: 0;
    z-index: 10;
    display: grid;
    gap: 0.125rem;
    inline-size: max-content;
    min-inline-size: 100%;
    /* Never wider than the screen, however long the names. */
    max-inline-size: min(22rem, calc(100vw - 2rem));
    padding: 0.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
  }
  [part~='menu'].flip {
    inset-inline: auto 0;
  }
  [part~='item'] {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.5rem;
    padding-block: 0.5rem;
    padding-inline: 0.5rem 0.75rem;
    border: 0;
    border-radius: calc(var(--_radius) * 0.75);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  [part~='item']:hover,
  [part~='item']:focus {
    background: color-mix(in srgb, var(--_primary) 14%, transparent);
  }
  [part~='item']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  [part~='item'][aria-checked='true'] {
    font-weight: 600;
  }
  /* The mark of the current one, drawn where every item keeps its room, so the names line up. */
  [part~='check'] {
    flex: none;
    inline-size: 1rem;
    block-size: 1rem;
    visibility: hidden;
  }
  [aria-checked='true'] > [part~='check'] {
    visibility: visible;
  }
  [part~='status'] {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part~='status']:empty {
    display: none;
  }
  [part~='invitation'] {
    /* A sentence, not a banner: about 65 characters a line. */
    max-inline-size: 40rem;
    margin: 0;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_primary);
    border-radius: var(--_radius);
  }
  [part~='error'] {
    padding: 0.5rem 0.75rem;
    font-size: 0.875rem;
  }
  [part~='retry-button'] {
    inline-size: auto;
  }
  [part~='offer'] > p {
    margin: 0 0 0.75rem;
  }
  [part~='offer'] .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part~='offer'] .button {
    inline-size: auto;
  }
`;

const chevron = svg`<path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />`;
const check = svg`<path d="M3 8.5l3.5 3.5L13 5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />`;

/** Roles the element names in the user's language; any other is shown as the OP wrote it. */
const knownRoles: Record<string, MessageId> = {
  customer: 'org.role.customer',
  delegate: 'org.role.delegate',
  admin: 'org.role.admin',
  member: 'org.role.member',
};

/** Long enough to read (or hear) that the page is about to leave for the OP, short enough not to feel stuck. */
const REDIRECT_NOTICE_MS = 1200;

type Msg = (id: MessageId, params?: Record<string, string | number>) => string;

/** What the view needs of its element. */
export interface OrgSwitcherHost {
  state(): SessionState;
  /** The client's organization manager, null until it has loaded (or for clients without organizations). */
  manager(): OrganizationManager | null;
  /** The invitation this tab holds (invitation.ts), and forgetting it. */
  invitation(): string | null;
  forgetInvitation(): void;
  dir(): 'ltr' | 'rtl' | undefined;
  msg: Msg;
  requestUpdate(): void;
  /** The element, whose clicks and focus are "inside". */
  readonly element: HTMLElement;
  /** The shadow root, where focus moves. */
  root(): ParentNode;
}

export class OrgSwitcherView {
  /** The user's organizations; null until the list has come. */
  private list: Organization[] | null = null;
  private open = false;
  private busy = false;
  private status = '';
  private error: CiamErrorData | null = null;
  /** The invitation failed for a reason that may pass (offline): "Try again" is offered. */
  private canRetryInvitation = false;
  /** What the tab's invitation offers, while the user decides: joining is their choice, never the link's. */
  private offer: Invitation | null = null;
  private boundTo: unknown[] = [];
  /** The menu item (its index), the trigger or the invitation's Join to focus after the next render. */
  private focusNext: number | 'trigger' | 'join' | null = null;
  /** The list's read on its way, shared by whoever asks meanwhile. */
  private listing: Promise<void> | null = null;
  /** The call under way (the list, an invitation): `updateComplete` waits for it. */
  pending: Promise<void> = Promise.resolve();

  constructor(private readonly host: OrgSwitcherHost) {}

  /** Before each render: the list, read once per signed-in user and manager; a kept invitation is accepted then. */
  bind() {
    const manager = this.host.manager();
    const who = accountHolder(this.host.state())?.sub ?? null;
    const key = [who, manager];
    if (key.every((value, i) => value === this.boundTo[i])) return;
    this.boundTo = key;
    this.list = null;
    this.setOpen(false);
    this.status = '';
    this.error = null;
    if (!who || !manager) return;
    const invitation = this.host.invitation();
    this.pending = invitation ? this.preview(manager, invitation) : this.load(manager);
  }

  /**
   * The organization changed without a switch of this view's (a renewal that found the membership gone, another
   * element's switch): the list may have changed too, so it is read again.
   */
  organizationChanged() {
    const manager = this.host.manager();
    if (manager && !this.busy && this.list) this.pending = this.load(manager);
  }

  /** A new invitation while the page stays (a link opened in this tab): read at the next bind, signed in or not. */
  invitationArrived() {
    this.boundTo = [];
  }

  /** After each render. */
  moveFocus() {
    const focus = this.focusNext;
    if (focus === null) return;
    this.focusNext = null;
    if (focus === 'trigger') this.trigger()?.focus();
    else if (focus === 'join') this.host.root().querySelector<HTMLElement>('[part~="join-button"]')?.focus();
    else {
      this.keepOnScreen();
      this.items()[focus]?.focus();
    }
  }

  /**
   * The menu opens from the trigger's start edge. An element whose own `locale` runs the other way than its
   * page (`locale="ar"` on an English page) sits at the page's left yet opens leftwards, off the screen: then
   * it opens from the other edge.
   */
  private keepOnScreen() {
    const menu = this.host.root().querySelector<HTMLElement>('[part~="menu"]');
    const box = menu?.getBoundingClientRect();
    if (box && (box.left < 0 || box.right > document.documentElement.clientWidth)) menu!.classList.add('flip');
  }

  disconnect() {
    this.setOpen(false);
  }

  render() {
    const manager = this.host.manager();
    const signedIn = !!accountHolder(this.host.state()) && !!manager;
    if (!signedIn) {
      return this.host.invitation() ? html`<p part="invitation" dir=${this.host.dir() ?? nothing}>${this.msg('org.invited')}</p>` : nothing;
    }
    const current = manager.current;
    return html`<div part="switcher" dir=${this.host.dir() ?? nothing}>
      <button
        part="button trigger"
        class="button"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu"
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-disabled=${this.busy ? 'true' : 'false'}
        @click=${() => this.toggle()}
        @keydown=${this.handleTriggerKeydown}
      >
        <span class="visually-hidden">${this.msg('org.label')}:</span>
        <span part="current">${current ? this.entry(current) : this.msg('org.choose')}</span>
        <svg part="chevron" viewBox="0 0 16 16" aria-hidden="true">${chevron}</svg>
      </button>
      ${this.open ? this.renderMenu(current) : nothing}
      ${this.offer ? this.renderOffer(this.offer) : nothing}
      <p part="status" role="status" aria-live="polite">${this.status}</p>
      ${this.error ? html`<div part="error" role="alert">${errorMessage(this.host.msg, this.error)}</div>` : nothing}
      ${
        this.error && this.canRetryInvitation
          ? html`<button part="button retry-button" class="button" type="button" @click=${this.handleRetry}>${this.msg('login.retry')}</button>`
          : nothing
      }
    </div>`;
  }

  /** "Ada Lovelace invited you to join Acme as Member." with Join and Not now. */
  private renderOffer(offer: Invitation) {
    const params = { inviter: offer.invitedBy ?? '', name: offer.organization.name, roles: this.roles(offer.organization) };
    return html`<div part="invitation offer">
      <p part="offer-message">${this.msg(offer.invitedBy ? 'org.offer' : 'org.offerAnonymous', params)}</p>
      <div class="actions">
        <button part="button join-button" class="button primary" type="button" ?disabled=${this.busy} @click=${this.handleJoin}>
          ${this.msg('org.join', { name: offer.organization.name })}
        </button>
        <button part="button decline-button" class="button" type="button" ?disabled=${this.busy} @click=${this.handleDecline}>
          ${this.msg('org.notNow')}
        </button>
      </div>
    </div>`;
  }

  private renderMenu(current: Organization | null) {
    return html`<div part="menu" id="menu" role="menu" aria-label=${this.msg('org.menu')} @keydown=${this.handleMenuKeydown} @focusout=${this.handleFocusout}>
      ${this.choices(current).map(
        (organization) =>
          html`<button
            part="item"
            role="menuitemradio"
            type="button"
            tabindex="-1"
            aria-checked=${sameOrganization(organization, current) ? 'true' : 'false'}
            @click=${() => void this.pick(organization)}
          >
            <svg part="check" viewBox="0 0 16 16" aria-hidden="true">${check}</svg><bdi>${this.entry(organization)}</bdi>
          </button>`,
      )}
    </div>`;
  }

  /** The list, or while it has not come, the current organization alone. */
  private choices(current: Organization | null): Organization[] {
    return this.list ?? (current ? [current] : []);
  }

  /** "Admin · Acme": the roles in the user's language, then the organization. */
  private entry(organization: Organization) {
    return this.msg('org.entry', { roles: this.roles(organization), name: organization.name });
  }

  private roles(organization: Organization) {
    return organization.roles.map((role) => (knownRoles[role] ? this.msg(knownRoles[role]) : role)).join(', ');
  }

  private toggle() {
    if (this.busy) return;
    if (this.open) this.close();
    else this.openAt('current');
  }

  /** Opens with focus on the current organization (or the first), or on the last (ArrowUp). */
  private openAt(where: 'current' | 'last') {
    const manager = this.host.manager();
    const choices = this.choices(manager?.current ?? null);
    if (!manager || this.busy) return;
    if (!this.list) {
      const loaded = this.load(manager);
      // Nothing to show yet (a click right after signing in): the menu opens when the list comes.
      if (!choices.length) {
        this.pending = loaded.then(() => {
          if (this.list?.length && !this.open) this.openAt(where);
        });
        return;
      }
      this.pending = loaded;
    }
    const current = choices.findIndex((o) => sameOrganization(o, manager.current));
    this.focusNext = where === 'last' ? choices.length - 1 : Math.max(current, 0);
    this.setOpen(true);
  }

  private close(focusTrigger = true) {
    if (focusTrigger) this.focusNext = 'trigger';
    this.setOpen(false);
  }

  private setOpen(open: boolean) {
    if (open === this.open) return;
    this.open = open;
    // A click anywhere else on the page closes it (listening only while it is open).
    if (open) document.addEventListener('click', this.handleOutsideClick, true);
    else document.removeEventListener('click', this.handleOutsideClick, true);
    this.host.requestUpdate();
  }

  private async pick(organization: Organization) {
    const manager = this.host.manager();
    this.close();
    if (!manager || this.busy || sameOrganization(organization, manager.current)) return;
    await this.switchTo(manager, organization, 'org.switched');
  }

  /** Switches, saying so; `done` says where the user is now (for `redirect`, the page is leaving instead). */
  private async switchTo(manager: OrganizationManager, organization: Organization, done: MessageId) {
    const away = manager.via === 'redirect';
    this.show({ busy: true, error: null, status: this.msg(away ? 'org.switchingAway' : 'org.switching', { name: organization.name }) });
    if (away) await new Promise((resolve) => setTimeout(resolve, REDIRECT_NOTICE_MS));
    const answer = await manager.switchTo(organization);
    if (!answer.ok) {
      this.show({ busy: false, error: answer.error, status: '' });
      // What the OP refused may be a membership the list still shows: read it again.
      await this.load(manager);
      return;
    }
    if (answer.value === 'redirect') return;
    const now = manager.current ?? organization;
    this.focusNext = 'trigger';
    this.show({ busy: false, status: this.msg(done, { name: now.name, roles: this.roles(now) }) });
  }

  /** What the invitation offers, asked before anything changes: a link alone never puts anyone in an organization. */
  private async preview(manager: OrganizationManager, token: string) {
    this.canRetryInvitation = false;
    this.show({ busy: true, error: null, status: this.msg('org.checking') });
    const answer = await manager.preview(token);
    if (!answer.ok) return this.refused(manager, answer.error);
    this.offer = answer.value;
    this.focusNext = 'join';
    this.show({ busy: false, status: '' });
    await this.load(manager);
  }

  /** An invitation that cannot be used is forgotten; one that failed for a passing reason (offline) may be tried again. */
  private async refused(manager: OrganizationManager, error: CiamErrorData) {
    const refused = error.code === 'invalid_invitation';
    if (refused) this.host.forgetInvitation();
    this.canRetryInvitation = !refused;
    this.show({ busy: false, error, status: '' });
    await this.load(manager);
  }

  private async accept(manager: OrganizationManager, token: string) {
    this.canRetryInvitation = false;
    this.show({ busy: true, error: null, status: this.msg('org.accepting') });
    const answer = await manager.accept(token);
    this.offer = null;
    if (!answer.ok) return this.refused(manager, answer.error);
    this.host.forgetInvitation();
    await this.switchTo(manager, answer.value, 'org.joined');
    await this.load(manager);
  }

  /** Reads the list; a read already on its way is the one waited for. */
  private load(manager: OrganizationManager): Promise<void> {
    return (this.listing ??= (async () => {
      const answer = await manager.list();
      if (manager !== this.host.manager()) return;
      if (answer.ok) this.list = answer.value;
      else this.error ??= answer.error;
      this.host.requestUpdate();
    })().finally(() => (this.listing = null)));
  }

  private show(change: { busy: boolean; error?: CiamErrorData | null; status: string }) {
    this.busy = change.busy;
    if (change.error !== undefined) this.error = change.error;
    this.status = change.status;
    this.host.requestUpdate();
  }

  private msg(id: MessageId, params?: Record<string, string | number>) {
    return this.host.msg(id, params);
  }

  private trigger() {
    return this.host.root().querySelector<HTMLElement>('[part~="trigger"]');
  }

  private items() {
    return [...this.host.root().querySelectorAll<HTMLElement>('[part~="item"]')];
  }

  private readonly handleRetry = () => {
    const manager = this.host.manager();
    const token = this.host.invitation();
    if (manager && token && !this.busy) this.pending = this.preview(manager, token);
  };

  private readonly handleJoin = () => {
    const manager = this.host.manager();
    const token = this.host.invitation();
    if (manager && token && !this.busy) this.pending = this.accept(manager, token);
  };

  /** Not now: the invitation stays valid at the OP (the mail's link works again), this tab forgets it. */
  private readonly handleDecline = () => {
    this.offer = null;
    this.host.forgetInvitation();
    this.focusNext = 'trigger';
    this.host.requestUpdate();
  };

  /** Enter and Space open it as a click does; the arrows open it on the current (or first) and on the last item. */
  private readonly handleTriggerKeydown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    this.openAt(e.key === 'ArrowUp' ? 'last' : 'current');
  };

  /** Arrows wrap, Home and End jump; Enter and Space are the item's own click; Escape returns to the trigger; Tab leaves. */
  private readonly handleMenuKeydown = (e: KeyboardEvent) => {
    const items = this.items();
    const at = items.indexOf(this.host.root().querySelector<HTMLElement>('[part~="item"]:focus') ?? items[0]);
    const to = { ArrowDown: (at + 1) % items.length, ArrowUp: (at - 1 + items.length) % items.length, Home: 0, End: items.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      items[to]?.focus();
    } else if (e.key === 'Escape') {
      e.stopPropagation(); // the page's own Escape (a dialog around it) is not meant
      this.close();
    } else if (e.key === 'Tab') {
      // From the trigger, Tab's own move goes on to what follows it (or precedes it, with Shift), as APG asks.
      this.trigger()?.focus();
      this.close(false);
    }
  };

  /** Focus leaving for elsewhere on the page closes it; a click on nothing focusable (no related target) is left to the click handler. */
  private readonly handleFocusout = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to && !this.host.element.contains(to) && !this.host.root().contains(to)) this.close(false);
  };

  private readonly handleOutsideClick = (e: Event) => {
    if (!e.composedPath().includes(this.host.element)) this.close(false);
  };
}
