import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decisionRequest, grantedScopes, readDecisionReply, scopeChoices } from './scope-consent.js';

const endpoint = 'https://id.example.com/interaction/abc/consent';
const now = Date.UTC(2026, 11, 7);
const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  readDecisionReply({ status, headers, body: JSON.stringify(body) }, endpoint, now);

describe('scope consent', () => {
  it('lists each requested scope once, required ones first, and grants required plus what was not unticked', () => {
    const choices = scopeChoices('email openid  phone email address', 'openid');
    assert.deepEqual(
      choices.map((c) => `${c.scope}${c.required ? '!' : ''}`),
      ['openid!', 'email', 'phone', 'address'],
    );
    assert.deepEqual(grantedScopes(choices, new Set(['phone', 'openid'])), ['openid', 'email', 'address'], 'a required scope cannot be declined');
  });

  it('posts the decision with one scope field per granted scope, and no scopes on deny', () => {
    const allow = decisionRequest(endpoint, 'allow', ['openid', 'email']);
    assert.equal(allow.body, 'decision=allow&scope=openid&scope=email');
    assert.equal(allow.credentials, 'same-origin');
    assert.equal(decisionRequest(endpoint, 'deny', ['openid']).body, 'decision=deny');
  });

  it('goes on only to the OP’s own origin', () => {
    assert.deepEqual(reply(200, { redirect_to: 'https://id.example.com/auth/abc' }), { ok: true, url: 'https://id.example.com/auth/abc' });
    assert.deepEqual(reply(200, { redirect_to: '/auth/abc' }), { ok: true, url: 'https://id.example.com/auth/abc' });
    for (const away of ['https://evil.example/auth', '//evil.example/x', 'javascript:alert(1)']) {
      const answer = reply(200, { redirect_to: away });
      assert.equal(answer.ok ? 'followed' : answer.error.code, 'bad_response', away);
    }
  });

  it('reads failures as typed errors: an expired request, too many attempts, an unreadable answer', () => {
    const code = (answer: ReturnType<typeof reply>) => (answer.ok ? 'ok' : answer.error.code);
    assert.equal(code(reply(400, { error: 'invalid_session', error_description: 'expired' })), 'request_expired');
    const limited = reply(429, { error: 'rate_limited' }, { 'retry-after': '12' });
    assert.deepEqual(limited.ok ? null : [limited.error.code, limited.error.retryAfterSeconds], ['rate_limited', 12]);
    assert.equal(code(readDecisionReply({ status: 502, headers: {}, body: '<html>' }, endpoint, now)), 'server_error');
    assert.equal(code(reply(200, { next: 'somewhere' })), 'bad_response');
  });
});
