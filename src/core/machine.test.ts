import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { config, discoveryDocument, ok, rawUser } from '../../test/fixtures/session.js';
import type { CiamConfig } from './config.js';
import { replay, transition } from './machine/index.js';
import type { Effect, SessionEvent, SessionState, SignInOptions } from './states.js';

/** Signing out begins: the app's other tabs hear it before the revocation. */
const began: Effect = { type: 'notify', notification: { event: 'signing-out' } };

const now = 1_800_000_000_000;
const page = 'https://app.example.com/';

function started(cfg: CiamConfig = config(), pageUrl = page): SessionEvent {
  return { type: 'started', config: cfg, pageUrl };
}
function discovered(body: unknown = discoveryDocument(), status = 200, headers: Record<string, string> = {}): SessionEvent {
  return { type: 'http.succeeded', id: 'discovery', result: ok(body, status, headers), now };
}
function signedOut(cfg = config()): SessionState {
  return replay([started(cfg), discovered()]).state;
}
function signedIn(): SessionState {
  return replay(
    [
      { type: 'sign-in.requested', options: {} },
      { type: 'oidc.succeeded', id: 'sign-in', user: rawUser() },
    ],
    signedOut(),
  ).state;
}

describe('start and discovery', () => {
  it('fetches the discovery document of the authority', () => {
    const { state, effects } = transition({ name: 'idle' }, started());
    assert.equal(state.name, 'discovering');
    assert.deepEqual(effects, [{ type: 'http', id: 'discovery', request: { url: 'https://id.example.com/.well-known/openid-configuration', method: 'GET' } }]);
  });

  it('refuses a redirect-uri or post-logout-redirect-uri on another origin before asking the OP: a config error, no request', () => {
    for (const uri of ['https://evil.example/cb', '//evil.example/cb', 'javascript:alert(1)']) {
      for (const cfg of [config({ redirectUri: new URL(uri, page).href }), config({ postLogoutRedirectUri: new URL(uri, page).href })]) {
        const { state, effects } = transition({ name: 'idle' }, started(cfg));
        assert.equal(state.name === 'error' && state.error.code, 'config', uri);
        assert.deepEqual(
          effects.map((e) => e.type),
          ['notify'],
        );
      }
    }
  });

  it('is signed out after discovery with an in-memory store, without touching storage', () => {
    const { state, effects } = replay([started(), discovered()]);
    assert.equal(state.name, 'signed-out');
    assert.deepEqual(effects, []);
  });

  it('restores from storage first when the store is sessionStorage', () => {
    const { state, effects } = replay([started(config({ store: 'session' })), discovered()]);
    assert.equal(state.name, 'restoring');
    assert.deepEqual(effects, [{ type: 'oidc.restore', id: 'restore' }]);
  });

  it('completes the callback when the page carries code and state', () => {
    const { state, effects } = replay([started(config(), `${page}?code=abc&state=xyz`), discovered()]);
    assert.equal(state.name, 'completing');
    assert.deepEqual(effects, [{ type: 'oidc.callback', id: 'callback', url: `${page}?code=abc&state=xyz` }]);
  });

  it('offers sign-up only when prompt_values_supported lists create', () => {
    const withCreate = replay([started(), discovered()]).state;
    const without = replay([started(), discovered(discoveryDocument({ prompt_values_supported: ['none', 'login'] }))]).state;
    assert.deepEqual(withCreate.name === 'signed-out' && withCreate.signUp, { kind: 'prompt', params: { prompt: 'create' } });
    assert.equal(without.name === 'signed-out' && without.signUp, null);
  });

  const badDocuments: [string, SessionEvent][] = [
    ['invalid JSON', { type: 'http.succeeded', id: 'discovery', result: { status: 200, headers: {}, body: '{"issuer": ' }, now }],
    ['an HTML error page', { type: 'http.succeeded', id: 'discovery', result: { status: 200, headers: {}, body: '<html>oops</html>' }, now }],
    ['a document without token_endpoint', discovered(discoveryDocument({ token_endpoint: undefined }))],
    ['a non-https endpoint', discovered(discoveryDocument({ authorization_endpoint: 'http://id.example.com/auth' }))],
    ['another issuer', discovered(discoveryDocument({ issuer: 'https://evil.example.com' }))],
    ['a JSON array', discovered([1, 2, 3])],
  ];
  for (const [label, event] of badDocuments) {
    it(`turns ${label} into a bad_response error with a discovery retry`, () => {
      const { state, effects } = replay([started(), event]);
      assert.equal(state.name, 'error');
      assert.equal(state.name === 'error' && state.error.code, 'bad_response');
      assert.deepEqual(state.name === 'error' && state.retry, { kind: 'discovery' });
      assert.equal(effects[0]?.type === 'notify' && effects[0].notification.event, 'error');
    });
  }

  it('maps 503 and 500 to server errors and 429 to rate_limited with Retry-After', () => {
    const e503 = replay([started(), discovered('<h1>down</h1>', 503, { 'retry-after': '7' })]).state;
    const e500 = replay([started(), discovered('oops', 500)]).state;
    const e429 = replay([started(), discovered('{}', 429, { 'retry-after': '12' })]).state;
    assert.deepEqual(e503.name === 'error' && e503.error, { code: 'temporarily_unavailable', status: 503, retryAfterSeconds: 7 });
    assert.equal(e500.name === 'error' && e500.error.code, 'server_error');
    assert.deepEqual(e429.name === 'error' && e429.error, { code: 'rate_limited', status: 429, retryAfterSeconds: 12 });
  });

  it('keeps network failures typed and retries discovery', () => {
    const failed = replay([started(), { type: 'http.failed', id: 'discovery', error: { code: 'network' } }]);
    assert.equal(failed.state.name === 'error' && failed.state.error.code, 'network');
    const retried = transition(failed.state, { type: 'retry.requested' });
    assert.equal(retried.state.name, 'discovering');
    assert.equal(retried.effects[0]?.type, 'http');
  });

  it('ignores results that belong to no pending request', () => {
    const state = signedOut();
    assert.equal(transition(state, discovered()).state, state);
    assert.equal(transition(state, { type: 'oidc.succeeded', id: 'callback', user: rawUser() }).state, state);
  });

  it('starts over when started again (new attributes)', () => {
    assert.equal(transition(signedIn(), started()).state.name, 'discovering');
  });
});

