/** React wrappers (@lit/react): typed props and `onCiam…` event props. */
import { createComponent } from '@lit/react';
import * as React from 'react';
import { CiamLogin } from './elements/login/ciam-login.js';
import { CiamUser } from './elements/user/ciam-user.js';
import { CiamSignup } from './elements/signup/ciam-signup.js';
import { CiamRecovery } from './elements/recovery/ciam-recovery.js';
import { CiamPasskey } from './elements/passkey/ciam-passkey.js';
import type { CiamErrorEvent, CiamSignedInEvent, CiamSignedOutEvent } from './elements/shared/events.js';

const sessionEvents = {
  onSignedIn: 'ciam-signed-in' as import('@lit/react').EventName<CiamSignedInEvent>,
  onSignedOut: 'ciam-signed-out' as import('@lit/react').EventName<CiamSignedOutEvent>,
  onError: 'ciam-error' as import('@lit/react').EventName<CiamErrorEvent>,
};

export const Login = createComponent({ tagName: 'ciam-login', elementClass: CiamLogin, react: React, events: sessionEvents });
export const User = createComponent({ tagName: 'ciam-user', elementClass: CiamUser, react: React });
export const Signup = createComponent({ tagName: 'ciam-signup', elementClass: CiamSignup, react: React, events: sessionEvents });
export const Recovery = createComponent({ tagName: 'ciam-recovery', elementClass: CiamRecovery, react: React, events: sessionEvents });
export const Passkeys = createComponent({ tagName: 'ciam-passkey', elementClass: CiamPasskey, react: React });
