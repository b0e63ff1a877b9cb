/** Registers every element and exports the public API. */
export { CiamLogin } from './elements/login/ciam-login.js';
export { CiamUser } from './elements/user/ciam-user.js';
export { CiamSignup } from './elements/signup/ciam-signup.js';
export { CiamRecovery } from './elements/recovery/ciam-recovery.js';
export { CiamPasskey } from './elements/passkey/ciam-passkey.js';
export type { Passkey, PasskeyApi } from './client/passkeys-api.js';
export { CiamClient } from './client/ciam-client.js';
export { getClient, whenAnyClient } from './client/registry.js';
export type { ClientOptions, Listener, SessionClient } from './client/ciam-client.js';
export { CiamError, CiamErrorCodes } from './core/errors.js';
export type { CiamErrorCode, CiamErrorData } from './core/errors.js';
export type { SessionState, SessionUser, SignInOptions } from './core/states.js';
export type { CiamErrorEvent, CiamSignedInEvent, CiamSignedOutEvent } from './elements/shared/events.js';
export { registerMessages } from './i18n/index.js';
export type { MessageId, Messages } from './i18n/index.js';
