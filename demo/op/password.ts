import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// Stored format: scrypt$N$r$p$salt$hash (salt and hash base64url). Keeping the
// cost parameters in the string lets us raise them later without breaking
// existing users: a hash made with other parameters still verifies, and
// needsRehash() tells the sign-in to store a new one.
//
// OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1. That is
// 128 MiB and roughly 0.4 s per hash on one core of a small machine: the cost
// a stolen database imposes on every guess, paid once per sign-in here.
export const SCRYPT = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
const KEY_LENGTH = 32;
// scrypt needs 128 * N * r bytes (128 MiB at these parameters), plus a little;
// Node's default maxmem is 32 MiB. Twice the need leaves room for old hashes
// with a larger r without letting a crafted stored string ask for gigabytes.
const MAX_MEMORY = 2 * 128 * SCRYPT.N * SCRYPT.r;

function derive(password: string, salt: Buffer, n: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keylen, { N: n, r, p, maxmem: MAX_MEMORY }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = SCRYPT;
  const hash = await derive(password, salt, N, r, p, KEY_LENGTH);
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltText, hashText] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashText, 'base64url');
  const actual = await derive(password, Buffer.from(saltText, 'base64url'), Number(n), Number(r), Number(p), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True for a hash made with other (older, weaker) parameters than today's: re-hash it at the next successful sign-in. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== SCRYPT.N || Number(r) !== SCRYPT.r || Number(p) !== SCRYPT.p;
}

// Verified against when the email is unknown, so "no such user" costs the same
// time as "wrong password" and response timing does not reveal registrations.
// Made with today's parameters, so it costs what a real (re-hashed) one costs.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
