import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRetryAfter } from './errors.js';
import { parseJsonResponse } from './http.js';
import { userinfoSchema } from './schemas/tokens.js';

const now = Date.UTC(2026, 10, 29, 12, 0, 0);
const res = (status: number, body: string, headers: Record<string, string> = {}) => ({ status, headers, body });

describe('parseJsonResponse', () => {
  it('returns the parsed value', () => {
    assert.deepEqual(parseJsonResponse(res(200, '{"sub":"a"}'), userinfoSchema, now), { ok: true, value: { sub: 'a' } });
  });
  it('passes OAuth error codes through with their description', () => {
    const r = parseJsonResponse(res(400, '{"error":"invalid_grant","error_description":"code expired"}'), userinfoSchema, now);
    assert.deepEqual(r, { ok: false, error: { code: 'invalid_grant', detail: 'code expired', status: 400 } });
  });
  it('keeps unknown OAuth codes as unknown', () => {
    const r = parseJsonResponse(res(400, '{"error":"weird_thing"}'), userinfoSchema, now);
    assert.equal(!r.ok && r.error.code, 'unknown');
  });
  it('maps RFC 9470 insufficient_user_authentication', () => {
    const r = parseJsonResponse(res(401, '{"error":"insufficient_user_authentication"}'), userinfoSchema, now);
    assert.equal(!r.ok && r.error.code, 'insufficient_user_authentication');
  });
  it('reads Retry-After on 429, as seconds or as a date', () => {
    const seconds = parseJsonResponse(res(429, '', { 'retry-after': '30' }), userinfoSchema, now);
    const date = parseJsonResponse(res(429, '', { 'retry-after': new Date(now + 90_000).toUTCString() }), userinfoSchema, now);
    assert.deepEqual(seconds, { ok: false, error: { code: 'rate_limited', status: 429, retryAfterSeconds: 30 } });
    assert.equal(!date.ok && date.error.retryAfterSeconds, 90);
  });
  it('treats an HTML error page as a server error, not a crash', () => {
    const r = parseJsonResponse(res(502, '<html><body>Bad gateway</body></html>'), userinfoSchema, now);
    assert.deepEqual(r, { ok: false, error: { code: 'server_error', status: 502, detail: 'HTTP 502' } });
  });
  it('treats a 200 that is not JSON or not the right shape as bad_response', () => {
    const notJson = parseJsonResponse(res(200, '<!doctype html>'), userinfoSchema, now);
    const wrong = parseJsonResponse(res(200, '{"name":"no sub"}'), userinfoSchema, now);
    assert.equal(!notJson.ok && notJson.error.code, 'bad_response');
    assert.equal(!wrong.ok && wrong.error.code, 'bad_response');
  });
});

describe('parseRetryAfter', () => {
  it('ignores garbage and never goes negative', () => {
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter(new Date(now - 60_000).toUTCString(), now), 0);
  });
});
