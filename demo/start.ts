/** `npm start`: the demo OP on :4000, the demo app on :5173 and the upstream IdPs on :4001 and :4002, on loopback only. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SEEDED_USER } from './op/server.js';
import { startStack } from './stack.js';
import { UPSTREAM_PASSWORD } from './upstream/server.js';

const dataDir = resolve(import.meta.dirname, 'op/.data');
mkdirSync(dataDir, { recursive: true });

const stack = await startStack({
  opPort: Number(process.env.OP_PORT ?? 4000),
  appPort: Number(process.env.APP_PORT ?? 5173),
  dbPath: resolve(dataDir, 'op.sqlite'),
  log: !!process.env.DEMO_LOG,
  upstreamPorts: { social: Number(process.env.SOCIAL_PORT ?? 4001), acme: Number(process.env.ACME_PORT ?? 4002) },
});

console.log(`
  ciam-elements demo

  App (embedded):      ${stack.appUrl}/embedded.html
  App (redirect):      ${stack.appUrl}/
  App (popup):         ${stack.appUrl}/popup.html
  App (session store): ${stack.appUrl}/session.html   (tabs="join": a new tab takes the session)
  App (BFF):           ${stack.appUrl}/bff.html       (tokens stay on a same-origin server)
  App (React 19):      ${stack.appUrl}/react.html
  App (Vue 3):         ${stack.appUrl}/vue.html
  OpenID Provider:     ${stack.opUrl}/.well-known/openid-configuration
  Dev mailbox:         ${stack.opUrl}/mailbox   (sign-in codes, verification, recovery)

  Sign in with  ${SEEDED_USER.email}  /  ${SEEDED_USER.password}
  or create an account from the sign-in card.

  Upstream IdPs (password for everyone there: ${UPSTREAM_PASSWORD})
  Social ID:      ${stack.upstreams.social}   ("Continue with Social ID", idp=social)
                  sam       new person: a Demo ID account is created on first sign-in
                  ada       ada@example.com, verified: asks Ada's Demo ID password or an emailed code, then links
                  mallory   ada@example.com, NOT verified: never linked, never a second account
                  kim, pat  another new person; an unverified email nobody has
  Acme Corp SSO:  ${stack.upstreams.acme}   (any @acme.test email typed at sign-in goes here)
                  bob@acme.test

  Ctrl+C stops everything.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stack.close().then(() => process.exit(0));
  });
}
