/**
 * The built-in bot check's proof of work (docs/first-party-challenge.md, "Bot
 * check"): find `n` so that SHA-256(`<challenge>:<n>`) starts with
 * `difficulty` zero bits. Pure and synchronous, in batches the caller spaces
 * out so the page stays responsive. SHA-256 by hand: WebCrypto's digest is
 * one promise per hash, far too slow for hundreds of thousands of them, and
 * the challenge's full 64-byte blocks are hashed once (the "midstate"), so
 * each try hashes only the tail with the number.
 */

const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = Uint32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const w = new Uint32Array(64);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** One 64-byte block of `bytes` at `at` into `state` (FIPS 180-4 §6.2.2). */
function compress(state: Uint32Array, bytes: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4) w[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    w[i] = w[i - 16] + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + w[i - 7] + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10));
  }
  let [a, b, c, d, e, f, g, h] = state as unknown as [number, number, number, number, number, number, number, number];
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

/** The message's last blocks: `tail`, the 0x80 bit, zeros and the length in bits (of the whole message). */
function finish(state: Uint32Array, tail: Uint8Array, totalBytes: number): void {
  const blocks = tail.length + 9 > 64 ? 2 : 1;
  const padded = new Uint8Array(blocks * 64);
  padded.set(tail);
  padded[tail.length] = 0x80;
  const bits = totalBytes * 8;
  const end = padded.length;
  padded[end - 5] = Math.floor(bits / 2 ** 32) & 0xff;
  padded[end - 4] = (bits >>> 24) & 0xff;
  padded[end - 3] = (bits >>> 16) & 0xff;
  padded[end - 2] = (bits >>> 8) & 0xff;
  padded[end - 1] = bits & 0xff;
  for (let at = 0; at < padded.length; at += 64) compress(state, padded, at);
}

const encoder = new TextEncoder();

/** SHA-256 of `text` (UTF-8). */
export function sha256(text: string): Uint8Array {
  const bytes = encoder.encode(text);
  const state = INITIAL.slice();
  const full = bytes.length - (bytes.length % 64);
  for (let at = 0; at < full; at += 64) compress(state, bytes, at);
  finish(state, bytes.subarray(full), bytes.length);
  const digest = new Uint8Array(32);
  state.forEach((word, i) => digest.set([word >>> 24, word >>> 16, word >>> 8, word], i * 4)); // big-endian; set() keeps the low byte
  return digest;
}

/**
 * Tries `n` from `from` on, `count` of them: the first whose hash starts with `difficulty` zero bits (at most 32),
 * or null. The challenge's full blocks are hashed once per call.
 */
export function searchPow(challenge: string, difficulty: number, from: number, count: number): number | null {
  const prefix = encoder.encode(`${challenge}:`);
  const full = prefix.length - (prefix.length % 64);
  const midstate = INITIAL.slice();
  for (let at = 0; at < full; at += 64) compress(midstate, prefix, at);
  const rest = prefix.subarray(full);
  const state = new Uint32Array(8);
  for (let n = from; n < from + count; n++) {
    const digits = encoder.encode(String(n));
    const tail = new Uint8Array(rest.length + digits.length);
    tail.set(rest);
    tail.set(digits, rest.length);
    state.set(midstate);
    finish(state, tail, prefix.length + digits.length);
    if (difficulty === 0 || Math.clz32(state[0]) >= difficulty) return n;
  }
  return null;
}
