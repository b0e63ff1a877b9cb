import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DpopVerifier } from '../../demo/op/dpop.js';
import { dpopProof } from './dpop.js';

const url = 'https://id.example.com/challenge';

describe('DPoP proofs for the challenge endpoint', () => {
  it('makes RFC 9449 proofs the demo OP accepts, with one key per page', async () => {
    const verifier = new DpopVerifier();
    const first = verifier.check(await dpopProof('POST', `${url}?x=1`), 'POST', url);
    const second = verifier.check(await dpopProof('POST', url), 'POST', url);
    assert.ok(first.ok && second.ok);
    assert.equal(first.jkt, second.jkt);
    const [header] = (await dpopProof('POST', url)).split('.');
    const decoded = JSON.parse(Buffer.from(header, 'base64url').toString()) as { typ: string; alg: string; jwk: Record<string, string> };
    assert.equal(decoded.typ, 'dpop+jwt');
    assert.equal(decoded.alg, 'ES256');
    assert.deepEqual(Object.keys(decoded.jwk).sort(), ['crv', 'kty', 'x', 'y'], 'the public key only');
  });

  it('is refused for another endpoint or method, when replayed, stale or tampered with', async () => {
    const verifier = new DpopVerifier();
    assert.equal(verifier.check(await dpopProof('POST', 'https://evil.example/challenge'), 'POST', url).ok, false);
    assert.equal(verifier.check(await dpopProof('GET', url), 'POST', url).ok, false);
    assert.equal(verifier.check(await dpopProof('POST', url, Date.now() - 3_600_000), 'POST', url).ok, false);
    const proof = await dpopProof('POST', url);
    assert.equal(verifier.check(proof, 'POST', url).ok, true);
    assert.equal(verifier.check(proof, 'POST', url).ok, false, 'replayed');
    const [h, p, s] = (await dpopProof('POST', url)).split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, htu: 'https://id.example.com/other' })).toString('base64url');
    assert.equal(verifier.check(`${h}.${forged}.${s}`, 'POST', 'https://id.example.com/other').ok, false);
    assert.equal(verifier.check('not.a.proof', 'POST', url).ok, false);
  });
});