describe('sign-in in an organization', () => {
  const params = (cfg: CiamConfig, options: SignInOptions = {}) => {
    const { effects } = transition(signedOut(cfg), { type: 'sign-in.requested', options });
    return effects[0]?.type === 'oidc.sign-in' ? effects[0].request.params : null;
  };

  it('sends the configured organization as the preset names it: a parameter, or Keycloak’s scope', () => {
    assert.deepEqual(params(config({ organizations: { organization: 'org_1' } })), { org_id: 'org_1' });
    assert.deepEqual(params(config({ preset: 'auth0', organizations: { organization: 'org_1' } })), { organization: 'org_1' });
    assert.deepEqual(params(config({ preset: 'keycloak', organizations: { organization: 'acme' } })), { scope: 'openid profile email organization:acme' });
    assert.deepEqual(params(config()), {}, 'none configured: a personal sign-in');
  });

  it('a switch the OP cannot make in place: prompt=none with the organization asked for', () => {
    assert.deepEqual(params(config({ preset: 'auth0' }), { organization: { id: 'org_2' }, prompt: 'none' }), { prompt: 'none', organization: 'org_2' });
  });
});

describe('restore and callback', () => {
  const restoring = () => replay([started(config({ store: 'session' })), discovered()]).state;

  it('is signed in with the stored user and says it was restored', () => {
    const { state, effects } = transition(restoring(), { type: 'oidc.succeeded', id: 'restore', user: rawUser() });
    assert.equal(state.name, 'signed-in');
    assert.deepEqual(effects.at(-1), { type: 'notify', notification: { event: 'signed-in', user: state.name === 'signed-in' && state.user, restored: true } });
  });

  it('is signed out when nothing is stored or the store fails', () => {
    assert.equal(transition(restoring(), { type: 'oidc.succeeded', id: 'restore', user: null }).state.name, 'signed-out');
    assert.equal(transition(restoring(), { type: 'oidc.failed', id: 'restore', error: { code: 'network' } }).state.name, 'signed-out');
  });

  const completing = () => replay([started(config(), `${page}?code=c&state=s`), discovered()]).state;

  it('signs in from the callback and goes to a same-origin return-to', () => {
    const { state, effects } = transition(completing(), { type: 'oidc.succeeded', id: 'callback', user: rawUser(), returnTo: '/orders?id=7' });
    assert.equal(state.name, 'signed-in');
    assert.deepEqual(effects[0], { type: 'navigate', url: '/orders?id=7', replace: true });
    assert.equal(effects[1]?.type === 'notify' && effects[1].notification.event, 'signed-in');
  });

  it('never follows a cross-origin return-to', () => {
    const { effects } = transition(completing(), { type: 'oidc.succeeded', id: 'callback', user: rawUser(), returnTo: 'https://evil.example.com/' });
    assert.deepEqual(
      effects.map((e) => e.type),
      ['notify'],
    );
  });

  it('shows an OP error from the callback with a sign-in retry', () => {
    const { state } = transition(completing(), { type: 'oidc.failed', id: 'callback', error: { code: 'temporarily_unavailable' } });
    assert.equal(state.name, 'error');
    assert.equal(state.name === 'error' && state.error.code, 'temporarily_unavailable');
    assert.equal(state.name === 'error' && state.retry.kind, 'sign-in');
  });

  it('returns quietly to signed-out when the user cancelled at the OP (access_denied), like a closed popup', () => {
    const { state, effects } = transition(completing(), {
      type: 'oidc.failed',
      id: 'callback',
      error: { code: 'access_denied', detail: 'End-User aborted interaction' },
    });
    assert.equal(state.name, 'signed-out');
    assert.equal(state.name === 'signed-out' && state.notice, undefined);
    assert.deepEqual(effects, [], 'no error notification, no ciam-error');
  });

  it('brings a stored session back when a redirect step-up was cancelled at the OP', () => {
    const callback = replay([started(config({ store: 'session' }), `${page}?code=c&state=s`), discovered()]).state;
    const { state, effects } = transition(callback, { type: 'oidc.failed', id: 'callback', error: { code: 'access_denied' } });
    assert.equal(state.name, 'restoring');
    assert.deepEqual(effects, [{ type: 'oidc.restore', id: 'restore' }]);
  });

  it('after a redirect step-up answered by another account, brings the tab’s stored session back and says why', () => {
    const callback = replay([started(config({ store: 'session' }), `${page}?code=c&state=s`), discovered()]).state;
    const { state, effects } = transition(callback, { type: 'oidc.failed', id: 'callback', error: { code: 'account_mismatch' } });
    assert.equal(state.name, 'restoring');
    assert.deepEqual(effects, [
      { type: 'oidc.restore', id: 'restore' },
      { type: 'notify', notification: { event: 'error', error: { code: 'account_mismatch' } } },
    ]);
    assert.equal(
      transition(completing(), { type: 'oidc.failed', id: 'callback', error: { code: 'account_mismatch' } }).state.name,
      'error',
      'an in-memory session did not survive the redirect',
    );
  });

  it('after a prompt=none organization switch the OP refused, brings the tab’s stored session back and says why', () => {
    const callback = replay([started(config({ store: 'session' }), `${page}?error=login_required&state=s`), discovered()]).state;
    for (const code of ['login_required', 'consent_required', 'interaction_required'] as const) {
      const { state, effects } = transition(callback, { type: 'oidc.failed', id: 'callback', error: { code } });
      assert.equal(state.name, 'restoring', code);
      assert.deepEqual(effects[1], { type: 'notify', notification: { event: 'error', error: { code } } });
    }
  });

  it('rejects a token response without access_token as bad_response', () => {
    const { state } = transition(completing(), { type: 'oidc.succeeded', id: 'callback', user: { ...rawUser(), access_token: '' } });
    assert.equal(state.name === 'error' && state.error.code, 'bad_response');
  });

  it('rejects userinfo without sub as bad_response', () => {
    const { state } = transition(completing(), { type: 'oidc.succeeded', id: 'callback', user: { ...rawUser(), profile: { name: 'x' } } });
    assert.equal(state.name === 'error' && state.error.code, 'bad_response');
  });
});

