import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ClientOptions } from '../../client/ciam-client.js';
import { isPreset } from '../../core/config.js';
import { parseSocial, type SocialProvider } from '../../core/social.js';
import { beforeFirstScreen } from '../../core/states.js';
import { CiamElement } from '../shared/base.js';
import { I18nController } from '../shared/controllers/i18n.js';
import { SessionController } from '../shared/controllers/session.js';
import { renderSocial, socialStyles } from '../shared/social.js';
import { baseStyles, shadowControls } from '../shared/styles.js';

/**
 * @tag ciam-social
 * @summary "Continue with …" buttons for upstream IdPs, for custom layouts (`<ciam-login social="…">` shows the
 * same buttons in its card). Each click is a sign-in at the OP with the provider as its hint parameter; the OP
 * federates. Shows nothing while signed in. Without `authority`/`client-id` it joins the page's client.
 * @attr authority - Issuer URL of the OP (optional when the page has a <ciam-login>).
 * @attr client-id - OAuth client_id at the OP.
 * @attr providers - Comma-separated ids as the OP knows them, each optionally `=Name` (`google, github, acme=Acme SSO`).
 * @attr {'redirect' | 'popup' | ''} mode - `redirect` (default) or `popup`.
 * @attr return-to - Same-origin path to show after signing in.
 * @attr {'generic' | 'keycloak' | 'auth0' | 'okta' | 'entra' | 'cognito' | 'zitadel'} preset - OP family, for the hint parameter's name (`keycloak`: kc_idp_hint, `auth0`: connection, ...).
 * @attr idp-hint-param - Name of the hint parameter (overrides the preset).
 * @fires {CiamSignedInEvent} ciam-signed-in - Signed in (unless a <ciam-login> of the same client is on the page: it tells). detail: { user, restored }
 * @fires {CiamSignedOutEvent} ciam-signed-out - Signed out (as above). detail: { reason?, tab? }
 * @fires {CiamErrorEvent} ciam-error - Something failed (as above). detail: { error: CiamError }
 * @fires {CiamJourneyEvent} ciam-journey - The sign-in's method and outcome, with nothing personal (as above; README,
 *   "Journey events").
 * @slot social-<id> - The mark on a provider's button (e.g. its brand SVG, 20 × 20 px); default: the name's initial.
 * @csspart social - The group of buttons.
 * @csspart button - Each provider's button.
 * @csspart social-button - The same buttons, by their role.
 * @csspart social-<id> - The button of one provider, e.g. `social-google`.
 * @csspart social-initial - The provider's initial on its button, where no `social-<id>` mark is slotted.
 * @cssprop --ciam-card-width - Maximum width of the group (default 24rem), as <ciam-login>'s card.
 */
export class CiamSocial extends CiamElement {
  static override styles = [
    baseStyles,
    shadowControls,
    socialStyles,
    css`
      :host {
        max-inline-size: var(--ciam-card-width, 24rem);
      }
    `,
  ];

  @property() providers = '';
  @property() mode: 'redirect' | 'popup' | '' = '';
  @property({ attribute: 'return-to' }) returnTo = '';
  @property() preset = '';
  @property({ attribute: 'idp-hint-param' }) idpHintParam = '';

  private readonly i18n: I18nController = new I18nController(this);
  private readonly session: SessionController = new SessionController(this, { emitsSessionEvents: true });
  /** The provider the user picked, while its sign-in is under way. */
  #picked: string | null = null;

  override clientOptions(): Partial<ClientOptions> {
    return {
      preset: isPreset(this.preset) ? this.preset : undefined,
      idpHintParam: this.idpHintParam || undefined,
    };
  }

  protected override willUpdate() {
    const state = this.session.state.name;
    if (this.#picked && (state === 'signed-out' || state === 'error') && !this.session.client?.holding) this.#picked = null;
  }

  protected override render() {
    const state = this.session.state;
    if (state.name === 'signed-in' || state.name === 'signing-out' || state.name === 'reauthenticating') return nothing;
    const providers = parseSocial(this.providers);
    if (providers.length === 0) return nothing;
    const msg = this.i18n.msg.bind(this.i18n);
    // Before discovery answers the buttons take the click (the client holds it); another sign-in under way holds them.
    const waiting = !!this.#picked || (state.name !== 'signed-out' && state.name !== 'error' && !beforeFirstScreen(state));
    return html`<div dir=${this.i18n.dir ?? nothing} lang=${this.locale || nothing}>
      ${renderSocial({
        providers,
        busy: this.#picked,
        disabled: waiting,
        label: msg('social.label'),
        continueWith: (name) => msg('social.continueWith', { name }),
        pick: (provider) => this.#signInWith(provider),
      })}
    </div>`;
  }

  #signInWith(provider: SocialProvider) {
    this.#picked = provider.id;
    this.requestUpdate();
    const via = this.mode === 'popup' || this.mode === 'redirect' ? this.mode : undefined;
    this.session.client?.signIn({ via, idp: provider.id, returnTo: this.returnTo || undefined, uiLocales: this.i18n.locale });
  }
}
