import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DpopVerifier } from '../../demo/op/dpop.js';
import { dpopProof as proofOf, dpopStore, forgetKey } from './dpop.js';

const app = 'https://id.example.com|spa';
const dpopProof = (method: string, target: string, now?: number) => proofOf(app, method, target, { now });

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

  it('binds a token: ath is its hash, and the verifier wants the one presented', async () => {
    const verifier = new DpopVerifier();
    const api = 'https://id.example.com/api/payout';
    const proof = await proofOf(app, 'post', `${api}?x=1`, { accessToken: 'at-1', nonce: 'n-1' });
    const claims = JSON.parse(Buffer.from(proof.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    assert.deepEqual([claims.htm, claims.htu, claims.nonce], ['POST', api, 'n-1']);
    assert.equal(verifier.check(proof, 'POST', api, Date.now(), 'at-2').ok, false, 'another token');
    assert.equal(verifier.check(await proofOf(app, 'POST', api, { accessToken: 'at-1' }), 'POST', api, Date.now(), 'at-1').ok, true);
    assert.equal(verifier.check(await proofOf(app, 'POST', api), 'POST', api, Date.now(), 'at-1').ok, false, 'no ath');
  });

  it("keeps one key per app, gives it to oidc-client-ts's store, and a new one after sign-out", async () => {
    const verifier = new DpopVerifier();
    const jkt = async (name: string) => {
      const checked = verifier.check(await proofOf(name, 'POST', url), 'POST', url);
      assert.ok(checked.ok);
      return checked.jkt;
    };
    const first = await jkt(app);
    assert.notEqual(await jkt('https://id.example.com|other'), first, 'another client, another key');
    const store = dpopStore(app, 'spa');
    assert.deepEqual(await store.getAllKeys(), ['spa']);
    const state = await store.get('spa');
    await store.set('spa', { ...state, nonce: 'n-2' });
    assert.equal((await store.get('spa')).nonce, 'n-2');
    assert.equal(state.keys.privateKey.extractable, false);
    await store.remove('spa');
    assert.notEqual(await jkt(app), first, 'removed with the tokens');
    const second = await jkt(app);
    await forgetKey(app);
    assert.notEqual(await jkt(app), second);
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
