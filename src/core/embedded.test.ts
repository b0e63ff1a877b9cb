import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authority, config, discoveryDocument, ok } from '../../test/fixtures/session.js';
import { isSameSite, resolveMode } from './config.js';
import { compose, NOT_LOADED, NOT_YET } from './machine/compose.js';
import { firstParts } from './machine/first.js';
import { replay, transition } from './machine/index.js';
import type { Effect, SessionEvent, SessionState } from './states.js';

/** Signing out begins: the app's other tabs hear it before the revocation. */
const began: Effect = { type: 'notify', notification: { event: 'signing-out' } };

const now = 1_800_000_000_000;
const page = 'https://app.example.com/';
const challengeUrl = 'https://id.example.com/challenge';
const pkce = { verifier: 'v'.repeat(43), challenge: 'c'.repeat(43), nonce: 'n'.repeat(22) };

function embeddedSignedOut(): SessionState {
  const discovery = discoveryDocument({ authorization_challenge_endpoint: challengeUrl });
  return replay([
    { type: 'started', config: config(), pageUrl: page },
    { type: 'http.succeeded', id: 'discovery', result: ok(discovery), now },
  ]).state;
}
const answer = (body: unknown, status = 400, headers: Record<string, string> = {}): SessionEvent => ({
  type: 'http.succeeded',
  id: 'challenge',
  result: ok(body, status, headers),
  now,
});
const submitted = (submit: Extract<SessionEvent, { type: 'embedded.submitted' }>['submit'], withPkce = false): SessionEvent => ({
  type: 'embedded.submitted',
  submit,
  now,
  ...(withPkce ? { pkce } : {}),
});
const flowOf = (state: SessionState) => (state.name === 'signed-out' ? state.flow : undefined);
const form = (effect: Effect | undefined) => (effect?.type === 'http' ? Object.fromEntries(new URLSearchParams(effect.request.body)) : null);
const needsPassword = { error: 'insufficient_authorization', auth_session: 's1', methods: ['password', 'email_code'] };
const idClaims = {
  iss: authority,
  aud: 'web',
  sub: 'u1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  nonce: pkce.nonce,
  iat: now / 1000,
  exp: now / 1000 + 300,
};
const jwt = (claims: Record<string, unknown>) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const tokens = { access_token: 'at', token_type: 'Bearer', expires_in: 600, refresh_token: 'rt', id_token: jwt(idClaims), scope: 'openid profile email' };
/** The form of a flow's first challenge request: client, scope, PKCE, nonce and redirect URI, plus the step's own fields. */
const firstRequest = (step: Record<string, string>) => ({
  client_id: 'web',
  scope: 'openid profile email',
  code_challenge: pkce.challenge,
  code_challenge_method: 'S256',
  nonce: pkce.nonce,
  redirect_uri: 'https://app.example.com/',
  ...step,
});
/** Identifier, password, authorization code: what an embedded password sign-in sends before the token answer. */
const upToTokens = (username = 'ada@example.com', password = 'p'): SessionEvent[] => [
  submitted({ kind: 'identifier', username }, true),
  answer(needsPassword),
  submitted({ kind: 'password', password }),
  answer({ authorization_code: 'c' }, 200),
];
/** The token endpoint's answer, then the connector's word that it stored the tokens. */
const tokenAnswer = (body: unknown = tokens, at = now): SessionEvent => ({ type: 'http.succeeded', id: 'token', result: ok(body), now: at });
const stored: SessionEvent = { type: 'oidc.succeeded', id: 'store', user: { ...tokens, expires_at: now / 1000 + 600, profile: idClaims } };

describe('mode selection', () => {
  it('picks embedded for a same-site OP with a challenge endpoint, redirect otherwise, and the attribute wins', () => {
    const withEndpoint = discoveryDocument({ authorization_challenge_endpoint: challengeUrl }) as never;
    assert.equal(resolveMode(config(), withEndpoint, page), 'embedded');
    assert.equal(resolveMode(config(), withEndpoint, 'https://shop.other.org/'), 'redirect');
    assert.equal(resolveMode(config(), discoveryDocument() as never, page), 'redirect');
    assert.equal(resolveMode(config({ mode: 'popup' }), withEndpoint, page), 'popup');
  });
  it('compares registrable domains, ignoring ports, and keeps co.uk-style suffixes apart', () => {
    assert.equal(isSameSite('https://app.example.com/', 'https://id.example.com'), true);
    assert.equal(isSameSite('http://127.0.0.1:5173/', 'http://127.0.0.1:4000'), true);
    assert.equal(isSameSite('https://a.example.co.uk/', 'https://b.other.co.uk/'), false);
    assert.equal(isSameSite('http://app.example.com/', 'https://id.example.com/'), false);
  });
});

