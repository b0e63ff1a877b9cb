/**
 * A guest session's card in <ciam-login> (embedded mode): what a guest can do here, sign up (the guest's
 * account becomes theirs, same `sub`) or sign in (what the guest saved may move into that account: the
 * flow asks, embedded-steps.ts). Either opens the forms in place of the guest session, which stays until
 * the flow ends. Loaded when a guest session shows.
 */
import { html } from 'lit';
import type { SessionState } from '../../core/states.js';
import { enGuest } from '../../i18n/en-guest.js';
import { addDefaultMessages } from '../../i18n/index.js';
import type { Panel, PanelHost } from './panel.js';

const isGuest = (state: SessionState) => state.name === 'signed-in' && state.user.claims.is_anonymous === true;

export function panel({ client, i18n }: PanelHost): Panel {
  addDefaultMessages('en', enGuest);
  const msg: PanelHost['i18n']['msg'] = (id, params) => i18n.msg(id, params);
  return {
    heading: () => [msg('guest.title'), msg('guest.lead')],
    render: () => html`<div class="ciam-form">
      <button class="ciam-button ciam-button-primary" type="button" @click=${() => client()?.signIn({ intent: 'sign-up' })}>${msg('login.signUp')}</button>
      <button class="ciam-button" type="button" @click=${() => client()?.signIn()}>${msg('login.signIn')}</button>
    </div>`,
    done: (state) => !isGuest(state),
  };
}
