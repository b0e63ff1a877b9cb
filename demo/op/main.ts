// Standalone demo OP: `npx tsx demo/op/main.ts`
//   OP_PORT     port on 127.0.0.1 (default 4000)
//   OP_HOST     host name in the issuer (default 127.0.0.1); passkeys need `localhost`
//   APP_ORIGIN  origin(s) of the demo app, comma-separated (default http://127.0.0.1:5173)
//   OP_ELEMENTS_DIR  built library (e.g. dist after `npx vite build`): hosted sign-in pages
import { fileURLToPath } from 'node:url';
import { SEEDED_USER, startOp } from './server.js';

const port = Number(process.env.OP_PORT ?? 4000);
const appOrigins = (process.env.APP_ORIGIN ?? 'http://127.0.0.1:5173')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);
const dbPath = fileURLToPath(new URL('./.data/op.sqlite', import.meta.url));

const elementsDir = process.env.OP_ELEMENTS_DIR || undefined;

const host = process.env.OP_HOST || undefined;

const op = await startOp({ port, host, appOrigins, dbPath, elementsDir, log: process.env.OP_LOG !== '0' });

console.log(`Demo ID (OpenID Provider) running
  issuer:     ${op.issuer}
  discovery:  ${op.issuer}/.well-known/openid-configuration
  client_id:  demo-app (public, PKCE S256)
  app origin: ${appOrigins.join(', ')}
  sign in as: ${SEEDED_USER.email} / ${SEEDED_USER.password}
  database:   ${dbPath}
  pages:      ${elementsDir ? `hosted <ciam-login> from ${elementsDir}` : 'server-rendered forms'}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal} received, stopping Demo ID...`);
  await op.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
