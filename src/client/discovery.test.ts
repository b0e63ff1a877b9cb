import { expect } from '@open-wc/testing';
import { fetchDiscovery, freshFor } from './discovery.js';

/** The discovery cache in a real browser: one request per page, kept for the tab only as long as the OP allows. */
const document = (issuer: string) => JSON.stringify({ issuer, authorization_endpoint: `${issuer}/auth` });
// eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on window after the test, never called detached
const realFetch = window.fetch;

/** An OP that answers discovery with the given Cache-Control, counting the requests. */
function op(cacheControl: string | null) {
  const asked: string[] = [];
  window.fetch = (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    asked.push(url);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (cacheControl !== null) headers['cache-control'] = cacheControl;
    return new Promise((resolve) => setTimeout(() => resolve(new Response(document(new URL(url).origin), { headers })), 10));
  };
  return asked;
}

describe('fetchDiscovery (one request per page, kept for the tab)', () => {
  let n = 0;
  let url = '';
  beforeEach(() => (url = `https://op${++n}.example.com/.well-known/openid-configuration`));
  afterEach(() => {
    window.fetch = realFetch;
    sessionStorage.clear();
  });

  it('shares one request among the clients that ask at the same time', async () => {
    const asked = op(null);
    const [a, b] = await Promise.all([fetchDiscovery(url, 5000), fetchDiscovery(url, 5000)]);
    expect(asked).to.deep.equal([url]);
    expect(a.ok && b.ok && a.result.body === b.result.body).to.equal(true);
  });

  it('keeps the document for the tab within its max-age: the next page load asks nothing', async () => {
    const asked = op('public, max-age=300');
    const first = await fetchDiscovery(url, 5000);
    const again = await fetchDiscovery(url, 5000);
    expect(asked).to.have.length(1);
    expect(again).to.deep.equal(first);
    expect((JSON.parse(sessionStorage.getItem(`ciam.discovery:${url}`)!) as { expires: number }).expires).to.be.within(
      Date.now() + 299_000,
      Date.now() + 300_000,
    );
  });

  it('asks again once the kept copy has expired', async () => {
    const asked = op('max-age=300');
    await fetchDiscovery(url, 5000);
    const key = `ciam.discovery:${url}`;
    sessionStorage.setItem(key, JSON.stringify({ ...JSON.parse(sessionStorage.getItem(key)!), expires: Date.now() - 1 }));
    await fetchDiscovery(url, 5000);
    expect(asked).to.have.length(2);
  });

  for (const cacheControl of [null, 'no-store', 'no-cache, max-age=300', 'max-age=0']) {
    it(`keeps nothing when the OP says ${cacheControl ?? 'nothing'}: every page load asks`, async () => {
      const asked = op(cacheControl);
      await fetchDiscovery(url, 5000);
      await fetchDiscovery(url, 5000);
      expect(asked).to.have.length(2);
      expect(sessionStorage.getItem(`ciam.discovery:${url}`)).to.equal(null);
    });
  }

  it('keeps no error: a failed or refused answer is asked again', async () => {
    let calls = 0;
    window.fetch = () =>
      ++calls === 1
        ? Promise.reject(new TypeError('Failed to fetch'))
        : Promise.resolve(new Response('down', { status: 503, headers: { 'cache-control': 'max-age=300' } }));
    expect((await fetchDiscovery(url, 5000)).ok).to.equal(false);
    expect((await fetchDiscovery(url, 5000)).ok && true).to.equal(true); // a 503 is a response; core decides
    await fetchDiscovery(url, 5000);
    expect(calls).to.equal(3);
  });

  it('reads max-age less the Age the response spent in caches', () => {
    expect(freshFor({ 'cache-control': 'max-age=600', age: '100' })).to.equal(500);
    expect(freshFor({ 'cache-control': 'public, max-age="60"' })).to.equal(60);
    expect(freshFor({ 'cache-control': 'max-age=60', age: '90' })).to.equal(0);
    expect(freshFor({ 'cache-control': 's-maxage=60' })).to.equal(0);
  });
});
