/** `npm start`: the demo OP on :4000 and the demo app on :5173, on loopback only. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SEEDED_USER } from './op/server.js';
import { startStack } from './stack.js';

const dataDir = resolve(import.meta.dirname, 'op/.data');
mkdirSync(dataDir, { recursive: true });

const stack = await startStack({
  opPort: Number(process.env.OP_PORT ?? 4000),
  appPort: Number(process.env.APP_PORT ?? 5173),
  dbPath: resolve(dataDir, 'op.sqlite'),
  log: !!process.env.DEMO_LOG,
});

console.log(`
  ciam-elements demo

  App (embedded):      ${stack.appUrl}/embedded.html
  App (redirect):      ${stack.appUrl}/
  App (popup):         ${stack.appUrl}/popup.html
  App (session store): ${stack.appUrl}/session.html
  App (React 19):      ${stack.appUrl}/react.html
  App (Vue 3):         ${stack.appUrl}/vue.html
  OpenID Provider:     ${stack.opUrl}/.well-known/openid-configuration
  Dev mailbox:         ${stack.opUrl}/mailbox   (sign-in codes, verification, recovery)

  Sign in with  ${SEEDED_USER.email}  /  ${SEEDED_USER.password}
  or create an account from the sign-in card.

  Ctrl+C stops both.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stack.close().then(() => process.exit(0));
  });
}
