import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { OpDb } from './db.js';

// Both secrets are generated on first start and then read back from the
// database: regenerating them on every start would invalidate session cookies
// (signed with the cookie keys) and every ID token / JWT already handed out.

export function loadCookieKeys(db: OpDb): string[] {
  const stored = db.getSetting('cookie_keys');
  if (stored) return JSON.parse(stored) as string[];
  const keys = [randomBytes(32).toString('base64url')];
  db.setSetting('cookie_keys', JSON.stringify(keys));
  return keys;
}

export function loadJwks(db: OpDb): { keys: Record<string, unknown>[] } {
  const stored = db.getSetting('jwks');
  if (stored) return JSON.parse(stored) as { keys: Record<string, unknown>[] };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  const jwks = { keys: [jwk] };
  db.setSetting('jwks', JSON.stringify(jwks));
  return jwks;
}