describe('embedded password sign-in', () => {
  it('posts the identifier with PKCE, a nonce, scope and redirect_uri to the challenge endpoint', () => {
    const { state, effects } = transition(embeddedSignedOut(), submitted({ kind: 'identifier', username: 'ada@example.com' }, true));
    assert.equal(flowOf(state)?.pending, true);
    assert.equal(effects[0]?.type === 'http' && effects[0].request.url, challengeUrl);
    assert.deepEqual(form(effects[0]), firstRequest({ action: 'signin', username: 'ada@example.com' }));
  });

  it('goes identifier → password → token → signed in, in three requests, without userinfo', () => {
    const requests: Effect[] = [];
    let state = embeddedSignedOut();
    for (const event of [
      submitted({ kind: 'identifier', username: 'ada@example.com' }, true),
      answer(needsPassword),
      submitted({ kind: 'password', password: 'correct horse battery staple' }),
      answer({ authorization_code: 'code-1' }, 200),
      tokenAnswer(),
      stored,
    ]) {
      const step = transition(state, event);
      state = step.state;
      requests.push(...step.effects.filter((e) => e.type === 'http'));
      if (event.type === 'http.succeeded' && event.id === 'challenge' && flowOf(state)?.step === 'password') {
        assert.equal(flowOf(state)?.authSession, 's1');
      }
    }
    assert.equal(state.name, 'signed-in');
    assert.equal(state.name === 'signed-in' && state.user.name, 'Ada Lovelace');
    assert.equal(state.name === 'signed-in' && state.user.expiresAt, Math.floor(now / 1000) + 600);
    assert.deepEqual(
      requests.map((r) => r.type === 'http' && r.id),
      ['challenge', 'challenge', 'token'],
    );
    assert.deepEqual(form(requests[1]), { client_id: 'web', auth_session: 's1', password: 'correct horse battery staple' });
    assert.deepEqual(form(requests[2]), {
      grant_type: 'authorization_code',
      code: 'code-1',
      code_verifier: pkce.verifier,
      client_id: 'web',
      redirect_uri: 'https://app.example.com/',
    });
  });

  it('hands the tokens to the connector before announcing the sign-in, and keeps no password in state', () => {
    const pending = replay(upToTokens('ada@example.com', 'secret passphrase here'), embeddedSignedOut()).state;
    assert.equal(JSON.stringify(pending).includes('secret passphrase'), false);
    const handed = transition(pending, tokenAnswer());
    assert.deepEqual(
      handed.effects.map((e) => e.type),
      ['tokens.store'],
    );
    const handedOver = handed.effects[0]?.type === 'tokens.store' ? (handed.effects[0].tokens as { profile: Record<string, unknown> }).profile : {};
    assert.equal(handedOver.email, 'ada@example.com');
    assert.equal('nonce' in handedOver, false, 'the nonce is not a claim about the user');
    assert.equal(handed.state.name, 'signed-out', 'not signed in until the tokens are stored');
    const { state, effects } = transition(handed.state, stored);
    assert.equal(state.name, 'signed-in');
    assert.deepEqual(
      effects.map((e) => e.type),
      ['notify'],
    );
  });

  describe('when the ID token fails the OIDC Core checks', () => {
    const pending = () => replay(upToTokens(), embeddedSignedOut()).state;
    const cases: [string, Record<string, unknown>][] = [
      ['another issuer', { iss: 'https://evil.example.com' }],
      ['another audience', { aud: 'other-app' }],
      ['several audiences without azp', { aud: ['web', 'api'] }],
      ['an azp of another client', { aud: ['web', 'api'], azp: 'api' }],
      ['another nonce', { nonce: 'replayed' }],
      ['no nonce', { nonce: undefined }],
      ['an expired token', { exp: now / 1000 - 301 }],
      ['a token from the future', { iat: now / 1000 + 301 }],
    ];
    for (const [name, change] of cases) {
      it(`refuses ${name}: an invalid_id_token error on the form, nothing stored`, () => {
        const { state, effects } = transition(pending(), tokenAnswer({ ...tokens, id_token: jwt({ ...idClaims, ...change }) }));
        assert.equal(state.name, 'signed-out');
        assert.equal(flowOf(state)?.error?.code, 'invalid_id_token');
        assert.equal(flowOf(state)?.pending, false);
        assert.deepEqual(effects, []);
      });
    }
    const unsigned = (claims: Record<string, unknown>) => jwt(claims).replace(/^h\./, `${Buffer.from('{"alg":"none"}').toString('base64url')}.`);
    for (const [name, idToken] of [
      ['an unsigned token (alg none)', unsigned(idClaims)],
      [
        'alg None in any case',
        unsigned(idClaims).replace(Buffer.from('{"alg":"none"}').toString('base64url'), Buffer.from('{"alg":"None"}').toString('base64url')),
      ],
      ['a token without a signature', jwt(idClaims).replace(/sig$/, '')],
    ]) {
      it(`refuses ${name}: an invalid_id_token error on the form, nothing stored`, () => {
        const { state, effects } = transition(pending(), tokenAnswer({ ...tokens, id_token: idToken }));
        assert.equal(flowOf(state)?.error?.code, 'invalid_id_token');
        assert.deepEqual(effects, []);
      });
    }
    it('accepts several audiences when azp names this client, and five minutes of clock skew', () => {
      const { effects } = transition(
        pending(),
        tokenAnswer({ ...tokens, id_token: jwt({ ...idClaims, aud: ['web', 'api'], azp: 'web', exp: now / 1000 - 299 }) }),
      );
      assert.deepEqual(
        effects.map((e) => e.type),
        ['tokens.store'],
      );
    });
  });

  it('stays on the password step after a wrong password, with the same auth_session', () => {
    const onPassword = replay(
      [submitted({ kind: 'identifier', username: 'ada@example.com' }, true), answer(needsPassword), submitted({ kind: 'password', password: 'nope' })],
      embeddedSignedOut(),
    ).state;
    const { state } = transition(onPassword, answer({ ...needsPassword, reason: 'invalid_credentials', error_description: 'Wrong email or password.' }));
    assert.equal(flowOf(state)?.step, 'password');
    assert.equal(flowOf(state)?.pending, false);
    assert.equal(flowOf(state)?.error?.code, 'invalid_credentials');
    assert.equal(flowOf(state)?.authSession, 's1');
  });

  it('ignores a second submit while one is pending', () => {
    const pending = transition(embeddedSignedOut(), submitted({ kind: 'identifier', username: 'a@b.c' }, true)).state;
    assert.deepEqual(transition(pending, submitted({ kind: 'identifier', username: 'a@b.c' }, true)).effects, []);
  });
});