describe('sign-in', () => {
  it('asks the connector for a redirect sign-in by default', () => {
    const { state, effects } = transition(signedOut(), { type: 'sign-in.requested', options: {} });
    assert.equal(state.name, 'signing-in');
    assert.deepEqual(effects, [{ type: 'oidc.sign-in', id: 'sign-in', request: { via: 'redirect', params: {}, returnTo: null } }]);
  });

  it('sends prompt=create for sign-up when the OP supports it', () => {
    const { effects } = transition(signedOut(), { type: 'sign-in.requested', options: { intent: 'sign-up', via: 'popup' } });
    assert.deepEqual(effects[0], {
      type: 'oidc.sign-in',
      id: 'sign-in',
      request: { via: 'popup', params: { prompt: 'create' }, returnTo: null, signUp: true },
    });
  });

  it('says a sign-in ended a sign-up: popup (the state knows), redirect (the request carried it through the OP), embedded (the flow)', () => {
    const signedUp = (effects: Effect[]) =>
      effects.flatMap((e) => (e.type === 'notify' && e.notification.event === 'signed-in' ? [!!e.notification.signedUp] : []));
    const popup = transition(signedOut(), { type: 'sign-in.requested', options: { intent: 'sign-up', via: 'popup' } }).state;
    assert.deepEqual(signedUp(transition(popup, { type: 'oidc.succeeded', id: 'sign-in', user: rawUser() }).effects), [true]);
    const plain = transition(signedOut(), { type: 'sign-in.requested', options: { via: 'popup' } }).state;
    assert.deepEqual(signedUp(transition(plain, { type: 'oidc.succeeded', id: 'sign-in', user: rawUser() }).effects), [false]);
    const callback = replay([started(config(), `${page}?code=c&state=s`), discovered()]).state;
    assert.deepEqual(signedUp(transition(callback, { type: 'oidc.succeeded', id: 'callback', user: rawUser(), returnTo: null, signedUp: true }).effects), [
      true,
    ]);
  });

  it('uses the preset sign-up parameter when the OP does not list create (Auth0)', () => {
    const state = replay([started(config({ preset: 'auth0' })), discovered(discoveryDocument({ prompt_values_supported: undefined }))]).state;
    const { effects } = transition(state, { type: 'sign-in.requested', options: { intent: 'sign-up' } });
    assert.deepEqual(effects[0]?.type === 'oidc.sign-in' && effects[0].request.params, { screen_hint: 'signup' });
  });

  it('navigates to the configured sign-up page when the OP has no registration prompt', () => {
    const state = replay([
      started(config({ signupUrl: 'https://id.example.com/register' })),
      discovered(discoveryDocument({ prompt_values_supported: ['none'] })),
    ]).state;
    const { effects } = transition(state, { type: 'sign-in.requested', options: { intent: 'sign-up' } });
    assert.deepEqual(effects, [{ type: 'navigate', url: 'https://id.example.com/register', replace: false }]);
  });

  it('never sends a dead sign-up: no method means a config notice, no request', () => {
    const state = replay([started(), discovered(discoveryDocument({ prompt_values_supported: ['none'] }))]).state;
    const step = transition(state, { type: 'sign-in.requested', options: { intent: 'sign-up' } });
    assert.equal(step.state.name === 'signed-out' && step.state.notice?.code, 'config');
    assert.deepEqual(step.effects, []);
  });

  it('sends the IdP hint under the preset name, or the configured one', () => {
    const keycloak = replay([started(config({ preset: 'keycloak' })), discovered()]).state;
    const custom = replay([started(config({ idpHintParam: 'identity_provider' })), discovered()]).state;
    const ask = { type: 'sign-in.requested', options: { idp: 'google' } } as const;
    const params = (s: SessionState) => {
      const e = transition(s, ask).effects[0];
      return e?.type === 'oidc.sign-in' ? e.request.params : null;
    };
    assert.deepEqual(params(keycloak), { kc_idp_hint: 'google' });
    assert.deepEqual(params(custom), { identity_provider: 'google' });
    assert.deepEqual(params(signedOut()), { idp: 'google' });
  });

  it('carries login_hint, acr_values and max_age for step-up', () => {
    const { effects } = transition(signedIn(), { type: 'sign-in.requested', options: { acrValues: 'urn:mfa', maxAge: 300, loginHint: 'ada@example.com' } });
    assert.deepEqual(effects[0]?.type === 'oidc.sign-in' && effects[0].request.params, {
      login_hint: 'ada@example.com',
      acr_values: 'urn:mfa',
      max_age: '300',
    });
  });

  it('is signed in when the popup returns a user', () => {
    const pending = transition(signedOut(), { type: 'sign-in.requested', options: { via: 'popup' } }).state;
    const { state, effects } = transition(pending, { type: 'oidc.succeeded', id: 'sign-in', user: rawUser({ picture: 'javascript:alert(1)' }) });
    assert.equal(state.name, 'signed-in');
    assert.equal(state.name === 'signed-in' && state.user.name, 'Ada Lovelace');
    assert.equal(state.name === 'signed-in' && state.user.picture, undefined, 'only http(s) pictures are kept');
    assert.deepEqual(
      effects.map((e) => e.type),
      ['notify'],
    );
  });

  it('stays pending while a redirect is leaving the page', () => {
    const pending = transition(signedOut(), { type: 'sign-in.requested', options: {} }).state;
    assert.equal(transition(pending, { type: 'oidc.succeeded', id: 'sign-in', user: null }).state, pending);
  });

  it('goes back to signed-out without an error when the popup is closed', () => {
    const pending = transition(signedOut(), { type: 'sign-in.requested', options: { via: 'popup' } }).state;
    const { state, effects } = transition(pending, { type: 'oidc.cancelled', id: 'sign-in' });
    assert.equal(state.name, 'signed-out');
    assert.equal(state.name === 'signed-out' && state.notice, undefined);
    assert.deepEqual(effects, []);
  });

  it('goes back to signed-out without an error when the user cancels on the OP page in the popup (access_denied)', () => {
    const pending = transition(signedOut(), { type: 'sign-in.requested', options: { via: 'popup' } }).state;
    const { state, effects } = transition(pending, { type: 'oidc.failed', id: 'sign-in', error: { code: 'access_denied' } });
    assert.equal(state.name, 'signed-out');
    assert.deepEqual(effects, []);
  });

  it("asks the OP for the element's language (ui_locales; Cognito's lang), the sign-in's own over the configured one", () => {
    const request = (cfg: Parameters<typeof config>[0], uiLocales?: string) => {
      const out = replay([started(config(cfg)), discovered(), { type: 'sign-in.requested', options: uiLocales ? { uiLocales } : {} }]);
      const effect = out.effects.find((e) => e.type === 'oidc.sign-in');
      return effect?.type === 'oidc.sign-in' ? effect.request.params : undefined;
    };
    assert.deepEqual(request({ uiLocales: 'de' }), { ui_locales: 'de' });
    assert.deepEqual(request({ uiLocales: 'de' }, 'fr-CA'), { ui_locales: 'fr-CA' });
    assert.deepEqual(request({ uiLocales: 'de-AT', preset: 'cognito' }), { lang: 'de' });
    assert.deepEqual(request({}), {});
  });

  it('falls back to a redirect when the popup is blocked', () => {
    const pending = transition(signedOut(), { type: 'sign-in.requested', options: { via: 'popup' } }).state;
    const { effects } = transition(pending, { type: 'oidc.failed', id: 'sign-in', error: { code: 'popup_blocked' } });
    assert.deepEqual(effects, [{ type: 'oidc.sign-in', id: 'sign-in', request: { via: 'redirect', params: {}, returnTo: null } }]);
  });

  it('shows other failures and retries the same request', () => {
    const pending = transition(signedOut(), { type: 'sign-in.requested', options: { via: 'popup', loginHint: 'a@b.c' } }).state;
    const failed = transition(pending, { type: 'oidc.failed', id: 'sign-in', error: { code: 'network' } });
    assert.equal(failed.state.name, 'error');
    const retried = transition(failed.state, { type: 'retry.requested' });
    assert.deepEqual(retried.effects, [{ type: 'oidc.sign-in', id: 'sign-in', request: { via: 'popup', params: { login_hint: 'a@b.c' }, returnTo: null } }]);
  });
});

