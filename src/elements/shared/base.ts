/**
 * Base class of every element: the shared client, locale and messages, and
 * `emit()` for typed, bubbling, composed events.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ClientOptions, SessionClient } from '../../client/ciam-client.js';
import type { Messages } from '../../i18n/index.js';
import { ciamEvent, type CiamEventMap } from './events.js';

/**
 * The design tokens every element reads (shared/styles.ts `baseStyles`), documented once here: the manifest gives
 * them to each element through this class. Tokens of one element's own styles are on that element.
 * @cssprop --ciam-color-primary - Primary buttons' background and edge; links and highlights.
 * @cssprop --ciam-color-on-primary - Text on primary buttons.
 * @cssprop --ciam-color-surface - Background of the card, buttons, menus and dialogs.
 * @cssprop --ciam-color-text - Text color.
 * @cssprop --ciam-color-muted - Secondary text (leads, hints, meta lines) and a hovered button's edge.
 * @cssprop --ciam-color-border - Decorative borders: the card's edge, dividers.
 * @cssprop --ciam-color-control-border - Edges of inputs and secondary buttons (keep 3:1 against the surface, WCAG 1.4.11).
 * @cssprop --ciam-color-field - Input background.
 * @cssprop --ciam-color-danger - Error text and border.
 * @cssprop --ciam-color-danger-surface - Error background.
 * @cssprop --ciam-color-focus - Focus ring.
 * @cssprop --ciam-radius - Corner radius of controls and boxes (the card's is 1.5 times it).
 * @cssprop --ciam-space - Base spacing: gaps between the card's rows, and its padding (twice it).
 * @cssprop --ciam-font - Font shorthand (`font`), e.g. `400 1rem/1.5 Inter, sans-serif`.
 * @cssprop --ciam-density - A factor on gaps, padding and the heights of fields and buttons: `0.85` compact, `1.2` roomy (default `1`; controls stay at least 24 px).
 */
export class CiamElement extends LitElement {
  /** Issuer URL of the OP. */
  @property() authority = '';
  /** OAuth client_id at the OP. */
  @property({ attribute: 'client-id' }) clientId = '';
  /** Backend-for-frontend mode: the same-origin path of the BFF that keeps the tokens (instead of authority and client_id). */
  @property() bff = '';
  /** BCP 47 locale; defaults to the nearest `lang` attribute, then the first of `navigator.languages` with a catalog. Sets the element's own `lang`. */
  @property({ reflect: true }) locale = '';
  /** `light` or `dark` fixes the colour scheme; without it the element follows the visitor's (`prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Overrides for any message id, e.g. `{ 'login.title': 'Welcome back' }`. */
  @property({ attribute: false }) messages: Partial<Messages> | undefined;
  /** A client to use instead of the page's shared one (tests, stories, apps that build their own). */
  @property({ attribute: false }) client: SessionClient | undefined;

  /** The options this element's attributes contribute to the shared client. */
  clientOptions(): Partial<ClientOptions> {
    return {};
  }

  /** @internal The element's own code and controllers fire its events through this. */
  emit<K extends keyof CiamEventMap>(type: K, detail: CiamEventMap[K]['detail']): boolean {
    return this.dispatchEvent(ciamEvent(type, detail));
  }
}