describe('embedded faults keep the flow and allow a retry', () => {
  const onPassword = () =>
    replay(
      [submitted({ kind: 'identifier', username: 'ada@example.com' }, true), answer(needsPassword), submitted({ kind: 'password', password: 'x' })],
      embeddedSignedOut(),
    ).state;
  const cases: [string, SessionEvent, string][] = [
    ['a 500', answer('<h1>oops</h1>', 500), 'server_error'],
    ['an HTML page with 200', answer('<!doctype html>', 200), 'bad_response'],
    ['invalid JSON', { type: 'http.succeeded', id: 'challenge', result: { status: 200, headers: {}, body: '{"authorization_code":' }, now }, 'bad_response'],
    ['schema-invalid JSON', answer({ authorization_code: 42 }, 200), 'bad_response'],
    ['a timeout', { type: 'http.failed', id: 'challenge', error: { code: 'timeout' } }, 'timeout'],
    ['the network being offline', { type: 'http.failed', id: 'challenge', error: { code: 'network' } }, 'network'],
  ];
  for (const [label, event, code] of cases) {
    it(`shows ${code} for ${label} and stays on the step`, () => {
      const { state } = transition(onPassword(), event);
      assert.equal(flowOf(state)?.step, 'password');
      assert.equal(flowOf(state)?.pending, false);
      assert.equal(flowOf(state)?.error?.code, code);
      const retry = transition(state, submitted({ kind: 'password', password: 'x' }));
      assert.equal(retry.effects[0]?.type, 'http');
    });
  }

  it('reads 429 Retry-After into a countdown', () => {
    const { state } = transition(onPassword(), answer({ error: 'rate_limited', retry_after: 99 }, 429, { 'retry-after': '42' }));
    assert.deepEqual(flowOf(state)?.error, { code: 'rate_limited', status: 429, retryAfterSeconds: 42 });
    assert.equal(flowOf(state)?.retryAvailableAtMs, now + 42_000);
  });

  it('starts over, keeping the email, when the OP forgot the session', () => {
    const { state } = transition(onPassword(), answer({ error: 'invalid_session' }));
    assert.equal(flowOf(state)?.step, 'identifier');
    assert.equal(flowOf(state)?.username, 'ada@example.com');
    assert.equal(flowOf(state)?.error?.code, 'invalid_session');
  });

  it('falls back to the OP pages on redirect_to_web, with the email as login_hint', () => {
    const { state, effects } = transition(onPassword(), answer({ error: 'redirect_to_web' }));
    assert.equal(state.name, 'signing-in');
    assert.deepEqual(effects[0]?.type === 'oidc.sign-in' && effects[0].request.params, { login_hint: 'ada@example.com' });
  });

  describe('home-realm discovery: the OP routes the email domain to a company IdP', () => {
    const routed = { error: 'redirect_to_web', idp: 'acme', domain_hint: 'acme.test', login_hint: 'bob@acme.test' };
    const signInParams = (effects: Effect[]) => (effects[0]?.type === 'oidc.sign-in' ? effects[0].request.params : null);
    const afterEmail = (state: SessionState) =>
      transition(transition(state, submitted({ kind: 'identifier', username: 'bob@acme.test' }, true)).state, answer(routed, 403));

    it('continues at the OP straight to that IdP, with the typed email and its domain passed on', () => {
      const { state, effects } = afterEmail(embeddedSignedOut());
      assert.equal(state.name, 'signing-in');
      assert.deepEqual(signInParams(effects), { idp: 'acme', login_hint: 'bob@acme.test', domain_hint: 'acme.test' });
    });

    it("names the IdP with the preset's parameter (Keycloak: kc_idp_hint); Entra's domain_hint is the domain", () => {
      const keycloak = replay([
        { type: 'started', config: config({ preset: 'keycloak' }), pageUrl: page },
        { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument({ authorization_challenge_endpoint: challengeUrl })), now },
      ]).state;
      assert.deepEqual(signInParams(afterEmail(keycloak).effects), { kc_idp_hint: 'acme', login_hint: 'bob@acme.test', domain_hint: 'acme.test' });
      const entra = replay([
        { type: 'started', config: config({ preset: 'entra' }), pageUrl: page },
        { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument({ authorization_challenge_endpoint: challengeUrl })), now },
      ]).state;
      assert.deepEqual(signInParams(afterEmail(entra).effects), { domain_hint: 'acme.test', login_hint: 'bob@acme.test' });
    });

    it('an unrouted domain goes on to the password step as before', () => {
      const asked = transition(embeddedSignedOut(), submitted({ kind: 'identifier', username: 'ada@example.com' }, true));
      const { state } = transition(asked.state, answer(needsPassword));
      assert.equal(flowOf(state)?.step, 'password');
    });
  });
});

describe('email code, sign-up and recovery', () => {
  it('switches to the emailed code with a resend countdown', () => {
    const onPassword = replay([submitted({ kind: 'identifier', username: 'ada@example.com' }, true), answer(needsPassword)], embeddedSignedOut()).state;
    const asked = transition(onPassword, submitted({ kind: 'send-code' }));
    assert.deepEqual(form(asked.effects[0]), { client_id: 'web', auth_session: 's1', method: 'email_code' });
    const { state } = transition(
      asked.state,
      answer({ error: 'insufficient_authorization', auth_session: 's1', methods: ['email_code'], code_sent: true, resend_after: 30 }),
    );
    assert.equal(flowOf(state)?.step, 'email-code');
    assert.equal(flowOf(state)?.resendAvailableAtMs, now + 30_000);
  });

  it('sends sign-up data and then asks for the verification code', () => {
    const start = transition(embeddedSignedOut(), { type: 'embedded.navigated', intent: 'sign-up' }).state;
    assert.equal(flowOf(start)?.step, 'signup');
    const sent = transition(start, submitted({ kind: 'signup', email: 'grace@example.com', password: 'compile the nanoseconds', name: 'Grace' }, true));
    assert.equal(form(sent.effects[0])?.action, 'signup');
    const { state } = transition(
      sent.state,
      answer({ error: 'insufficient_authorization', auth_session: 's2', methods: ['email_verification'], code_sent: true, resend_after: 30 }),
    );
    assert.equal(flowOf(state)?.step, 'verify-email');
    assert.deepEqual(form(transition(state, submitted({ kind: 'send-code' })).effects[0]), { client_id: 'web', auth_session: 's2', method: 'resend' });
  });

  it('the sign-in that ends a sign-up says so (signedUp), and a plain sign-in does not', () => {
    const signedUp = (effects: Effect[]) =>
      effects.flatMap((e) => (e.type === 'notify' && e.notification.event === 'signed-in' ? [!!e.notification.signedUp] : []));
    const start = transition(embeddedSignedOut(), { type: 'embedded.navigated', intent: 'sign-up' }).state;
    const verifying = replay(
      [
        submitted({ kind: 'signup', email: 'grace@example.com', password: 'compile the nanoseconds', name: 'Grace' }, true),
        answer({ error: 'insufficient_authorization', auth_session: 's2', methods: ['email_verification'], code_sent: true }),
        submitted({ kind: 'code', code: '123456' }),
        answer({ authorization_code: 'c' }, 200),
        tokenAnswer(),
      ],
      start,
    ).state;
    assert.deepEqual(signedUp(transition(verifying, stored).effects), [true]);
    const signingIn = replay([...upToTokens(), tokenAnswer()], embeddedSignedOut()).state;
    assert.deepEqual(signedUp(transition(signingIn, stored).effects), [false]);
  });

  it('a sign-up sent from a fresh view is a sign-up flow, even before any navigation', () => {
    const sent = transition(embeddedSignedOut(), submitted({ kind: 'signup', email: 'g@example.com', password: 'x'.repeat(20) }, true)).state;
    const { state } = transition(sent, answer({ error: 'invalid_request', reason: 'weak_password', password_reason: 'repetitive' }));
    assert.equal(flowOf(state)?.intent, 'sign-up');
    assert.equal(flowOf(state)?.step, 'signup');
  });

  it('shows the policy reason of a refused password', () => {
    const start = transition(embeddedSignedOut(), { type: 'embedded.navigated', intent: 'sign-up' }).state;
    const sent = transition(start, submitted({ kind: 'signup', email: 'g@example.com', password: 'short' }, true)).state;
    const { state } = transition(sent, answer({ error: 'invalid_request', reason: 'weak_password', password_reason: 'common' }));
    assert.deepEqual(flowOf(state)?.error, { code: 'weak_password', detail: 'common' });
    assert.equal(flowOf(state)?.step, 'signup');
  });

  it('recovery goes to the code step and sends code with the new password', () => {
    const start = transition(embeddedSignedOut(), { type: 'embedded.navigated', intent: 'recover' }).state;
    const sent = transition(start, submitted({ kind: 'recover', email: 'ada@example.com' }, true));
    assert.deepEqual(form(sent.effects[0])?.action, 'recover');
    const onCode = transition(
      sent.state,
      answer({ error: 'insufficient_authorization', auth_session: 's3', methods: ['recovery_code'], code_sent: true, resend_after: 30 }),
    ).state;
    assert.equal(flowOf(onCode)?.step, 'recovery-code');
    const reset = transition(onCode, submitted({ kind: 'recovery-code', code: '123456', newPassword: 'a brand new passphrase' }));
    assert.deepEqual(form(reset.effects[0]), { client_id: 'web', auth_session: 's3', code: '123456', new_password: 'a brand new passphrase' });
  });

  it('does not end an OP session that embedded sign-in never made', () => {
    const signedIn = replay([...upToTokens('a@b.c', 'p'), tokenAnswer(), stored], embeddedSignedOut()).state;
    const { effects } = transition(signedIn, { type: 'sign-out.requested' });
    assert.deepEqual(effects, [began, { type: 'oidc.sign-out', id: 'sign-out', revoke: true, endSession: false }]);
  });
});