describe('signed in', () => {
  it('revokes and ends the OP session when both are advertised', () => {
    const { state, effects } = transition(signedIn(), { type: 'sign-out.requested' });
    assert.equal(state.name, 'signing-out');
    assert.deepEqual(effects, [began, { type: 'oidc.sign-out', id: 'sign-out', revoke: true, endSession: true }]);
  });

  it('only forgets local tokens when the OP advertises neither', () => {
    const bare = discoveryDocument({ end_session_endpoint: undefined, revocation_endpoint: undefined });
    const state = replay([
      started(),
      discovered(bare),
      { type: 'sign-in.requested', options: {} },
      { type: 'oidc.succeeded', id: 'sign-in', user: rawUser() },
    ]).state;
    const out = transition(state, { type: 'sign-out.requested' });
    assert.deepEqual(out.effects, [began, { type: 'oidc.sign-out', id: 'sign-out', revoke: false, endSession: false }]);
    const done = transition(out.state, { type: 'oidc.succeeded', id: 'sign-out', endSessionUrl: null });
    assert.equal(done.state.name, 'signed-out');
    assert.deepEqual(done.effects, [{ type: 'notify', notification: { event: 'signed-out' } }]);
  });

  it('announces sign-out, then goes to the end-session URL', () => {
    const out = transition(signedIn(), { type: 'sign-out.requested' }).state;
    const { state, effects } = transition(out, { type: 'oidc.succeeded', id: 'sign-out', endSessionUrl: 'https://id.example.com/session/end?client_id=web' });
    assert.equal(state.name, 'signing-out');
    assert.deepEqual(effects, [
      { type: 'notify', notification: { event: 'signed-out' } },
      { type: 'navigate', url: 'https://id.example.com/session/end?client_id=web', replace: false },
    ]);
  });

  it('keeps the new tokens after a silent renew', () => {
    const { state } = transition(signedIn(), { type: 'renewed', user: { ...rawUser(), expires_at: 2_000_000_000 } });
    assert.equal(state.name === 'signed-in' && state.user.expiresAt, 2_000_000_000);
  });

  it('signs out with a session_expired notice when renewal fails', () => {
    const { state, effects } = transition(signedIn(), { type: 'renew.failed', error: { code: 'invalid_grant' } });
    assert.equal(state.name === 'signed-out' && state.notice?.code, 'session_expired');
    assert.deepEqual(effects, [{ type: 'notify', notification: { event: 'signed-out' } }]);
  });
});

