import { expect } from '@open-wc/testing';
import { config, discoveryDocument } from '../../test/fixtures/session.js';
import type { CiamError } from '../core/errors.js';
import type { Discovery } from '../core/schemas/oidc.js';
import { createOidcConnector, mapOidcError } from '../connectors/oidc.js';
import { LOGOUT_STATE_PREFIX, PKCE_STATE_PREFIX, completeLogoutReturn } from '../connectors/request-state.js';

/**
 * The OIDC connector in a real browser, with the OP's token and userinfo
 * endpoints answered in place (no network): what a callback must prove
 * before any token is stored.
 */
const issuer = 'https://id.example.com/realms/shop';
const discovery = discoveryDocument({
  issuer,
  token_endpoint: `${issuer}/token`,
  userinfo_endpoint: `${issuer}/me`,
  end_session_endpoint: `${issuer}/logout`,
}) as Discovery;
const settings = config({ authority: issuer, redirectUri: `${location.origin}/callback` });
const nowSeconds = () => Math.floor(Date.now() / 1000);
const goodClaims = () => ({ iss: issuer, aud: 'web', sub: 'pairwise-1', nonce: 'n1', iat: nowSeconds(), exp: nowSeconds() + 300 });
const jwt = (claims: Record<string, unknown>) =>
  `eyJhbGciOiJFUzI1NiJ9.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

let calls: string[] = [];
let tokenClaims: Record<string, unknown> = {};
let userinfo: Record<string, unknown> = {};
// eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on window after the test, never called detached
const realFetch = window.fetch;
const page = location.href;

function answer(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

/** A sign-in request as oidc-client-ts keeps it between the redirect and the callback. */
function pendingRequest(data: Record<string, unknown> = { returnTo: null }) {
  const id = `state-${Math.random().toString(36).slice(2)}`;
  sessionStorage.setItem(
    PKCE_STATE_PREFIX + id,
    JSON.stringify({
      id,
      data,
      created: nowSeconds(),
      request_type: 'si:r',
      code_verifier: 'v'.repeat(43),
      authority: issuer,
      client_id: 'web',
      redirect_uri: settings.redirectUri,
      scope: settings.scope,
      nonce: 'n1',
      extraTokenParams: {},
      response_mode: 'query',
      skipUserInfo: false,
    }),
  );
  return id;
}

async function callback(query: string) {
  const connector = createOidcConnector(settings, discovery);
  try {
    return { result: await connector.completeCallback(`${settings.redirectUri}?${query}`), connector };
  } catch (error) {
    const mapped = mapOidcError(error); // as the client reports it
    return { error: mapped.cancelled ? undefined : mapped.error, connector };
  }
}

describe('OIDC connector: the authorization response', () => {
  beforeEach(() => {
    calls = [];
    tokenClaims = goodClaims();
    userinfo = { sub: 'pairwise-1', name: 'Grace Hopper', email: 'grace@example.com' };
    window.fetch = (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      calls.push(new URL(url).pathname);
      if (url === discovery.token_endpoint)
        return Promise.resolve(answer({ access_token: 'at', token_type: 'Bearer', expires_in: 600, id_token: jwt(tokenClaims) }));
      if (url === discovery.userinfo_endpoint) return Promise.resolve(answer(userinfo));
      return Promise.resolve(new Response('not here', { status: 404 }));
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
    history.replaceState(null, '', page);
    sessionStorage.clear();
  });

  it('accepts a response from its issuer with a fresh ID token for this client, and reads name and email from userinfo', async () => {
    const { result, connector } = await callback(`code=c&state=${pendingRequest()}&iss=${encodeURIComponent(issuer)}`);
    expect(result?.user?.profile).to.include({ sub: 'pairwise-1', name: 'Grace Hopper', email: 'grace@example.com' });
    expect(await connector.getAccessToken()).to.equal('at');
    expect(calls).to.deep.equal(['/realms/shop/token', '/realms/shop/me']);
  });

  const refused: [string, () => void, string][] = [
    ['an ID token from another issuer', () => (tokenClaims.iss = 'https://evil.example.com'), 'invalid_id_token'],
    ['an ID token for another client', () => (tokenClaims.aud = 'other'), 'invalid_id_token'],
    ['an ID token with another nonce', () => (tokenClaims.nonce = 'replayed'), 'invalid_id_token'],
    ['an expired ID token', () => (tokenClaims.exp = nowSeconds() - 3600), 'invalid_id_token'],
  ];
  for (const [name, spoil, code] of refused) {
    it(`refuses ${name} and stores nothing`, async () => {
      spoil();
      const { error, connector } = await callback(`code=c&state=${pendingRequest()}`);
      expect(error?.code).to.equal(code);
      expect(await connector.getAccessToken()).to.equal(null);
    });
  }

  it('refuses a response that names another issuer (RFC 9207) before exchanging the code', async () => {
    const { error } = await callback(`code=c&state=${pendingRequest()}&iss=${encodeURIComponent('https://evil.example.com')}`);
    expect(error?.code).to.equal('invalid_id_token');
    expect(calls).to.deep.equal([]);
  });

  it('refuses a step-up answered by another user, keeping the session it had', async () => {
    const connector = createOidcConnector(settings, discovery);
    await connector.adopt({
      access_token: 'old',
      token_type: 'Bearer',
      id_token: jwt(goodClaims()),
      profile: { sub: 'pairwise-1', name: 'Grace Hopper', email: 'grace@example.com' },
      expires_at: nowSeconds() + 600,
    });
    tokenClaims.sub = 'someone-else';
    userinfo.sub = 'someone-else';
    const url = `${settings.redirectUri}?code=c&state=${pendingRequest({ returnTo: null, sub: 'pairwise-1' })}`;
    const error = await connector.completeCallback(url).catch((e: CiamError) => e);
    expect((error as CiamError).code).to.equal('account_mismatch');
    expect(await connector.getAccessToken()).to.equal('old');
  });

  it('gives embedded tokens whose ID token names neither name nor email those from userinfo, before anything is stored', async () => {
    const connector = createOidcConnector(settings, discovery);
    const user = await connector.adopt({ access_token: 'at', token_type: 'Bearer', profile: { sub: 'pairwise-1' } });
    expect(user.profile).to.include({ sub: 'pairwise-1', name: 'Grace Hopper', email: 'grace@example.com' });
    expect(calls).to.deep.equal(['/realms/shop/me']);
    userinfo.sub = 'someone-else';
    const other = createOidcConnector(settings, discovery);
    const error = await other.adopt({ access_token: 'at2', token_type: 'Bearer', profile: { sub: 'pairwise-1' } }).catch((e: CiamError) => e);
    expect((error as CiamError).code).to.equal('invalid_id_token');
  });

  it('signs out with id_token_hint, client_id, post_logout_redirect_uri and a state it recognises on return', async () => {
    const connector = createOidcConnector(settings, discovery);
    await connector.adopt({
      access_token: 'at',
      token_type: 'Bearer',
      id_token: 'the-id-token',
      profile: { sub: 'pairwise-1', name: 'G', email: 'g@example.com' },
    });
    const { endSessionUrl } = await connector.signOut({ revoke: false, endSession: true });
    const params = new URL(endSessionUrl!).searchParams;
    expect(Object.fromEntries(params)).to.include({
      id_token_hint: 'the-id-token',
      client_id: 'web',
      post_logout_redirect_uri: settings.postLogoutRedirectUri,
    });
    const state = params.get('state')!;
    expect(sessionStorage.getItem(LOGOUT_STATE_PREFIX + state)).to.not.equal(null);

    history.replaceState(null, '', `/callback?tab=2&state=${state}`);
    completeLogoutReturn(location.href);
    expect(location.search).to.equal('?tab=2');
    expect(sessionStorage.getItem(LOGOUT_STATE_PREFIX + state)).to.equal(null);
    history.replaceState(null, '', `/callback?state=not-ours`);
    completeLogoutReturn(location.href);
    expect(location.search).to.equal('?state=not-ours');
  });
});