describe('sign-in links by email', () => {
  const linkSent = { error: 'insufficient_authorization', auth_session: 's1', methods: ['email_link'], link_sent: true, resend_after: 30, interval: 2 };
  const status = (body: unknown, statusCode = 400): SessionEvent => ({ type: 'http.succeeded', id: 'link-status', result: ok(body, statusCode), now });
  const waiting = () =>
    replay(
      [
        submitted({ kind: 'identifier', username: 'ada@example.com' }, true),
        answer({ ...needsPassword, methods: ['password', 'email_code', 'email_link'] }),
        submitted({ kind: 'send-link', linkChallenge: 'L'.repeat(43) }),
        answer(linkSent),
      ],
      embeddedSignedOut(),
    ).state;

  it('asks for a link with the browser’s challenge, then waits on the link step', () => {
    const onPassword = replay(
      [submitted({ kind: 'identifier', username: 'ada@example.com' }, true), answer({ ...needsPassword, methods: ['password', 'email_code', 'email_link'] })],
      embeddedSignedOut(),
    ).state;
    const asked = transition(onPassword, submitted({ kind: 'send-link', linkChallenge: 'L'.repeat(43) }));
    assert.deepEqual(form(asked.effects[0]), { client_id: 'web', auth_session: 's1', method: 'email_link', link_challenge: 'L'.repeat(43) });
    const flow = flowOf(transition(asked.state, answer(linkSent)).state);
    assert.equal(flow?.step, 'email-link');
    assert.equal(flow?.pollEveryS, 2);
    assert.equal(flow?.resendAvailableAtMs, now + 30_000);
    assert.equal(flow?.pending, false);
  });

  it('asks for the status one request at a time, without making the step busy', () => {
    const asked = transition(waiting(), submitted({ kind: 'link-status' }));
    assert.deepEqual(form(asked.effects[0]), { client_id: 'web', auth_session: 's1', method: 'email_link_status' });
    assert.equal(asked.effects[0]?.type === 'http' && asked.effects[0].id, 'link-status');
    assert.deepEqual([flowOf(asked.state)?.polling, flowOf(asked.state)?.pending], [true, false]);
    assert.deepEqual(transition(asked.state, submitted({ kind: 'link-status' })).effects, [], 'one at a time');
    // Still waiting: asks again later, as often as the OP says.
    const slower = transition(asked.state, status({ error: 'slow_down', auth_session: 's1', interval: 4 })).state;
    assert.deepEqual([flowOf(slower)?.polling, flowOf(slower)?.pollEveryS, flowOf(slower)?.error], [false, 4, undefined]);
    // A failed request is asked again next time, with nothing shown.
    const failed = transition(asked.state, { type: 'http.failed', id: 'link-status', error: { code: 'network' } }).state;
    assert.deepEqual([flowOf(failed)?.polling, flowOf(failed)?.error], [false, undefined]);
  });

  it('signs in with the code the OP gives once the link approved it', () => {
    const asked = transition(waiting(), submitted({ kind: 'link-status' }));
    const approved = transition(asked.state, status({ authorization_code: 'c1' }, 200));
    const token = approved.effects.find((e) => e.type === 'http' && e.id === 'token');
    assert.ok(token?.type === 'http');
    assert.equal(new URLSearchParams(token.request.body).get('code'), 'c1');
    assert.equal(new URLSearchParams(token.request.body).get('code_verifier'), pkce.verifier);
    assert.equal(flowOf(approved.state)?.pending, true);
  });

  it('a declined link starts over with the email kept; an expired one stops asking and offers a new link', () => {
    const asked = transition(waiting(), submitted({ kind: 'link-status' }));
    const declined = flowOf(transition(asked.state, status({ error: 'access_denied' })).state);
    assert.deepEqual(
      [declined?.step, declined?.username, declined?.error?.code, declined?.authSession],
      ['identifier', 'ada@example.com', 'link_declined', null],
    );
    const expired = transition(asked.state, status({ error: 'expired_token', auth_session: 's1' })).state;
    assert.deepEqual([flowOf(expired)?.step, flowOf(expired)?.error?.code], ['email-link', 'link_expired']);
    assert.deepEqual(transition(expired, submitted({ kind: 'link-status' })).effects, [], 'no more status requests');
    assert.equal(form(transition(expired, submitted({ kind: 'send-link', linkChallenge: 'M'.repeat(43) })).effects[0])?.method, 'email_link');
  });

  it('ignores a status answer for a flow that has moved on', () => {
    const asked = transition(waiting(), submitted({ kind: 'link-status' }));
    const elsewhere = transition(asked.state, { type: 'embedded.navigated', intent: 'sign-in' }).state;
    const late = transition(elsewhere, status({ authorization_code: 'c1' }, 200));
    assert.deepEqual(late.effects, []);
    assert.equal(flowOf(late.state)?.step, 'identifier');
  });
});

