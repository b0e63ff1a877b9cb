/** Typed events every element fires: bubbling and composed, so a page listens once on document. */
import type { CiamError } from '../../core/errors.js';
import type { SessionUser } from '../../core/states.js';

export interface CiamSignedInDetail {
  user: SessionUser;
  /** True when the session came back from storage rather than a fresh sign-in. */
  restored: boolean;
  /** True when this sign-in ended a sign-up that started on this page (embedded, popup, or a redirect from here). */
  signedUp: boolean;
}
export interface CiamErrorDetail {
  error: CiamError;
}

/** A connected account (<ciam-connections>): `provider` is the upstream IdP's id at the OP. */
export interface CiamLinkedDetail {
  provider: string;
}
export interface CiamUnlinkedDetail {
  provider: string;
  id: string;
}

export type CiamSignedInEvent = CustomEvent<CiamSignedInDetail>;
export type CiamLinkedEvent = CustomEvent<CiamLinkedDetail>;
export type CiamUnlinkedEvent = CustomEvent<CiamUnlinkedDetail>;
export type CiamSignedOutEvent = CustomEvent<Record<string, never>>;
export type CiamErrorEvent = CustomEvent<CiamErrorDetail>;

export interface CiamEventMap {
  'ciam-signed-in': CiamSignedInEvent;
  'ciam-signed-out': CiamSignedOutEvent;
  'ciam-error': CiamErrorEvent;
  'ciam-linked': CiamLinkedEvent;
  'ciam-unlinked': CiamUnlinkedEvent;
}

/** Our events cross shadow roots and bubble, so a page listens once on document. */
export function ciamEvent<K extends keyof CiamEventMap>(type: K, detail: CiamEventMap[K]['detail']): CiamEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as CiamEventMap[K];
}

declare global {
  interface GlobalEventHandlersEventMap extends CiamEventMap {}
}