describe('tabs in step', () => {
  it('another tab signed in: its tokens are kept, then this tab is signed in (restored, from a tab)', () => {
    const tokens = rawUser();
    const adopt = transition(signedOut(), { type: 'tab.signed-in', user: tokens });
    assert.equal(adopt.state.name, 'signed-out');
    assert.deepEqual(adopt.effects, [{ type: 'tokens.store', id: 'adopt', tokens }]);
    const { state, effects } = transition(adopt.state, { type: 'oidc.succeeded', id: 'adopt', user: tokens });
    assert.equal(state.name === 'signed-in' && state.user.sub, 'user-1');
    assert.deepEqual(
      effects.map((e) => e.type === 'notify' && e.notification),
      [{ event: 'signed-in', user: state.name === 'signed-in' ? state.user : null, restored: true, tab: true }],
    );
  });

  it('the same user’s fresher tokens from another tab change nothing to see; someone else is a new sign-in', () => {
    const fresher = { ...rawUser(), expires_at: 2_000_000_000 };
    const same = transition(signedIn(), { type: 'oidc.succeeded', id: 'adopt', user: fresher });
    assert.equal(same.state.name === 'signed-in' && same.state.user.expiresAt, 2_000_000_000);
    assert.deepEqual(same.effects, []);
    const other = transition(signedIn(), { type: 'oidc.succeeded', id: 'adopt', user: rawUser({ sub: 'user-2', name: 'Grace' }) });
    assert.equal(other.state.name === 'signed-in' && other.state.user.sub, 'user-2');
    assert.equal(
      other.effects.some((e) => e.type === 'notify' && e.notification.event === 'signed-in'),
      true,
    );
  });

  it('another tab signed out: this tab forgets its copy (no second revocation, no OP visit) and says so', () => {
    const { state, effects } = transition(signedIn(), { type: 'tab.signed-out' });
    assert.equal(state.name, 'signed-out');
    assert.deepEqual(effects, [
      { type: 'tokens.forget', id: 'forget' },
      { type: 'notify', notification: { event: 'signed-out', tab: true } },
    ]);
  });
});