describe('guest sessions', () => {
  const guestClaims = { ...idClaims, sub: 'g1', name: undefined, email: undefined, is_anonymous: true };
  const guestTokens = { ...tokens, id_token: jwt(guestClaims) };
  const asGuest = () =>
    replay(
      [
        submitted({ kind: 'guest' }, true),
        answer({ authorization_code: 'g' }, 200),
        tokenAnswer(guestTokens),
        { type: 'oidc.succeeded', id: 'store', user: { ...guestTokens, expires_at: now / 1000 + 600, profile: guestClaims } },
      ],
      embeddedSignedOut(),
    );
  const adaStored: SessionEvent = stored;

  it('starts with action=guest and no credentials, and is signed in as the guest', () => {
    const asked = transition(embeddedSignedOut(), submitted({ kind: 'guest' }, true));
    assert.deepEqual(form(asked.effects[0]), firstRequest({ action: 'guest' }));
    const { state } = asGuest();
    assert.equal(state.name, 'signed-in');
    assert.equal(state.name === 'signed-in' && state.user.claims.is_anonymous, true);
  });

  it('signing in from a guest opens the forms in place; the first request carries the guest token (added by the interpreter)', () => {
    const upgrading = transition(asGuest().state, { type: 'sign-in.requested', options: {} });
    assert.equal(upgrading.state.name, 'reauthenticating');
    assert.deepEqual(upgrading.effects, [], 'no redirect, nothing sent yet');
    const flow = upgrading.state.name === 'reauthenticating' ? upgrading.state.flow : undefined;
    assert.deepEqual([flow?.step, flow?.guest], ['identifier', 'bind']);
    const sent = transition(upgrading.state, submitted({ kind: 'identifier', username: 'ada@example.com' }, true));
    const request = sent.effects[0]?.type === 'http' ? sent.effects[0].request : undefined;
    assert.equal(request?.guest, true);
    assert.equal(form(sent.effects[0])?.guest_token, undefined, 'the state and the request hold no token');
    // Create account from there keeps the guest.
    const signUp = transition(upgrading.state, { type: 'embedded.navigated', intent: 'sign-up' }).state;
    assert.deepEqual(signUp.name === 'reauthenticating' && [signUp.flow.step, signUp.flow.guest], ['signup', 'bind']);
  });

  it('a sign-in to another account asks about the guest’s data, then becomes that account and says what moved', () => {
    const { state, effects } = replay(
      [
        { type: 'sign-in.requested', options: {} },
        submitted({ kind: 'identifier', username: 'ada@example.com' }, true),
        answer(needsPassword),
        submitted({ kind: 'password', password: 'p' }),
        answer({ error: 'insufficient_authorization', auth_session: 's1', methods: ['guest_merge'], guest_merge: { guest: true } }),
      ],
      asGuest().state,
    );
    assert.equal(state.name === 'reauthenticating' && state.flow.step, 'guest-merge');
    assert.deepEqual(effects, []);
    const moved = transition(state, submitted({ kind: 'guest-merge', move: true }));
    assert.deepEqual(form(moved.effects[0]), { client_id: 'web', auth_session: 's1', guest_merge: 'move' });
    const done = replay([answer({ authorization_code: 'c2' }, 200), tokenAnswer(tokens, now + 1000), adaStored], moved.state);
    assert.equal(done.state.name === 'signed-in' && done.state.user.sub, 'u1', 'another account: no same-user rule');
    const notices = done.effects.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));
    assert.deepEqual(
      notices.map((n) => [n.event, n.event === 'signed-in' ? n.guest : undefined]),
      [['signed-in', 'moved']],
      'no step-up notice',
    );
    const kept = transition(state, submitted({ kind: 'guest-merge', move: false }));
    assert.equal(form(kept.effects[0])?.guest_merge, 'keep_separate');
  });

  it('a cancel goes back to the guest session, quietly; a signed-in user (not a guest) still signs in at the OP', () => {
    const upgrading = transition(asGuest().state, { type: 'sign-in.requested', options: { intent: 'sign-up' } }).state;
    const back = transition(upgrading, { type: 'step-up.cancelled' });
    assert.equal(back.state.name === 'signed-in' && back.state.user.sub, 'g1');
    assert.deepEqual(back.effects, []);
    const ada = replay([...upToTokens(), tokenAnswer(), stored], embeddedSignedOut()).state;
    assert.equal(transition(ada, { type: 'sign-in.requested', options: {} }).state.name, 'signing-in');
  });
});

describe('organizations', () => {
  it('signs in to the configured organization: the first request names it, under the parameter the app gave', () => {
    const discovery = discoveryDocument({ authorization_challenge_endpoint: challengeUrl });
    for (const [organizations, field] of [
      [{ organization: 'acme' }, 'organization'],
      [{ organization: 'acme', param: 'tenant' }, 'tenant'],
    ] as const) {
      const signedOut = replay([
        { type: 'started', config: config({ organizations }), pageUrl: page },
        { type: 'http.succeeded', id: 'discovery', result: ok(discovery), now },
      ]).state;
      const { effects } = transition(signedOut, submitted({ kind: 'identifier', username: 'ada@example.com' }, true));
      assert.deepEqual(form(effects[0]), firstRequest({ [field]: 'acme', action: 'signin', username: 'ada@example.com' }));
    }
  });
});

describe('organizations: not a member', () => {
  it('says not_a_member when the OP refuses the organization after the password; nothing is signed in', () => {
    const { state, effects } = replay(
      [
        submitted({ kind: 'identifier', username: 'ada@example.com' }, true),
        answer(needsPassword),
        submitted({ kind: 'password', password: 'p' }),
        answer({ error: 'invalid_request', reason: 'not_a_member', error_description: 'not a member of the requested organization' }),
      ],
      embeddedSignedOut(),
    );
    assert.equal(state.name, 'signed-out');
    assert.equal(flowOf(state)?.error?.code, 'not_a_member');
    assert.equal(flowOf(state)?.authSession, null, 'the OP used the flow up');
    assert.deepEqual(
      effects.filter((e) => e.type === 'tokens.store'),
      [],
    );
  });
});

