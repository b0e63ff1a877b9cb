/** The stories modules the visual suite renders, by the name their screenshots are filed under. */
import * as connections from '../../stories/connections.stories.js';
import * as consent from '../../stories/consent.stories.js';
import * as session from '../../stories/session.stories.js';
import * as sessions from '../../stories/sessions.stories.js';
import * as login from '../../stories/login.stories.js';
import * as orgSwitcher from '../../stories/org-switcher.stories.js';
import * as passkey from '../../stories/passkey.stories.js';
import * as profile from '../../stories/profile.stories.js';
import * as recovery from '../../stories/recovery.stories.js';
import * as signup from '../../stories/signup.stories.js';
import * as social from '../../stories/social.stories.js';
import * as user from '../../stories/user.stories.js';
import type { StoriesModule } from '../fixtures/stories.js';

export const modules = {
  connections,
  consent,
  login,
  'org-switcher': orgSwitcher,
  passkey,
  profile,
  recovery,
  session,
  sessions,
  signup,
  social,
  user,
} as unknown as Record<string, StoriesModule>;