describe('a session that timed out (<ciam-session>)', () => {
  it('revokes without a visit to the OP, and the signed-out view says why; other tabs hear the reason', () => {
    const out = transition(signedIn(), { type: 'sign-out.requested', reason: 'idle' });
    // Other tabs hear it before the tokens are revoked (the OP could tell them "ended" first).
    assert.deepEqual(out.effects, [
      { type: 'notify', notification: { event: 'signing-out', reason: 'idle' } },
      { type: 'oidc.sign-out', id: 'sign-out', revoke: true, endSession: false },
    ]);
    const done = transition(out.state, { type: 'oidc.succeeded', id: 'sign-out', endSessionUrl: null });
    assert.equal(done.state.name === 'signed-out' && done.state.notice?.code, 'idle_timeout');
    assert.deepEqual(done.effects, [{ type: 'notify', notification: { event: 'signed-out', reason: 'idle' } }]);
    const elsewhere = transition(signedIn(), { type: 'tab.signed-out', reason: 'max-age' });
    assert.equal(elsewhere.state.name === 'signed-out' && elsewhere.state.notice?.code, 'session_max_age');
  });

  it('a renewal refused because another tab was timing the session out: the other tab’s reason wins the notice', () => {
    const refused = transition(signedIn(), { type: 'renew.failed', error: { code: 'session_expired' } });
    assert.equal(refused.state.name === 'signed-out' && refused.state.notice?.code, 'session_expired');
    const told = transition(refused.state, { type: 'tab.signed-out', reason: 'idle' });
    assert.equal(told.state.name === 'signed-out' && told.state.notice?.code, 'idle_timeout');
    assert.deepEqual(told.effects, []);
  });
});