describe('step-up (RFC 9470)', () => {
  const signedIn = () => replay([...upToTokens(), tokenAnswer(), stored], embeddedSignedOut()).state;
  const stepUp: SessionEvent = { type: 'step-up.requested', maxAge: 300, via: 'redirect', pkce, now };

  it('re-authenticates in place: starts with the known email and sends max_age', () => {
    const { state, effects } = transition(signedIn(), stepUp);
    assert.equal(state.name, 'reauthenticating');
    assert.equal(state.name === 'reauthenticating' && state.user.email, 'ada@example.com');
    assert.deepEqual(form(effects[0]), firstRequest({ max_age: '300', action: 'signin', username: 'ada@example.com' }));
  });

  it('keeps the tab’s organization: the step-up asks for tokens in it', () => {
    const inAcme: SessionEvent = {
      type: 'oidc.succeeded',
      id: 'store',
      user: { ...tokens, expires_at: now / 1000 + 600, profile: { ...idClaims, org_id: 'org_acme', org_name: 'Acme', roles: ['admin'] } },
    };
    const state = replay([...upToTokens(), tokenAnswer(), inAcme], embeddedSignedOut()).state;
    const { effects } = transition(state, stepUp);
    assert.deepEqual(form(effects[0]), firstRequest({ max_age: '300', organization: 'org_acme', action: 'signin', username: 'ada@example.com' }));
  });

  it('asks for the password, then signs in again with new tokens and says the step-up is done', () => {
    const { state, effects } = replay(
      [
        stepUp,
        answer(needsPassword),
        submitted({ kind: 'password', password: 'p' }),
        answer({ authorization_code: 'c2' }, 200),
        tokenAnswer(tokens, now + 1000),
        stored,
      ],
      signedIn(),
    );
    assert.equal(state.name, 'signed-in');
    assert.deepEqual(
      effects.map((e) => e.type === 'notify' && e.notification.event),
      ['signed-in', 'step-up'],
    );
    assert.deepEqual(effects[1], { type: 'notify', notification: { event: 'step-up' } });
  });

  it('refuses an answer for another account: the session stays, the form says why', () => {
    const other = tokenAnswer({ ...tokens, id_token: jwt({ ...idClaims, sub: 'u2', email: 'eve@example.com' }) }, now + 1000);
    const { state, effects } = replay(
      [stepUp, answer(needsPassword), submitted({ kind: 'password', password: 'p' }), answer({ authorization_code: 'c2' }, 200), other],
      signedIn(),
    );
    assert.equal(state.name, 'reauthenticating');
    assert.equal(state.name === 'reauthenticating' && state.user.sub, 'u1');
    assert.equal(state.name === 'reauthenticating' && state.flow.error?.code, 'account_mismatch');
    assert.deepEqual(effects, []);
    assert.equal(transition(state, { type: 'step-up.cancelled' }).state.name, 'signed-in');
  });

  it('returns to the same session when cancelled, and says the step-up was refused', () => {
    const reauth = transition(signedIn(), stepUp).state;
    const { state, effects } = transition(reauth, { type: 'step-up.cancelled' });
    assert.equal(state.name, 'signed-in');
    assert.deepEqual(effects, [{ type: 'notify', notification: { event: 'step-up', error: { code: 'access_denied', detail: 'step-up was cancelled' } } }]);
  });

  it('continues at the OP when the OP asks for its own pages, with the email and max_age', () => {
    const { state, effects } = replay([stepUp, answer({ error: 'redirect_to_web' })], signedIn());
    assert.equal(state.name, 'signing-in');
    assert.deepEqual(effects, [
      { type: 'oidc.sign-in', id: 'sign-in', request: { via: 'redirect', params: { login_hint: 'ada@example.com', max_age: '300' }, returnTo: null } },
    ]);
  });

  it('uses a fresh OP sign-in with max_age and login_hint outside embedded mode, for the same user only', () => {
    const redirectSignedIn = replay([
      { type: 'started', config: config(), pageUrl: page },
      { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument()), now },
      { type: 'sign-in.requested', options: {} },
      { type: 'oidc.succeeded', id: 'sign-in', user: { ...tokens, profile: { sub: 'u1', email: 'ada@example.com' } } },
    ]).state;
    const { effects } = transition(redirectSignedIn, { type: 'step-up.requested', maxAge: 0, acrValues: 'urn:mfa', via: 'popup', now });
    assert.deepEqual(effects, [
      {
        type: 'oidc.sign-in',
        id: 'sign-in',
        request: { via: 'popup', params: { login_hint: 'ada@example.com', acr_values: 'urn:mfa', max_age: '0' }, returnTo: null, sub: 'u1' },
      },
    ]);
  });
});

describe('hosted mode (the OP page built from our elements)', () => {
  const endpoint = 'https://id.example.com/interaction/abc/challenge';
  const hosted = () =>
    replay([
      {
        type: 'started',
        config: config({
          mode: 'hosted',
          challengeEndpoint: endpoint,
          redirectUri: 'https://id.example.com/interaction/abc',
          postLogoutRedirectUri: 'https://id.example.com/interaction/abc',
        }),
        pageUrl: 'https://id.example.com/interaction/abc',
      },
      { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument()), now },
    ]).state;

  it('posts the steps to the interaction endpoint, without client_id or PKCE', () => {
    const { effects } = transition(hosted(), submitted({ kind: 'identifier', username: 'ada@example.com' }, true));
    assert.equal(effects[0]?.type === 'http' && effects[0].request.url, endpoint);
    assert.equal(effects[0]?.type === 'http' && effects[0].request.credentials, 'same-origin');
    assert.deepEqual(form(effects[0]), { action: 'signin', username: 'ada@example.com' });
  });

  it('continues the OP interaction where the endpoint says, on the same origin only', () => {
    const onPassword = replay(
      [submitted({ kind: 'identifier', username: 'ada@example.com' }, true), answer(needsPassword), submitted({ kind: 'password', password: 'p' })],
      hosted(),
    ).state;
    const ok200 = transition(onPassword, answer({ redirect_to: '/auth/abc' }, 200));
    assert.deepEqual(ok200.effects, [{ type: 'navigate', url: 'https://id.example.com/auth/abc', replace: false }]);
    const evil = transition(onPassword, answer({ redirect_to: 'https://evil.example.com/' }, 200));
    assert.equal(flowOf(evil.state)?.error?.code, 'bad_response');
    assert.deepEqual(evil.effects, []);
  });

  it('"Continue with <provider>": asks the endpoint (action=federate) and goes where it says, on the same origin only', () => {
    const asked = transition(hosted(), submitted({ kind: 'federate', idp: 'social' }, true));
    assert.deepEqual(form(asked.effects[0]), { action: 'federate', idp: 'social' });
    assert.equal(flowOf(asked.state)?.pending, true);
    const started = transition(asked.state, answer({ redirect_to: 'https://id.example.com/interaction/abc/federate/social' }, 200));
    assert.deepEqual(started.effects, [{ type: 'navigate', url: 'https://id.example.com/interaction/abc/federate/social', replace: false }]);
    const evil = transition(asked.state, answer({ redirect_to: 'https://upstream.example/authorize' }, 200));
    assert.equal(flowOf(evil.state)?.error?.code, 'bad_response');
  });
});

