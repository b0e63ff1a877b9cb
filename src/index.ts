/**
 * Registers every element and exports the public API.
 * The elements are defined here, not by importing `./elements/<x>/ciam-<x>.js`: a bundler keeps
 * only the side effects of the files package.json `sideEffects` names, and this entry is one of
 * them, while the shared chunks its classes end up in are not (docs/decisions.md, 2026-12-06).
 */
import { CiamConnections } from './elements/connections/connections.js';
import { CiamConsent } from './elements/consent/consent.js';
import { CiamLogin } from './elements/login/login.js';
import { CiamOrgSwitcher } from './elements/org-switcher/org-switcher.js';
import { CiamPasskey } from './elements/passkey/passkey.js';
import { CiamProfile } from './elements/profile/profile.js';
import { CiamRecovery } from './elements/recovery/recovery.js';
import { CiamSession } from './elements/session/session.js';
import { CiamSessions } from './elements/sessions/sessions.js';
import { define } from './elements/shared/define.js';
import { CiamSignup } from './elements/signup/signup.js';
import { CiamSocial } from './elements/social/social.js';
import { CiamUser } from './elements/user/user.js';

define('ciam-login', CiamLogin);
define('ciam-user', CiamUser);
define('ciam-signup', CiamSignup);
define('ciam-recovery', CiamRecovery);
define('ciam-passkey', CiamPasskey);
define('ciam-social', CiamSocial);
define('ciam-connections', CiamConnections);
define('ciam-profile', CiamProfile);
define('ciam-consent', CiamConsent);
define('ciam-session', CiamSession);
define('ciam-sessions', CiamSessions);
define('ciam-org-switcher', CiamOrgSwitcher);

export {
  CiamConnections,
  CiamConsent,
  CiamLogin,
  CiamOrgSwitcher,
  CiamPasskey,
  CiamProfile,
  CiamRecovery,
  CiamSession,
  CiamSessions,
  CiamSignup,
  CiamSocial,
  CiamUser,
};

declare global {
  interface HTMLElementTagNameMap {
    'ciam-login': CiamLogin;
    'ciam-user': CiamUser;
    'ciam-signup': CiamSignup;
    'ciam-recovery': CiamRecovery;
    'ciam-passkey': CiamPasskey;
    'ciam-social': CiamSocial;
    'ciam-connections': CiamConnections;
    'ciam-profile': CiamProfile;
    'ciam-consent': CiamConsent;
    'ciam-session': CiamSession;
    'ciam-sessions': CiamSessions;
    'ciam-org-switcher': CiamOrgSwitcher;
  }
}

export type { Passkey, PasskeyApi, PasskeyChange, PasskeyManager, PasskeyResult } from './client/passkeys-api.js';
export type { Invitation, Organization, OrganizationManager, OrganizationResult, OrganizationsApi, SwitchVia } from './client/organizations.js';
export type { OrganizationClaims, OrganizationRef } from './core/organization.js';
export type { OrganizationOptions } from './core/config.js';
export { CiamClient } from './client/ciam-client.js';
export { getClient, whenAnyClient } from './client/registry.js';
export type { BffClient } from './client/bff-client.js';
export type { ClientOptions, Listener, SessionClient } from './client/ciam-client.js';
export { CiamError } from './core/errors.js';
export { CiamErrorCodes } from './core/error-codes.js';
export type { CiamErrorCode, CiamErrorData } from './core/errors.js';
export type { SessionState, SessionUser, SignInOptions } from './core/states.js';
export type { EndReason, TimeoutReason } from './core/session-timeout.js';
export type {
  CiamConsentChangedEvent,
  CiamErrorEvent,
  CiamJourneyEvent,
  CiamLinkedEvent,
  CiamOrgChangedDetail,
  CiamOrgChangedEvent,
  CiamProfileSavedEvent,
  CiamProfileSkippedEvent,
  CiamSignedInEvent,
  CiamSignedOutEvent,
  CiamUnlinkedEvent,
} from './elements/shared/events.js';
export type { Connection, ConnectionList, ConnectionsApi } from './client/connections-api.js';
export type { ProfileStore } from './client/scim-api.js';
export type { Consents, ConsentsApi, Purpose, Receipt } from './client/consents-api.js';
export type { DeviceSession, SessionsApi } from './client/sessions-api.js';
export type { ProfilePolicy, ProfileValues } from './core/profile.js';
export type { ProfileOutcome } from './elements/profile/profile.js';
export { registerMessages } from './i18n/index.js';
export type { MessageId, Messages } from './i18n/index.js';
