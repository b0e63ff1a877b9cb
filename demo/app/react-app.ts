// The demo in a React app: the same elements through the wrappers in
// src/react.ts (typed props, `onSignedIn`-style event props), with the
// signed-in user kept in React state.
import { createElement as h, Fragment, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { SessionUser } from '../../src/index.js';
import { Login, Passkeys, User } from '../../src/react.js';
import { variants } from './variants.js';

const authority = document.body.dataset.authority!;

function App() {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [events, setEvents] = useState<string[]>([]);
  const record = (text: string) => setEvents((list) => [text, ...list]);
  return h(
    Fragment,
    null,
    h(
      'header',
      { className: 'topbar' },
      h('a', { className: 'brand', href: '/' }, 'Acme Store'),
      h(
        'nav',
        { 'aria-label': 'Demo variants' },
        variants.map(([href, label]) => h('a', { key: href, href }, label)),
      ),
      h(User, null),
    ),
    h(
      'main',
      null,
      h(
        'section',
        { className: 'intro' },
        h('h1', null, 'Sign-in in a React app'),
        h(
          'p',
          null,
          'The same elements through ciam-elements/react: props for attributes, onSignedIn and onSignedOut for the events. The user below lives in React state.',
        ),
      ),
      h(Login, {
        authority,
        clientId: 'demo-app',
        passkeysEndpoint: `${authority}/api/passkeys`,
        onSignedIn: (e) => {
          setUser(e.detail.user);
          record(`onSignedIn ${e.detail.user.email ?? e.detail.user.sub}`);
        },
        onSignedOut: () => {
          setUser(null);
          record('onSignedOut');
        },
        onError: (e) => record(`onError ${e.detail.error.code}`),
      }),
      user
        ? h(
            'section',
            { className: 'account' },
            h('h2', null, 'Your account'),
            h('p', { className: 'react-greeting' }, `Hello, ${user.name ?? user.email ?? user.sub}. React state has you since onSignedIn.`),
            h(Passkeys, { endpoint: `${authority}/api/passkeys` }),
          )
        : null,
      h(
        'section',
        { className: 'events' },
        h('h2', null, 'Events'),
        h(
          'ol',
          { id: 'event-log' },
          events.map((text, i) => h('li', { key: events.length - i }, text)),
        ),
      ),
    ),
  );
}

createRoot(document.getElementById('root')!).render(h(StrictMode, null, h(App)));
