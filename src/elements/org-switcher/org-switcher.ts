import { adoptStyles, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Organization, OrganizationManager, OrganizationsApi } from '../../client/organizations.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { baseStyles, cardStyles, shadowControls } from '../shared/styles.js';
import { forgetInvitation, takeInvitation } from './invitation.js';
import type { OrgSwitcherView } from './org-switcher-view.js';

/**
 * @tag ciam-org-switcher
 * @summary Which organization this tab is in and the user's roles there ("Admin · Acme"), and a menu of the
 * user's organizations with their role in each, to switch without leaving the page (token exchange or refresh;
 * where the OP can only redirect, it says so first). Each tab may be in another organization. Opened with an
 * invitation link (`#ciam_invite=<token>`), it takes the token off the address, asks a signed-out visitor to sign
 * in or up, then says what it offers ("Ada Lovelace invited you to join Acme as Member.") and, on Join, accepts it
 * and switches to that organization. Renders nothing while signed out.
 * Its menu and actions load with the element.
 * @attr endpoint - Base URL of the organizations API (e.g. `https://id.example.com/api/organizations`).
 * @attr authority - Issuer URL of the OP (optional when the page has one client).
 * @attr client-id - OAuth client_id at the OP.
 * @fires {CiamOrgChangedEvent} ciam-org-changed - The current organization or the roles in it changed: a switch, a sign-in or restored session, a sign-out (null), a renewal that found the membership gone. detail: { organization, roles, previous }
 * @csspart switcher - The whole block.
 * @csspart button - Every button.
 * @csspart trigger - The menu button (`aria-expanded`), showing the current role and organization; also `button`.
 * @csspart current - The trigger's text.
 * @csspart chevron - The trigger's arrow.
 * @csspart menu - The popup (`role="menu"`).
 * @csspart item - An organization in it (`role="menuitemradio"`, `aria-checked` on the current one).
 * @csspart check - The mark of the current organization's item.
 * @csspart status - Live status line ("Switching to Beta…").
 * @csspart error - Why a switch or an invitation failed.
 * @csspart retry-button - Tries a failed invitation again; also `button`.
 * @csspart join-button - Accepts the invitation and switches to its organization; also `button`.
 * @csspart decline-button - "Not now": this tab forgets the invitation; also `button`.
 * @csspart invitation - The notice a signed-out visitor with an invitation sees; also the offer once signed in.
 * @csspart offer - The invitation's offer, with `join-button` and `decline-button` (also `button`).
 * @csspart offer-message - The offer's sentence: who invited the user to which organization, as what.
 * @cssprop --ciam-color-primary - The invitation notice's edge and the highlight of the item under focus.
 * @cssprop --ciam-color-surface - The menu's background.
 * @cssprop --ciam-color-border - The menu's edge.
 */
export class CiamOrgSwitcher extends CiamElement {
  static override styles = [baseStyles, shadowControls, cardStyles];

  @property() endpoint = '';
  /** An organizations API to use instead of `endpoint` (tests, stories, custom backends). */
  @property({ attribute: false }) api: OrganizationsApi | undefined;

  /** The organization this tab is in: null when signed out, a guest, or signed in personally. */
  get organization(): Organization | null {
    return this.current;
  }
  /** The user's roles in it (`admin`, `delegate`, …, as the OP names them); empty without one. */
  get roles(): string[] {
    return this.current?.roles ?? [];
  }

  /** What it shows and does (org-switcher-view.ts), loaded with the element. */
  @state() private view: OrgSwitcherView | null = null;

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: false });
  private current: Organization | null = null;
  private manager: OrganizationManager | null = null;
  private unsubscribe: (() => void) | null = null;
  private boundTo: unknown[] = [];
  /** The client's organization code on its way (the manager). */
  private binding: Promise<void> = Promise.resolve();
  private loading: Promise<void> | null = null;
  private invitation: string | null = null;

  override connectedCallback() {
    super.connectedCallback();
    // Off the address at once, not when the view arrives: a reload or a copied address must not carry it.
    this.invitation ??= takeInvitation();
    // A link opened in a tab already on this page changes only the fragment: no reload, so no new connect.
    window.addEventListener('hashchange', this.handleHashChange);
    this.loading ??= import('./org-switcher-view.js').then(
      (m) => {
        adoptStyles(this.renderRoot as ShadowRoot, [...CiamOrgSwitcher.elementStyles, m.orgSwitcherStyles]);
        this.view = new m.OrgSwitcherView({
          state: () => this.session.state,
          manager: () => this.manager,
          invitation: () => this.invitation,
          forgetInvitation: () => {
            this.invitation = null;
            forgetInvitation();
          },
          dir: () => this.i18n.dir,
          msg: (id, params) => this.i18n.msg(id, params),
          requestUpdate: () => this.requestUpdate(),
          element: this,
          root: () => this.renderRoot,
        });
      },
      () => void (this.loading = null), // offline: nothing shows, and the next connect tries again
    );
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.handleHashChange);
    this.view?.disconnect();
    this.release();
    this.boundTo = [];
  }

  /** Includes the view's, the manager's and the list's arrival: `await el.updateComplete` finds the menu ready. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.loading;
    await this.binding;
    await this.view?.pending;
    return super.getUpdateComplete();
  }

  protected override willUpdate() {
    this.bind();
    this.view?.bind();
  }

  protected override updated() {
    this.view?.moveFocus();
  }

  protected override render() {
    return this.view?.render() ?? html``;
  }

  /** One manager per client and API; clients without organizations (a BFF's, some scripted ones) show nothing. */
  private bind() {
    const client = this.session.client;
    const target = this.api ?? this.endpoint;
    const key = [client, target];
    if (key.every((value, i) => value === this.boundTo[i])) return;
    this.boundTo = key;
    this.release();
    if (!client?.organizations || !target) return this.changeTo(null);
    this.binding = client.organizations(target).then(
      (manager) => {
        if (key !== this.boundTo) return;
        this.manager = manager;
        this.unsubscribe = manager.subscribe((current) => this.changeTo(current));
        this.changeTo(manager.current);
        this.requestUpdate();
      },
      () => void (this.boundTo = []), // offline: the next update tries again
    );
  }

  private readonly handleHashChange = () => {
    const token = takeInvitation();
    if (!token || token === this.invitation) return;
    this.invitation = token;
    this.view?.invitationArrived();
    this.requestUpdate();
  };

  private release() {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.manager = null;
  }

  private changeTo(organization: Organization | null) {
    const previous = this.current;
    if (same(organization, previous)) return;
    this.current = organization;
    this.view?.organizationChanged();
    this.emit('ciam-org-changed', { organization, roles: organization?.roles ?? [], previous });
    this.requestUpdate();
  }
}

/**
 * The same organization with the same name and roles (the manager tells only changes; a new manager starts from
 * null). core/organization.ts's sameMembership() says the same, but importing it would put the whole preset
 * table into the element's entry (+1 KiB brotli), where the view and the manager load it later anyway.
 */
function same(a: Organization | null, b: Organization | null): boolean {
  return a === b || (!!a && !!b && a.id === b.id && a.name === b.name && a.roles.join() === b.roles.join());
}
