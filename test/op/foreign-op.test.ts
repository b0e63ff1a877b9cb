// The foreign OP (test/foreign-op) over HTTP: each strict rule the e2e spec
// relies on, proved here without a browser, so a failing e2e test points at
// the library rather than at this provider.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { FOREIGN_CLIENT_ID, FOREIGN_USER, discover, startForeignOp, type ForeignDiscovery, type ForeignOp } from '../foreign-op/foreign-op.js';
import { Browser, jwtPayload, pkce } from './helpers.js';

const APP = 'http://localhost:5173';
const PAGE = `${APP}/shop.html`;
const OTHER = 'http://localhost:6666';

describe('foreign OP: stricter than the demo, like a provider we did not write', () => {
  let op: ForeignOp;
  let meta: ForeignDiscovery;
  before(async () => {
    op = await startForeignOp({ port: 0, appOrigin: APP, appPages: ['/shop.html'] });
    meta = await discover(op.issuer);
  });
  after(() => op.close());

  function authorizeUrl(params: Record<string, string> = {}) {
    const url = new URL(meta.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: FOREIGN_CLIENT_ID,
      response_type: 'code',
      redirect_uri: PAGE,
      scope: 'openid profile email',
      state: 'st4te',
      ...params,
    }).toString();
    return url;
  }

  function form(endpoint: string, body: Record<string, string>, origin = APP) {
    return fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(body) });
  }

  /** Grace signs in on the login form; returns her tokens and the browser (with the OP session). */
  async function signIn() {
    const browser = new Browser(op.issuer);
    const { verifier, challenge } = pkce();
    const nonce = randomBytes(8).toString('hex');
    const login = await browser.page(authorizeUrl({ nonce, code_challenge: challenge, code_challenge_method: 'S256' }));
    assert.match(login.body, /<h1>Sign in to your account<\/h1>/);
    assert.doesNotMatch(login.body, /<script/);
    const action = /<form method="post" action="([^"]+)"/.exec(login.body)![1];
    const wrong = await browser.page(action, { username: FOREIGN_USER.email, password: 'not her password at all' });
    assert.match(wrong.body, /Invalid username or password/);
    const back = await browser.leave(action, { username: FOREIGN_USER.email, password: FOREIGN_USER.password });
    return { browser, nonce, tokens: await redeem(back, verifier) };
  }

  /** The app's side of the way back: the code in `back` for tokens. */
  async function redeem(back: URL, verifier: string) {
    assert.equal(back.origin + back.pathname, PAGE);
    assert.equal(back.searchParams.get('error'), null);
    const res = await form(meta.token_endpoint, {
      grant_type: 'authorization_code',
      client_id: FOREIGN_CLIENT_ID,
      code: back.searchParams.get('code')!,
      redirect_uri: PAGE,
      code_verifier: verifier,
    });
    assert.equal(res.status, 200);
    return (await res.json()) as { id_token: string; access_token: string; refresh_token: string; scope: string };
  }

  /** A new authorization request in Grace's OP session, with `prompt=none`: no page may show. */
  async function signInSilently(browser: Browser, scope: string) {
    const { verifier, challenge } = pkce();
    const back = await browser.leave(authorizeUrl({ scope, prompt: 'none', nonce: 'n0nce', code_challenge: challenge, code_challenge_method: 'S256' }));
    return redeem(back, verifier);
  }

  async function userinfo(accessToken: string) {
    return (await (await fetch(meta.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as Record<string, unknown>;
  }

  it('lives under a path; publishes ES256 only, pairwise subjects and no prompt values', async () => {
    assert.match(meta.issuer, /^http:\/\/localhost:\d+\/realms\/shop$/);
    for (const name of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'revocation_endpoint', 'end_session_endpoint', 'jwks_uri'] as const) {
      assert.ok(meta[name].startsWith(`${meta.issuer}/`), name);
    }
    assert.equal('prompt_values_supported' in meta, false);
    assert.deepEqual(meta.id_token_signing_alg_values_supported, ['ES256']);
    assert.ok((meta.subject_types_supported as string[]).includes('pairwise'));
    const { keys } = (await (await fetch(meta.jwks_uri)).json()) as { keys: Record<string, string>[] };
    assert.deepEqual(
      keys.map(({ kty, crv, alg }) => ({ kty, crv, alg })),
      [{ kty: 'EC', crv: 'P-256', alg: 'ES256' }],
    );
    assert.equal(keys[0].d, undefined);
    // Nothing answers at the host's root, where the demo OP keeps its discovery.
    assert.equal((await fetch(new URL('/.well-known/openid-configuration', meta.issuer))).status, 404);
  });

  it('sends an authorization request without nonce back to the app with invalid_request', async () => {
    const { challenge } = pkce();
    const res = await fetch(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), { redirect: 'manual' });
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location')!);
    assert.equal(location.origin + location.pathname, PAGE);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.match(location.searchParams.get('error_description') ?? '', /nonce/);
    assert.equal(location.searchParams.get('state'), 'st4te');
  });

  it('refuses prompt=create', async () => {
    const { challenge } = pkce();
    const res = await fetch(authorizeUrl({ nonce: 'n', prompt: 'create', code_challenge: challenge, code_challenge_method: 'S256' }), { redirect: 'manual' });
    assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'invalid_request');
  });

  it('issues an ES256 ID token with the nonce and a pairwise sub, and name and email only from userinfo', async () => {
    const { nonce, tokens } = await signIn();
    const header = JSON.parse(Buffer.from(tokens.id_token.split('.')[0], 'base64url').toString('utf8')) as { alg: string };
    assert.equal(header.alg, 'ES256');
    const claims = jwtPayload(tokens.id_token);
    assert.equal(claims.nonce, nonce);
    assert.equal(claims.iss, op.issuer);
    assert.notEqual(claims.sub, FOREIGN_USER.id);
    assert.equal(claims.email, undefined);
    assert.equal(claims.name, undefined);
    const userinfo = await fetch(meta.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}`, origin: APP } });
    assert.equal(userinfo.headers.get('access-control-allow-origin'), APP);
    assert.deepEqual(await userinfo.json(), { sub: claims.sub, name: FOREIGN_USER.name, email: FOREIGN_USER.email, email_verified: true });
  });

  it('refuses revocation with 401 invalid_client (readable by the app only) and revokes nothing', async () => {
    const { tokens } = await signIn();
    const mine = await form(meta.revocation_endpoint, { client_id: FOREIGN_CLIENT_ID, token: tokens.refresh_token, token_type_hint: 'refresh_token' });
    assert.equal(mine.status, 401);
    assert.equal(mine.headers.get('access-control-allow-origin'), APP);
    assert.equal(((await mine.json()) as { error: string }).error, 'invalid_client');
    const theirs = await form(meta.revocation_endpoint, { client_id: FOREIGN_CLIENT_ID, token: tokens.refresh_token }, OTHER);
    assert.equal(theirs.status, 401);
    assert.equal(theirs.headers.get('access-control-allow-origin'), null);
    const renewed = await form(meta.token_endpoint, { grant_type: 'refresh_token', client_id: FOREIGN_CLIENT_ID, refresh_token: tokens.refresh_token });
    assert.equal(renewed.status, 200);
    assert.equal(renewed.headers.get('access-control-allow-origin'), APP);
  });

  it('answers CORS for the app origin only, preflights included', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    for (const endpoint of [meta.token_endpoint, meta.userinfo_endpoint, meta.revocation_endpoint]) {
      assert.equal((await preflight(endpoint, APP)).headers.get('access-control-allow-origin'), APP, endpoint);
      assert.equal((await preflight(endpoint, OTHER)).headers.get('access-control-allow-origin'), null, endpoint);
    }
    const token = await form(meta.token_endpoint, { grant_type: 'refresh_token', client_id: FOREIGN_CLIENT_ID, refresh_token: 'nope' }, OTHER);
    assert.equal(token.headers.get('access-control-allow-origin'), null);
  });

  it('logs out back to the app only with state, and only for an identified client; otherwise stays on its own page', async () => {
    const logout = async (params: (idToken: string) => Record<string, string>) => {
      const { browser, tokens } = await signIn();
      const url = new URL(meta.end_session_endpoint);
      url.search = new URLSearchParams({ post_logout_redirect_uri: PAGE, ...params(tokens.id_token) }).toString();
      const confirm = await browser.page(url);
      assert.match(confirm.body, /Do you want to log out\?/);
      const action = /action="([^"]+)"/.exec(confirm.body)![1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1];
      return browser.go(action, { xsrf, logout: 'yes' });
    };
    const withoutState = await logout((idToken) => ({ id_token_hint: idToken, client_id: FOREIGN_CLIENT_ID }));
    assert.ok('body' in withoutState, 'expected the OP page, not a redirect');
    assert.match(withoutState.body, /You are signed out/);
    const anonymous = await logout(() => ({ state: 'l0gout' }));
    assert.ok('body' in anonymous, 'expected the OP page, not a redirect');
    const returns = await logout((idToken) => ({ id_token_hint: idToken, client_id: FOREIGN_CLIENT_ID, state: 'l0gout' }));
    assert.ok('location' in returns, 'expected a redirect to the app');
    assert.equal(returns.location.href, `${PAGE}?state=l0gout`);
  });

  it('has Keycloak 26 organizations, reachable only by a new authorization request: no token exchange, no organization_parameter', () => {
    assert.deepEqual(
      (meta.scopes_supported as string[]).filter((scope) => scope.startsWith('organization:')),
      ['organization:tailspin', 'organization:contoso', 'organization:fabrikam'],
    );
    assert.equal((meta.grant_types_supported as string[]).includes('urn:ietf:params:oauth:grant-type:token-exchange'), false);
    assert.equal('organization_parameter' in meta, false);
  });

  it('puts organization: [alias] in the ID token and userinfo only with that scope; with prompt=none, the switch asks nothing', async () => {
    const { browser, tokens } = await signIn();
    assert.equal(jwtPayload(tokens.id_token).organization, undefined);
    assert.equal((await userinfo(tokens.access_token)).organization, undefined);
    // Consent to her organizations came with the first sign-in, so no consent_required here.
    for (const alias of ['contoso', 'tailspin']) {
      const inOrganization = await signInSilently(browser, `openid profile email organization:${alias}`);
      assert.ok(inOrganization.scope.split(' ').includes(`organization:${alias}`));
      assert.deepEqual(jwtPayload(inOrganization.id_token).organization, [alias]);
      assert.equal(jwtPayload(inOrganization.id_token).sub, jwtPayload(tokens.id_token).sub);
      assert.deepEqual((await userinfo(inOrganization.access_token)).organization, [alias]);
    }
    const personal = await signInSilently(browser, 'openid profile email');
    assert.equal(jwtPayload(personal.id_token).organization, undefined);
  });

  it('does not grant the scope of an organization the user is not in: answered, in no organization', async () => {
    const { browser } = await signIn();
    const tokens = await signInSilently(browser, 'openid profile email organization:fabrikam');
    assert.equal(tokens.scope.split(' ').includes('organization:fabrikam'), false);
    assert.equal(jwtPayload(tokens.id_token).organization, undefined);
    assert.equal((await userinfo(tokens.access_token)).organization, undefined);
  });
});
