/**
 * The yardstick for `npm run bench`'s timing rows: a bare Lit element with
 * <ciam-login>'s signed-out card (same markup, same stylesheets, same
 * strings) and nothing else: no client, no discovery, no catalogs. What
 * <ciam-login> costs beyond this is what the protocol and its structure cost.
 */
import { html, LitElement } from 'lit';
import loginStyles from '../../../src/elements/login/login.styles.js';
import { socialStyles } from '../../../src/elements/shared/social.js';
import { baseStyles, cardStyles, shadowControls } from '../../../src/elements/shared/styles.js';

class BareCard extends LitElement {
  static override styles = [baseStyles, shadowControls, cardStyles, socialStyles, loginStyles];

  protected override render() {
    return html`<div part="card">
      <div part="header">
        <slot name="logo"></slot>
        <slot name="header"><h2 part="title" tabindex="-1">Sign in</h2><p part="lead">Continue to your account.</p></slot>
      </div>
      <div part="actions">
        <button part="button primary-button sign-in-button" class="button primary" type="button" aria-busy="false">Sign in</button>
        <div part="divider">New here?</div>
        <button part="button sign-up-button" class="button" type="button">Create account</button>
      </div>
      <p part="status" role="status" aria-live="polite"></p>
    </div>`;
  }

  protected override firstUpdated() {
    // Its buttons work from the first frame, and it waits for nothing.
    performance.mark('accepts');
    performance.mark('ready');
  }
}

customElements.define('bare-card', BareCard);