describe('passkey sign-in', () => {
  const options = { challenge: 'Y2hhbGxlbmdl', rpId: 'id.example.com', allowCredentials: [], userVerification: 'required', timeout: 60000 };
  const offered = { error: 'insufficient_authorization', auth_session: 'p1', methods: ['passkey'], passkey_options: options };
  const started = () => transition(embeddedSignedOut(), submitted({ kind: 'passkey' }, true));

  it('asks the OP for WebAuthn options, then the authenticator, keeping the form busy', () => {
    const { state, effects } = started();
    assert.deepEqual(form(effects[0]), firstRequest({ action: 'passkey' }));
    const asked = transition(state, answer(offered));
    assert.deepEqual(asked.effects, [{ type: 'webauthn.get', id: 'passkey', options, autofill: false }]);
    assert.equal(flowOf(asked.state)?.step, 'passkey');
    assert.equal(flowOf(asked.state)?.pending, true);
  });

  it('sends the assertion with the auth_session, then signs in through the token endpoint', () => {
    const asked = transition(started().state, answer(offered)).state;
    const response = { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'x', authenticatorData: 'y', signature: 'z' } };
    const sent = transition(asked, { type: 'webauthn.succeeded', id: 'passkey', response, now });
    assert.deepEqual(form(sent.effects[0]), { client_id: 'web', auth_session: 'p1', passkey: JSON.stringify(response) });
    const { state } = replay([answer({ authorization_code: 'c' }, 200), tokenAnswer(), stored], sent.state);
    assert.equal(state.name, 'signed-in');
  });

  it('goes quietly back to the first step when the user closes the prompt', () => {
    const asked = transition(started().state, answer(offered)).state;
    const { state, effects } = transition(asked, { type: 'webauthn.cancelled', id: 'passkey' });
    assert.equal(flowOf(state)?.step, 'identifier');
    assert.equal(flowOf(state)?.error, undefined);
    assert.deepEqual(effects, []);
  });

  it('shows authenticator failures and an unknown passkey, without starting another prompt', () => {
    const asked = transition(started().state, answer(offered)).state;
    const failed = transition(asked, { type: 'webauthn.failed', id: 'passkey', error: { code: 'passkey_timeout' } }).state;
    assert.equal(flowOf(failed)?.error?.code, 'passkey_timeout');
    assert.equal(flowOf(failed)?.pending, false);
    const sent = transition(asked, { type: 'webauthn.succeeded', id: 'passkey', response: {}, now }).state;
    const refused = transition(sent, answer({ ...offered, reason: 'invalid_passkey', error_description: 'unknown credential' }));
    assert.equal(flowOf(refused.state)?.error?.code, 'invalid_passkey');
    assert.deepEqual(refused.effects, []);
  });
});

