/**
 * The bot check of the challenge flows (docs/first-party-challenge.md, "Bot
 * check"): before a request that costs something (an email with a code, a new
 * account, a guest), the OP may answer `bot_check_required` with a challenge;
 * the client solves it and sends the same request again with `bot_proof`.
 * The OP decides when (here: always, never, or after a number of such
 * requests from one address, "velocity") and fails closed: no proof, a wrong
 * one, an old one, a used one, or a provider that does not answer, and the
 * request is not done.
 *
 * Built in: a proof of work (no third party, no cookie, nothing to see or
 * solve by hand): find `n` so that SHA-256(`<challenge>:<n>`) starts with
 * `difficulty` zero bits. The challenge is stateless (random salt, expiry and
 * difficulty under an HMAC), and a solved one is remembered until it expires,
 * so it is used once. Or a widget provider (Cloudflare Turnstile, hCaptcha),
 * whose token is checked at its siteverify endpoint.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type BotProvider = { type: 'pow'; difficulty?: number } | { type: 'turnstile' | 'hcaptcha'; siteKey: string; secret: string; verifyUrl?: string };

export interface BotCheckOptions {
  /** When to ask: `velocity` (default): after `free` such requests from one address within `windowSeconds`. */
  when?: 'always' | 'never' | 'velocity';
  free?: number;
  windowSeconds?: number;
  provider?: BotProvider;
}

export interface BotReply {
  status: number;
  body: Record<string, unknown>;
}

const SITEVERIFY: Record<'turnstile' | 'hcaptcha', string> = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
};
/** Time to solve a proof-of-work challenge; also how long a used one is remembered. */
const CHALLENGE_TTL_S = 300;
/** About 260 000 hashes: well under a second in a browser, a real cost for thousands of requests. */
const DEFAULT_DIFFICULTY = 18;
const VERIFY_TIMEOUT_MS = 5000;

export class BotGate {
  readonly #when: NonNullable<BotCheckOptions['when']>;
  readonly #free: number;
  readonly #windowMs: number;
  readonly #provider: BotProvider;
  readonly #key = randomBytes(32);
  /** Requests per address, as times (epoch ms), within the window. */
  readonly #recent = new Map<string, number[]>();
  /** Solved challenges → when they may be forgotten. */
  readonly #used = new Map<string, number>();

  constructor(options: BotCheckOptions = {}) {
    this.#when = options.when ?? 'velocity';
    this.#free = options.free ?? 3;
    this.#windowMs = (options.windowSeconds ?? 10 * 60) * 1000;
    this.#provider = options.provider ?? { type: 'pow' };
  }

  /**
   * A request from `ip` that costs something: null to go on, or the answer that asks for (or refuses) a proof.
   * Every such request counts towards the address's velocity, proven or not.
   */
  async check(ip: string, proof: string | undefined, now = Date.now()): Promise<BotReply | null> {
    if (!this.#required(ip, now)) return null;
    if (proof === undefined) return this.#ask(now);
    return (await this.#verify(proof, ip, now)) ? null : this.#ask(now, 'invalid_bot_proof');
  }

  #required(ip: string, now: number): boolean {
    if (this.#when === 'never') return false;
    const recent = (this.#recent.get(ip) ?? []).filter((at) => now - at < this.#windowMs);
    recent.push(now);
    this.#recent.set(ip, recent);
    // Addresses that went quiet are forgotten, so the map stays bounded by the recent ones.
    if (this.#recent.size > 10_000) for (const [key, times] of this.#recent) if (now - (times.at(-1) ?? 0) >= this.#windowMs) this.#recent.delete(key);
    return this.#when === 'always' || recent.length > this.#free;
  }

  #ask(now: number, reason?: 'invalid_bot_proof'): BotReply {
    const provider = this.#provider;
    const challenge =
      provider.type === 'pow'
        ? {
            type: 'pow',
            algorithm: 'SHA-256',
            challenge: this.#powChallenge(now, provider.difficulty ?? DEFAULT_DIFFICULTY),
            difficulty: provider.difficulty ?? DEFAULT_DIFFICULTY,
          }
        : { type: provider.type, site_key: provider.siteKey };
    return {
      status: 400,
      body: {
        error: 'bot_check_required',
        error_description: reason
          ? 'The bot check did not pass. Solve the new challenge and send the request again.'
          : 'Solve the challenge and send the request again with bot_proof.',
        bot_challenge: challenge,
        ...(reason ? { reason } : {}),
      },
    };
  }

  /** `<salt>.<expires>.<difficulty>.<mac>`: everything the check needs, signed, so nothing is stored until it is solved. */
  #powChallenge(now: number, difficulty: number): string {
    const body = `${randomBytes(16).toString('base64url')}.${Math.floor(now / 1000) + CHALLENGE_TTL_S}.${difficulty}`;
    return `${body}.${createHmac('sha256', this.#key).update(body).digest('base64url')}`;
  }

  async #verify(proof: string, ip: string, now: number): Promise<boolean> {
    const [type = '', ...rest] = proof.split(':');
    const provider = this.#provider;
    if (type !== provider.type) return false;
    if (provider.type === 'pow') return this.#verifyPow(rest, now);
    return this.#verifyWidget(provider, rest.join(':'), ip);
  }

  #verifyPow([challenge = '', counter = '']: string[], now: number): boolean {
    const [salt = '', expires = '', difficulty = '', mac = ''] = challenge.split('.');
    const expected = createHmac('sha256', this.#key).update(`${salt}.${expires}.${difficulty}`).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    if (Number(expires) * 1000 < now || !/^\d{1,12}$/.test(counter)) return false;
    for (const [seen, until] of this.#used) if (until < now) this.#used.delete(seen);
    if (this.#used.has(salt)) return false;
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${counter}`).digest()) < Number(difficulty)) return false;
    this.#used.set(salt, Number(expires) * 1000);
    return true;
  }

  /** The provider's siteverify answer; no answer (offline, slow, an error) is a failed check. */
  async #verifyWidget(provider: Extract<BotProvider, { secret: string }>, token: string, ip: string): Promise<boolean> {
    if (!token || token.length > 4096) return false;
    try {
      const response = await fetch(provider.verifyUrl ?? SITEVERIFY[provider.type], {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ secret: provider.secret, response: token, remoteip: ip, sitekey: provider.siteKey }).toString(),
        signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
      });
      const answer = (await response.json()) as { success?: unknown };
      return response.ok && answer.success === true;
    } catch {
      return false;
    }
  }
}

export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}
