// The demo in a Vue 3 app: the elements are plain custom elements to Vue.
// Render functions (no runtime template compiler, which the page's CSP
// would refuse); in single-file components the same is
// `<ciam-login :authority="…" client-id="demo-app" @ciam-signed-in="…">`,
// with `compilerOptions.isCustomElement: (tag) => tag.startsWith('ciam-')`.
import { createApp, defineComponent, h, ref } from 'vue';
import '../../src/index.js';
import type { CiamSignedInEvent, SessionUser } from '../../src/index.js';
import { variants } from './variants.js';

const authority = document.body.dataset.authority!;

const App = defineComponent(() => {
  const user = ref<SessionUser | null>(null);
  const events = ref<string[]>([]);
  const record = (text: string) => (events.value = [text, ...events.value]);
  return () => [
    h('header', { class: 'topbar' }, [
      h('a', { class: 'brand', href: '/' }, 'Acme Store'),
      h(
        'nav',
        { 'aria-label': 'Demo variants' },
        variants.map(([href, label]) => h('a', { key: href, href }, label)),
      ),
      h('ciam-user'),
    ]),
    h('main', [
      h('section', { class: 'intro' }, [
        h('h1', 'Sign-in in a Vue app'),
        h(
          'p',
          'The same elements as plain custom elements: attributes and properties bound by Vue, @ciam-signed-in and @ciam-signed-out for the events. The user below lives in a Vue ref.',
        ),
      ]),
      h('ciam-login', {
        authority,
        'client-id': 'demo-app',
        'passkeys-endpoint': `${authority}/api/passkeys`,
        onCiamSignedIn: (e: CiamSignedInEvent) => {
          user.value = e.detail.user;
          record(`@ciam-signed-in ${e.detail.user.email ?? e.detail.user.sub}`);
        },
        onCiamSignedOut: () => {
          user.value = null;
          record('@ciam-signed-out');
        },
      }),
      user.value
        ? h('section', { class: 'account' }, [
            h('h2', 'Your account'),
            h('p', { class: 'vue-greeting' }, `Hello, ${user.value.name ?? user.value.email ?? user.value.sub}. The Vue ref has you since @ciam-signed-in.`),
            h('ciam-passkey', { endpoint: `${authority}/api/passkeys` }),
          ])
        : null,
      h('section', { class: 'events' }, [
        h('h2', 'Events'),
        h(
          'ol',
          { id: 'event-log' },
          events.value.map((text, i) => h('li', { key: events.value.length - i }, text)),
        ),
      ]),
    ]),
  ];
});

createApp(App).mount('#app');
