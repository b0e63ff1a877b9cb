import { expect } from '@open-wc/testing';
import { config } from '../../test/fixtures/session.js';
import { authorizedFetch, tokenOrigins } from './authorized-fetch.js';

describe('client.fetch(): where the access token may go (RFC 9700 §4.10)', () => {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on window after the test, never called detached
  const realFetch = window.fetch;
  let sent: { url: string; authorization: string | null }[] = [];
  const client = {
    config: config({ tokenOrigins: ['https://api.example.com'] }),
    getAccessToken: () => Promise.resolve('at-1'),
    stepUp: () => Promise.resolve(undefined),
  };

  beforeEach(() => {
    sent = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: input instanceof Request ? input.url : String(input), authorization: new Headers(init?.headers).get('authorization') });
      return Promise.resolve(new Response('{}', { status: 200 }));
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

  it('allows the page and the issuer by default, and configured origins as origins only', () => {
    const origins = tokenOrigins({ authority: 'https://id.example.com/realms/shop', tokenOrigins: ['https://api.example.com/v1/', 'not a url'] });
    expect(origins).to.deep.equal([location.origin, 'https://id.example.com', 'https://api.example.com']);
  });
});
