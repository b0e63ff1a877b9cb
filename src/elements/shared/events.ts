/** Typed events every element fires: bubbling and composed, so a page listens once on document. */
import type { CiamError } from '../../core/errors.js';
import type { GuestOutcome, SessionUser } from '../../core/states.js';
import type { JourneyDetail } from '../../core/journey.js';
import type { Organization } from '../../core/organization.js';

export interface CiamSignedInDetail {
  user: SessionUser;
  /** True when the session came back from storage rather than a fresh sign-in. */
  restored: boolean;
  /** True when this sign-in ended a sign-up that started on this page (embedded, popup, or a redirect from here). */
  signedUp: boolean;
  /** The session came from another tab of the app (`restored` is true then too). */
  tab?: true;
  /**
   * This sign-in started from a guest session (`startGuest()`): `signed-up` (the guest's account is now the
   * user's, same `sub`), `moved` (the guest's data goes into this account: the OP tells the app's server) or
   * `kept-separate` (it stays with the guest).
   */
  guest?: GuestOutcome;
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

/** <ciam-profile>: the answers, and where they went (`scim`, or null: the page stores them). */
export interface CiamProfileSavedDetail {
  values: Partial<Record<'given_name' | 'family_name' | 'birthdate' | 'phone_number' | 'country' | 'postal_code', string>>;
  stored: 'scim' | null;
}

/** <ciam-consent>: a decision and its receipt (`version`: the document's, null for a purpose without one). */
export interface CiamConsentChangedDetail {
  purpose: string;
  action: 'grant' | 'withdraw';
  version: string | null;
  receipt: { id: string; purpose: string; action: 'grant' | 'withdraw'; at: string; version?: string | null; hash?: string | null };
}

/** <ciam-org-switcher>: the organization this tab is in now (null: none, or signed out), the user's roles there, and the one before. */
export interface CiamOrgChangedDetail {
  organization: Organization | null;
  roles: string[];
  previous: Organization | null;
}

export type CiamSignedInEvent = CustomEvent<CiamSignedInDetail>;
export type CiamConsentChangedEvent = CustomEvent<CiamConsentChangedDetail>;
export type CiamProfileSavedEvent = CustomEvent<CiamProfileSavedDetail>;
export type CiamProfileSkippedEvent = CustomEvent<{ asks: string[] }>;
export type CiamOrgChangedEvent = CustomEvent<CiamOrgChangedDetail>;
export type CiamLinkedEvent = CustomEvent<CiamLinkedDetail>;
export type CiamUnlinkedEvent = CustomEvent<CiamUnlinkedDetail>;
/** `reason`: the session timed out (<ciam-session>), not the user's sign-out; `tab`: another tab of the app signed out. */
export type CiamSignedOutEvent = CustomEvent<{ reason?: 'idle' | 'max-age' | 'ended'; tab?: true }>;
export type CiamErrorEvent = CustomEvent<CiamErrorDetail>;
/** Where people are in sign-in, sign-up and recovery: steps, methods, outcomes, with nothing personal (core/journey.ts). */
export type CiamJourneyEvent = CustomEvent<JourneyDetail>;

export interface CiamEventMap {
  'ciam-signed-in': CiamSignedInEvent;
  'ciam-signed-out': CiamSignedOutEvent;
  'ciam-error': CiamErrorEvent;
  'ciam-linked': CiamLinkedEvent;
  'ciam-unlinked': CiamUnlinkedEvent;
  'ciam-profile-saved': CiamProfileSavedEvent;
  'ciam-profile-skipped': CiamProfileSkippedEvent;
  'ciam-consent-changed': CiamConsentChangedEvent;
  'ciam-org-changed': CiamOrgChangedEvent;
  'ciam-journey': CiamJourneyEvent;
}

/** Our events cross shadow roots and bubble, so a page listens once on document. */
export function ciamEvent<K extends keyof CiamEventMap>(type: K, detail: CiamEventMap[K]['detail']): CiamEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as CiamEventMap[K];
}

declare global {
  interface GlobalEventHandlersEventMap extends CiamEventMap {}
}
