import { expect } from '@open-wc/testing';
import { CiamError } from '../core/errors.js';
import { connectionsApi } from './connections-api.js';

/** A fetch that records what it was asked and answers `status` with `body` (JSON when an object). */
function fakeFetch(status: number, body: unknown = '') {
  const asked: { url: string; method: string; body: string | null; type: string | null }[] = [];
  const fetch = (input: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    asked.push({ url: input, method: init.method ?? 'GET', body: typeof init.body === 'string' ? init.body : null, type: headers.get('content-type') });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return Promise.resolve(new Response(status === 204 ? null : text, { status, headers: { 'content-type': 'application/json' } }));
  };
  return { fetch, asked };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof CiamError ? error.code : `not a CiamError: ${String(error)}`),
  );

describe('connectionsApi', () => {
  const endpoint = 'https://id.example.com/api/connections/';
  const list = {
    connections: [{ id: 'fi-1', provider: 'social', name: 'Social ID', email: 'ada@example.com' }],
    providers: [{ id: 'social', name: 'Social ID' }],
  };

  it('lists, checking the answer; a body without connections is a bad_response', async () => {
    expect(await connectionsApi(endpoint, fakeFetch(200, list).fetch).list()).to.deep.equal(list);
    expect(await failure(connectionsApi(endpoint, fakeFetch(200, { items: [] }).fetch).list())).to.equal('bad_response');
  });

  it('link posts the provider and the return address as JSON and answers the URL to go to', async () => {
    const { fetch, asked } = fakeFetch(200, { url: 'https://id.example.com/federation/link/t' });
    expect(await connectionsApi(endpoint, fetch).link('acme', 'https://app.example/settings')).to.equal('https://id.example.com/federation/link/t');
    expect(asked).to.deep.equal([
      {
        url: 'https://id.example.com/api/connections',
        method: 'POST',
        body: '{"provider":"acme","return_to":"https://app.example/settings"}',
        type: 'application/json',
      },
    ]);
  });

  it('a link URL that is no web page (javascript:, data:, plain http off loopback) is a bad_response, never followed', async () => {
    for (const url of ['javascript:window.__pwned=1', 'data:text/html,<script>parent.__pwned=1</script>', 'http://evil.example/link', '/federation/link/t']) {
      expect(await failure(connectionsApi(endpoint, fakeFetch(200, { url }).fetch).link('acme', 'https://app.example/')), url).to.equal('bad_response');
    }
  });

  it('unlink deletes by id, escaped', async () => {
    const { fetch, asked } = fakeFetch(204);
    await connectionsApi(endpoint, fetch).unlink('a/b c');
    expect(asked.map((a) => `${a.method} ${a.url}`)).to.deep.equal(['DELETE https://id.example.com/api/connections/a%2Fb%20c']);
  });

  it("names the API's own errors: the last way to sign in, an identity of someone else's, a lapsed token", async () => {
    const api = (status: number, body: unknown) => connectionsApi(endpoint, fakeFetch(status, body).fetch);
    expect(await failure(api(409, { error: 'last_method' }).unlink('fi-1'))).to.equal('last_connection');
    expect(await failure(api(409, { error: 'already_linked' }).unlink('fi-1'))).to.equal('already_linked');
    expect(await failure(api(401, { error: 'invalid_token' }).list())).to.equal('login_required');
    expect(await failure(api(404, { error: 'not_found' }).unlink('nope'))).to.not.equal(null);
  });

  it('a fetch that never answers is a network error', async () => {
    const api = connectionsApi(endpoint, () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await failure(api.list())).to.equal('network');
  });
});