describe('passkey autofill', () => {
  const options = { challenge: 'YXV0b2ZpbGw', rpId: 'id.example.com', allowCredentials: [], userVerification: 'required' };
  const offered = { error: 'insufficient_authorization', auth_session: 'a1', methods: ['passkey'], passkey_options: options };
  const requested: SessionEvent = { type: 'autofill.requested', pkce, now };
  const autofillOf = (state: SessionState) => (state.name === 'signed-out' ? state.autofill : undefined);
  const optionsAnswer = (attempt: number, body: unknown = offered, status = 400): SessionEvent => ({
    type: 'http.succeeded',
    id: `autofill-${attempt}`,
    result: ok(body, status),
    now,
  });
  const waiting = () => replay([requested, optionsAnswer(1)], embeddedSignedOut());

  it('fetches WebAuthn options in the background, then waits for a pick in the email field', () => {
    const started = transition(embeddedSignedOut(), requested);
    assert.equal(started.effects[0]?.type === 'http' && started.effects[0].id, 'autofill-1');
    assert.deepEqual(form(started.effects[0]), firstRequest({ action: 'passkey' }));
    assert.deepEqual(flowOf(started.state), undefined, 'the form itself is untouched: not busy, no step change');
    const { state, effects } = transition(started.state, optionsAnswer(1));
    assert.deepEqual(effects, [{ type: 'webauthn.get', id: 'autofill-1', options, autofill: true }]);
    assert.equal(autofillOf(state)?.stage, 'waiting');
    assert.equal(flowOf(state), undefined);
  });

  it('a picked passkey continues as the passkey step, with the autofill request’s session and PKCE verifier', () => {
    const response = {
      id: 'cred-1',
      rawId: 'cred-1',
      type: 'public-key',
      response: { clientDataJSON: 'x', authenticatorData: 'y', signature: 'z', userHandle: 'u1' },
    };
    const sent = transition(waiting().state, { type: 'webauthn.succeeded', id: 'autofill-1', response, now });
    assert.deepEqual(form(sent.effects[0]), { client_id: 'web', auth_session: 'a1', passkey: JSON.stringify(response) });
    assert.equal(flowOf(sent.state)?.step, 'passkey');
    assert.equal(flowOf(sent.state)?.pending, true);
    const exchanged = transition(sent.state, answer({ authorization_code: 'c' }, 200));
    assert.equal(exchanged.effects[0]?.type === 'http' && form(exchanged.effects[0])?.code_verifier, pkce.verifier);
    const { state } = replay([tokenAnswer(), stored], exchanged.state);
    assert.equal(state.name, 'signed-in');
  });

  it('a pick after the OP forgot the request starts over, with autofill ready to ask again', () => {
    const sent = transition(waiting().state, { type: 'webauthn.succeeded', id: 'autofill-1', response: {}, now }).state;
    const { state } = transition(sent, answer({ error: 'invalid_session', error_description: 'expired' }));
    assert.equal(flowOf(state)?.step, 'identifier');
    assert.equal(flowOf(state)?.error?.code, 'invalid_session');
    assert.equal(autofillOf(state)?.stage, 'off');
    const again = transition(state, requested).effects[0];
    assert.equal(again?.type === 'http' && again.id, 'autofill-2');
  });

  it('ends the waiting request when the user continues with an email instead, and ignores its late cancel', () => {
    const typed = transition(waiting().state, submitted({ kind: 'identifier', username: 'ada@example.com' }, true));
    assert.deepEqual(
      typed.effects.map((e) => e.type),
      ['webauthn.abort', 'http'],
    );
    assert.equal(autofillOf(typed.state)?.stage, 'off');
    const late = transition(typed.state, { type: 'webauthn.cancelled', id: 'autofill-1' });
    assert.equal(late.state, typed.state);
  });

  it('the passkey button ends it too (one WebAuthn request at a time)', () => {
    const button = transition(waiting().state, submitted({ kind: 'passkey' }, true));
    assert.deepEqual(
      button.effects.map((e) => e.type),
      ['webauthn.abort', 'http'],
    );
    assert.equal(flowOf(button.state)?.step, 'passkey');
  });

  it('starts again as a new attempt when the first step shows again, and ignores the old attempt’s answers', () => {
    const typed = transition(waiting().state, submitted({ kind: 'identifier', username: 'ada@example.com' }, true)).state;
    const back = transition(typed, { type: 'embedded.navigated', intent: 'sign-in' }).state;
    const again = transition(back, requested);
    assert.equal(again.effects[0]?.type === 'http' && again.effects[0].id, 'autofill-2');
    const stale = transition(again.state, optionsAnswer(1));
    assert.equal(stale.state, again.state);
    assert.deepEqual(stale.effects, []);
  });

  it('stays out of the way: no start while a request runs, on other steps, or twice', () => {
    const busy = transition(embeddedSignedOut(), submitted({ kind: 'identifier', username: 'ada@example.com' }, true)).state;
    assert.deepEqual(transition(busy, requested).effects, []);
    const password = transition(busy, answer(needsPassword)).state;
    assert.deepEqual(transition(password, requested).effects, []);
    const signUp = transition(embeddedSignedOut(), { type: 'embedded.navigated', intent: 'sign-up' }).state;
    assert.deepEqual(transition(signUp, requested).effects, []);
    const started = transition(embeddedSignedOut(), requested).state;
    assert.deepEqual(transition(started, requested).effects, []);
  });

  it('is not for redirect mode, whose forms are the OP’s', () => {
    const redirect = replay([
      { type: 'started', config: config(), pageUrl: page },
      { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument()), now },
    ]).state;
    assert.deepEqual(transition(redirect, requested).effects, []);
  });

  it('a refusal or a failure turns it off quietly: no error on the form, no retry loop', () => {
    for (const failure of [
      optionsAnswer(1, { error: 'invalid_request', error_description: 'no passkeys here' }),
      { type: 'http.failed', id: 'autofill-1', error: { code: 'network' } } as SessionEvent,
    ]) {
      const { state, effects } = replay([requested, failure], embeddedSignedOut());
      assert.equal(autofillOf(state)?.stage, 'failed');
      assert.equal(flowOf(state)?.error, undefined);
      assert.deepEqual(effects, []);
      assert.deepEqual(transition(state, requested).effects, []);
    }
    const refused = transition(waiting().state, { type: 'webauthn.failed', id: 'autofill-1', error: { code: 'passkey_security' } });
    assert.equal(autofillOf(refused.state)?.stage, 'failed');
    assert.equal(flowOf(refused.state)?.error, undefined);
  });

  it('ends with the page’s session: signing in by redirect aborts it', () => {
    const { effects } = transition(waiting().state, { type: 'sign-in.requested', options: { via: 'redirect' } });
    assert.equal(effects[0]?.type, 'webauthn.abort');
  });
});

describe('the first screen before the flow part has loaded', () => {
  const firstScreen = compose(firstParts, false);

  it("holds the user's actions that come before discovery has answered: the client sends them once the first screen shows", () => {
    const discovering = replay([{ type: 'started', config: config({ mode: 'embedded' }), pageUrl: page }]).state;
    assert.equal(discovering.name, 'discovering');
    for (const event of [
      submitted({ kind: 'identifier', username: 'ada@example.com' }, true),
      { type: 'sign-in.requested', options: { via: 'popup' } },
      { type: 'embedded.navigated', intent: 'sign-up' },
    ] satisfies SessionEvent[]) {
      assert.equal(firstScreen(discovering, event), NOT_YET, event.type);
      assert.equal(firstScreen({ name: 'idle' }, event), NOT_YET, `${event.type} before the start`);
    }
    // Its own answers are not the user's: discovery still decides them.
    assert.notEqual(firstScreen(discovering, { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument()), now }), NOT_YET);
  });

  it('leaves a submit to the flow part (not loaded yet): the client keeps it until it is', () => {
    assert.equal(firstScreen(embeddedSignedOut(), submitted({ kind: 'identifier', username: 'ada@example.com' }, true)), NOT_LOADED);
  });

  it('says so on the form when that code cannot load (offline), and a submit again is possible', () => {
    const step = firstScreen(embeddedSignedOut(), { type: 'load.failed', error: { code: 'network' } });
    assert.equal(typeof step, 'object');
    const state = typeof step === 'symbol' ? null : step.state;
    assert.deepEqual(flowOf(state!)?.error, { code: 'network' });
    assert.equal(flowOf(state!)?.pending, false);
    assert.equal(flowOf(state!)?.step, 'identifier');
  });

  it('has no form to say it on in redirect mode: the button simply works again', () => {
    const redirect = replay([
      { type: 'started', config: config(), pageUrl: page },
      { type: 'http.succeeded', id: 'discovery', result: ok(discoveryDocument()), now },
    ]).state;
    const step = firstScreen(redirect, { type: 'load.failed', error: { code: 'network' } });
    assert.equal(typeof step !== 'symbol' && step.state, redirect);
  });
});
