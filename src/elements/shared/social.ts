/**
 * "Continue with <provider>" buttons, for <ciam-login>'s first step and for
 * <ciam-social>: real buttons in the order configured, each with the
 * provider's mark (a slot, `social-<id>`, for the app's own brand SVG; else
 * the name's initial: no remote images, no third-party scripts). The click
 * is a sign-in at the OP with the provider as its hint (core/social.ts).
 */
import { css, html } from 'lit';
import { partToken, type SocialProvider } from '../../core/social.js';

export interface SocialView {
  providers: SocialProvider[];
  /** The provider whose sign-in is under way: its button shows the spinner. */
  busy: string | null;
  /** Another sign-in is under way: every button waits. */
  disabled: boolean;
  /** The group's accessible name. */
  label: string;
  continueWith: (name: string) => string;
  pick: (provider: SocialProvider) => void;
}

export function renderSocial(view: SocialView) {
  return html`<div part="social" role="group" aria-label=${view.label}>
    ${view.providers.map((provider) => {
      const busy = view.busy === provider.id;
      return html`<button
        part="button social-button social-${partToken(provider.id)}"
        class="button social-button"
        type="button"
        ?disabled=${view.disabled}
        aria-busy=${busy ? 'true' : 'false'}
        @click=${() => view.pick(provider)}
      >
        ${
          busy
            ? html`<span class="spinner" aria-hidden="true"></span>`
            : html`<span class="mark" aria-hidden="true"><slot name="social-${provider.id}">${mark(initial(provider.name))}</slot></span>`
        }
        <span>${view.continueWith(provider.name)}</span>
      </button>`;
    })}
  </div>`;
}

function mark(letters: string) {
  return html`<span part="social-initial" class="initial ${letters.length > 1 ? 'pair' : ''}">${letters}</span>`;
}

/** The name's first character, upper-cased, with the first word's next capital (GitHub: GH, GitLab: GL), so two marks rarely match. */
export function initial(name: string): string {
  const [first = '', ...rest] = Array.from(name.trim().split(/\s/)[0] ?? '');
  const capital = rest.find((c) => c !== c.toLocaleLowerCase());
  return first.toLocaleUpperCase() + (capital ?? '');
}

/** Shadow styles of the group; buttons are the shared `.button`. */
export const socialStyles = css`
  [part~='social'] {
    display: grid;
    gap: 0.5rem;
  }
  /* Mark and name centred together, as every button's content: a long name has the whole width to wrap in. */
  .social-button {
    font-weight: 500;
  }
  .mark,
  .social-button .spinner {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
  /* Without the app's own mark: the initial in a rounded square, in the text colour. */
  .initial {
    display: grid;
    place-items: center;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    border: 1.5px solid currentColor;
    border-radius: 0.3rem;
    font-size: 0.75rem;
    font-weight: 700;
    line-height: 1;
  }
  .initial.pair {
    font-size: 0.5625rem;
    letter-spacing: -0.02em;
  }
  .mark ::slotted(*) {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
`;
