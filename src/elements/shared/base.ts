/**
 * Base class of every element: the shared client, locale and messages, and
 * `emit()` for typed, bubbling, composed events.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ClientOptions, SessionClient } from '../../client/ciam-client.js';
import type { Messages } from '../../i18n/index.js';
import { ciamEvent, type CiamEventMap } from './events.js';

export class CiamElement extends LitElement {
  /** Issuer URL of the OP. */
  @property() authority = '';
  /** OAuth client_id at the OP. */
  @property({ attribute: 'client-id' }) clientId = '';
  /** Backend-for-frontend mode: the same-origin path of the BFF that keeps the tokens (instead of authority and client_id). */
  @property() bff = '';
  /** BCP 47 locale; defaults to the nearest `lang` attribute. */
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

  emit<K extends keyof CiamEventMap>(type: K, detail: CiamEventMap[K]['detail']): boolean {
    return this.dispatchEvent(ciamEvent(type, detail));
  }
}
