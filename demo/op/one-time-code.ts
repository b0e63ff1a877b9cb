import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

// The emailed 6-digit codes, shared by the challenge flows (challenge-flows.ts)
// and the proof step before linking an upstream identity (federation.ts):
// only their SHA-256 is kept, they live 10 minutes, allow 5 wrong tries and
// can be re-sent after 30 seconds.

export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MINUTES = CODE_TTL_MS / 60_000;
export const RESEND_AFTER_S = 30;
export const MAX_CODE_TRIES = 5;

export interface OneTimeCode {
  /** SHA-256 of the code: the stored state need not hold it (the mailbox does, for the demo). */
  hash: string;
  expiresAt: number;
  tries: number;
}

export function generateCode(now = Date.now()): { code: string; record: OneTimeCode } {
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  return { code, record: { hash: codeDigest(code), expiresAt: now + CODE_TTL_MS, tries: 0 } };
}

/** Whether `input` is the code, counting a wrong try on `record` (which the caller saves). */
export function checkOneTimeCode(record: OneTimeCode | undefined, input: string): 'ok' | 'expired' | 'wrong' {
  if (record && (record.tries >= MAX_CODE_TRIES || Date.now() > record.expiresAt)) return 'expired';
  if (!record || !/^\d{6}$/.test(input) || !safeEqual(codeDigest(input), record.hash)) {
    if (record) record.tries += 1;
    return 'wrong';
  }
  return 'ok';
}

export function codeDigest(code: string): string {
  return createHash('sha256').update(code).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
