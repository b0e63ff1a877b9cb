import { expect } from '@open-wc/testing';
import { config } from '../../test/fixtures/session.js';
import { authorizedFetch, tokenOrigins } from './authorized-fetch.js';

describe('client.fetch(): where the access token may go (RFC 9700 §4.10)', () => {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on window after the test, never called detached
  const realFetch = window.fetch;
  let sent: { url: string; authorization: string | null; dpop: string | null }[] = [];
  /** What the stub server answers, in order; then 200. */
  let answers: Response[] = [];
  let asked: { url: string; method: string; nonce?: string }[] = [];
  let stepUps = 0;
  const client = {
    config: config({ tokenOrigins: ['https://api.example.com'] }),
    authorizationHeaders: (url: string, method = 'GET', nonce?: string) => {
      asked.push({ url, method, ...(nonce ? { nonce } : {}) });
      return Promise.resolve({ authorization: 'Bearer at-1' });
    },
    stepUp: () => Promise.resolve(void stepUps++),
  };

  beforeEach(() => {
    sent = [];
    answers = [];
    asked = [];
    stepUps = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      sent.push({ url: input instanceof Request ? input.url : String(input), authorization: headers.get('authorization'), dpop: headers.get('dpop') });
      return Promise.resolve(answers.shift() ?? new Response('{}', { status: 200 }));
    };
  });
  afterEach(() => (window.fetch = realFetch));

  it('adds the token for the page, the issuer and configured API origins', async () => {
    for (const url of ['/api/orders', 'https://id.example.com/api/passkeys', 'https://api.example.com/v1/me']) await authorizedFetch(client, url, {});
    expect(sent.map((s) => s.authorization)).to.deep.equal(['Bearer at-1', 'Bearer at-1', 'Bearer at-1']);
  });

  it('sends requests to any other origin without it, look-alike hosts included', async () => {
    for (const url of ['https://evil.example.net/collect', 'https://api.example.com.evil.net/v1', 'http://api.example.com/v1'])
      await authorizedFetch(client, url, { headers: { accept: 'application/json' } });
    expect(sent.map((s) => s.authorization)).to.deep.equal([null, null, null]);
    expect(sent).to.have.length(3);
  });

  it('asks for headers per request, for its method and absolute URL', async () => {
    await authorizedFetch(client, '/api/orders?page=2', { method: 'POST', body: '{}' });
    expect(asked).to.deep.equal([{ url: new URL('/api/orders?page=2', location.href).href, method: 'POST' }]);
  });

  it("answers a resource server's DPoP nonce request once, with a new proof (RFC 9449 §9)", async () => {
    const nonceAsked = () =>
      new Response('', { status: 401, headers: { 'www-authenticate': 'DPoP algs="ES256", error="use_dpop_nonce"', 'dpop-nonce': 'n-1' } });
    answers = [nonceAsked(), nonceAsked()];
    const response = await authorizedFetch(client, 'https://api.example.com/v1/me', {});
    expect(asked.map((a) => a.nonce)).to.deep.equal([undefined, 'n-1']);
    expect(response.status, 'asked twice: the answer is given to the app, no loop').to.equal(401);
  });

  it('steps up on a DPoP-scheme challenge like on a Bearer one', async () => {
    answers = [new Response('', { status: 401, headers: { 'www-authenticate': 'DPoP algs="ES256", error="insufficient_user_authentication", max_age=300' } })];
    const response = await authorizedFetch(client, '/api/payout', { method: 'POST' });
    expect([stepUps, response.status, sent.length]).to.deep.equal([1, 200, 2]);
  });

  it('allows the page and the issuer by default, and configured origins as origins only', () => {
    const origins = tokenOrigins({ authority: 'https://id.example.com/realms/shop', tokenOrigins: ['https://api.example.com/v1/', 'not a url'] });
    expect(origins).to.deep.equal([location.origin, 'https://id.example.com', 'https://api.example.com']);
  });
});
