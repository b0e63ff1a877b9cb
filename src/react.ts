/**
 * React wrappers (@lit/react): typed props, and event props made from custom-elements.json (react-events.ts):
 * `on` and the event's name after `ciam-` (`onSignedIn`, `onProfileSaved`), each typed with its event.
 * Defines the elements itself, as `src/index.ts` does (package.json `sideEffects` keeps entry files' code).
 */
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import type { PropertyDeclaration } from 'lit';
import * as React from 'react';
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
import { events } from './react-events.js';

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

interface LitElementClass<I extends HTMLElement> {
  new (): I;
  readonly elementProperties: Map<PropertyKey, PropertyDeclaration>;
}

/**
 * @lit/react in the browser, and on the server (Next.js and the like render client components there
 * too) the element with its attributes. @lit/react sets element properties only in the browser, so a
 * server render of `<Login authority=… clientId=…>` would be a bare `<ciam-login>`; our settings are
 * all attributes, so the server writes them (`authority`, `client-id`, …) and the browser upgrades a
 * configured element before React hydrates, which then sets the same values as properties.
 */
function wrap<I extends HTMLElement, E extends Record<string, EventName | string> = Record<never, never>>(
  tagName: string,
  elementClass: LitElementClass<I>,
  events?: E,
): ReactWebComponent<I, E> {
  const Browser = createComponent({ tagName, elementClass, react: React, events });
  const Wrapper = React.forwardRef<I, Record<string, unknown>>((props, ref) =>
    typeof document === 'undefined'
      ? React.createElement(tagName, serverProps(elementClass, props))
      : React.createElement(Browser as React.ElementType, { ...props, ref }),
  );
  Wrapper.displayName = Browser.displayName;
  return Wrapper;
}

/** Element properties with an attribute, as that attribute (Lit's default conversion); other React props as they are. */
function serverProps(elementClass: LitElementClass<HTMLElement>, props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'className') out.class = value;
    else if (!(key in elementClass.prototype)) {
      // Event props (functions) are the browser's business; the rest (id, slot, style, children, …) React renders.
      if (typeof value !== 'function') out[key] = value;
    } else {
      const attribute = elementClass.elementProperties.get(key)?.attribute ?? true;
      if (attribute === false || value === false || value === null || value === undefined) continue;
      const name = typeof attribute === 'string' ? attribute : key.toLowerCase();
      if (value === true) out[name] = '';
      else if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
    }
  }
  return out;
}

export const Login = wrap('ciam-login', CiamLogin, events['ciam-login']);
export const User = wrap('ciam-user', CiamUser, events['ciam-user']);
export const Signup = wrap('ciam-signup', CiamSignup, events['ciam-signup']);
export const Recovery = wrap('ciam-recovery', CiamRecovery, events['ciam-recovery']);
export const Passkeys = wrap('ciam-passkey', CiamPasskey, events['ciam-passkey']);
export const Social = wrap('ciam-social', CiamSocial, events['ciam-social']);
export const Connections = wrap('ciam-connections', CiamConnections, events['ciam-connections']);
export const Profile = wrap('ciam-profile', CiamProfile, events['ciam-profile']);
export const Consent = wrap('ciam-consent', CiamConsent, events['ciam-consent']);
export const Session = wrap('ciam-session', CiamSession, events['ciam-session']);
export const Sessions = wrap('ciam-sessions', CiamSessions, events['ciam-sessions']);
export const OrgSwitcher = wrap('ciam-org-switcher', CiamOrgSwitcher, events['ciam-org-switcher']);
