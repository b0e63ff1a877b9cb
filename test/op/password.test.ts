import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { SCRYPT, hashPassword, needsRehash, verifyPassword } from '../../demo/op/password.js';
import { startTestOp, useTestOp } from './helpers.js';

/** A hash as the demo OP stored them before (N=2^14). */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

describe('demo OP: password hashing', () => {
  it('hashes with scrypt at OWASP parameters (N=2^17, r=8, p=1), parameters in the string', async () => {
    assert.deepEqual({ ...SCRYPT }, { N: 131072, r: 8, p: 1 });
    const stored = await hashPassword('correct horse battery staple');
    assert.match(stored, /^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.equal(await verifyPassword('correct horse battery staple', stored), true);
    assert.equal(await verifyPassword('correct horse battery stapler', stored), false);
    assert.equal(needsRehash(stored), false);
    assert.equal(needsRehash(oldHash('x')), true);
  });

  const server = useTestOp(() => startTestOp());

  it('re-hashes an old hash at the next successful sign-in, and only then', async () => {
    const { db } = server().op;
    const user = db.users.createWithHash({ email: 'old@example.com', name: 'Old', passwordHash: oldHash('an old but long passphrase') });
    const stored = () => (db.sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').get(user.id) as { password_hash: string }).password_hash;
    const before = stored();
    assert.equal(await db.users.verifyCredentials('old@example.com', 'a wrong passphrase'), undefined);
    assert.equal(stored(), before, 'a failed sign-in changes nothing');
    assert.equal((await db.users.verifyCredentials('old@example.com', 'an old but long passphrase'))?.id, user.id);
    assert.equal(needsRehash(stored()), false);
    assert.equal((await db.users.verifyCredentials('old@example.com', 'an old but long passphrase'))?.id, user.id, 'the new hash works');
  });
});
