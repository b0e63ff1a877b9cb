import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import type { Organization } from '../../demo/op/organizations.js';
import { RELAXED_LIMITS, mailbox, next, refresh, start } from './challenge-helpers.js';
import { APP_ORIGIN, Browser, authUrl, consentForm, exchangeCode, formAction, httpFetch, jwtPayload, pkce, startTestOp, useTestOp } from './helpers.js';
import { ACCESS_TOKEN_TYPE, TOKEN_EXCHANGE, exchange, invitationToken, orgApi, passwordSignIn, signIn, signUp, tokenProof } from './organization-helpers.js';

async function userinfo(issuer: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await httpFetch(new URL('/me', issuer), { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : {} };
}

describe('demo OP: organizations (organizations.ts, org-tokens.ts, org-exchange.ts, organizations-api.ts)', () => {
  const server = useTestOp(() => startTestOp({ rateLimit: RELAXED_LIMITS }));
  let issuer: string;
  let personal: Organization;
  let acme: Organization;
  let beta: Organization;
  /** An organization Ada is not in. */
  let gamma: Organization;
  before(() => {
    issuer = server().op.issuer;
    const orgs = server().op.db.organizations;
    [personal, acme, beta] = ['personal', 'acme', 'beta'].map((alias) => orgs.find(alias)!);
    gamma = orgs.create('gamma', 'Gamma');
  });

  it('seeds Personal, Acme and Beta with Ada as customer, admin and delegate; discovery says how to ask', async () => {
    const ada = await signIn(issuer);
    const list = await orgApi(issuer, '/api/organizations', ada.access_token);
    assert.equal(list.status, 200);
    assert.deepEqual(
      (list.body as { alias: string; name: string; roles: string[] }[]).map(({ alias, name, roles }) => ({ alias, name, roles })),
      [
        { alias: 'personal', name: 'Personal', roles: ['customer'] },
        { alias: 'acme', name: 'Acme', roles: ['admin'] },
        { alias: 'beta', name: 'Beta', roles: ['delegate'] },
      ],
    );
    const discovery = (await (await httpFetch(new URL('/.well-known/openid-configuration', issuer))).json()) as Record<string, unknown>;
    assert.ok((discovery.grant_types_supported as string[]).includes(TOKEN_EXCHANGE));
    assert.equal(discovery.organization_parameter, 'organization');
    for (const claim of ['org_id', 'org_name', 'roles']) assert.ok((discovery.claims_supported as string[]).includes(claim), claim);
  });

  it('a sign-in at /challenge with organization (alias or id) carries org_id, org_name and roles in the ID token, userinfo and refreshes', async () => {
    for (const organization of ['acme', acme.id]) {
      const tokens = await signIn(issuer, { organization });
      const id = jwtPayload(tokens.id_token);
      assert.equal(id.org_id, acme.id);
      assert.equal(id.org_name, 'Acme');
      assert.deepEqual(id.roles, ['admin']);
      const info = await userinfo(issuer, tokens.access_token);
      assert.deepEqual([info.body.org_id, info.body.org_name, info.body.roles], [acme.id, 'Acme', ['admin']]);
      assert.deepEqual(await orgApi(issuer, '/api/organizations/current', tokens.access_token), {
        status: 200,
        body: { id: acme.id, alias: 'acme', name: 'Acme', roles: ['admin'] },
      });
      const renewed = await refresh(issuer, tokens.refresh_token);
      assert.equal(renewed.status, 200);
      assert.equal(jwtPayload(renewed.body.id_token).org_id, acme.id, 'the grant stays in its organization');
    }
  });

  it('at /authorize: organization= gives an organization sign-in; a non-member ends with access_denied after signing in', async () => {
    const browser = new Browser(issuer);
    const first = pkce();
    const login = await browser.page(authUrl(issuer, first.challenge, { organization: 'beta' }));
    const consent = await browser.page(formAction(login.body, '/login'), { email: SEEDED_USER.email, password: SEEDED_USER.password });
    const callback = await browser.leave(formAction(consent.body, '/confirm'), consentForm(consent.body));
    const tokens = await exchangeCode(issuer, callback, first.verifier);
    const id = jwtPayload(tokens.id_token);
    assert.deepEqual([id.org_id, id.org_name, id.roles], [beta.id, 'Beta', ['delegate']]);
    assert.equal((await userinfo(issuer, tokens.access_token)).body.org_name, 'Beta');

    // Signed in already: straight back, refused, for an organization that exists and one that does not.
    for (const organization of [gamma.id, 'no-such-org']) {
      const refused = await browser.leave(authUrl(issuer, pkce().challenge, { organization }));
      assert.equal(refused.searchParams.get('error'), 'access_denied');
      assert.match(refused.searchParams.get('error_description') ?? '', /not a member/);
    }
    // Without it, the same session signs in personally.
    const second = pkce();
    const personalTokens = await exchangeCode(issuer, await browser.leave(authUrl(issuer, second.challenge)), second.verifier);
    assert.equal(jwtPayload(personalTokens.id_token).org_id, undefined);
  });

  it('a personal sign-in has no organization claims, and /current says so', async () => {
    const tokens = await signIn(issuer);
    const id = jwtPayload(tokens.id_token);
    assert.equal(id.org_id, undefined);
    assert.equal(id.roles, undefined);
    assert.equal((await userinfo(issuer, tokens.access_token)).body.org_id, undefined);
    const current = await orgApi(issuer, '/api/organizations/current', tokens.access_token);
    assert.equal(current.status, 403);
    assert.equal((current.body as { error: string }).error, 'no_organization');
  });

  it('refuses an organization the user is not in only after the password (not_a_member), the same for one that does not exist', async () => {
    const wrongPassword = await passwordSignIn(issuer, { organization: 'gamma' }, { email: SEEDED_USER.email, password: 'not the password at all' });
    assert.equal(wrongPassword.answer.body.error, 'insufficient_authorization', 'a stranger learns nothing about the organization');
    for (const organization of [gamma.id, 'gamma', 'no-such-org']) {
      const { answer, tokens } = await passwordSignIn(issuer, { organization });
      assert.equal(tokens, undefined);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error, 'invalid_request');
      assert.equal(answer.body.reason, 'not_a_member');
    }
  });

  it('switches among all three organizations by token exchange, without a redirect, and the API answers per organization', async () => {
    const personalTokens = await signIn(issuer);
    for (const [org, roles] of [
      [personal, ['customer']],
      [acme, ['admin']],
      [beta, ['delegate']],
    ] as const) {
      const answer = await exchange(issuer, personalTokens.access_token, org.alias);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.issued_token_type, ACCESS_TOKEN_TYPE);
      assert.equal(answer.body.token_type, 'Bearer');
      assert.equal(typeof answer.body.expires_in, 'number');
      assert.equal(answer.body.refresh_token, undefined, 'RFC 8693: an access token only');
      assert.deepEqual([answer.body.org_id, answer.body.org_name, answer.body.roles], [org.id, org.name, roles]);
      assert.equal(answer.headers.get('access-control-allow-origin'), APP_ORIGIN, 'CORS as for every token request');
      const id = jwtPayload(String(answer.body.id_token));
      assert.deepEqual([id.org_id, id.org_name, id.roles, id.sub], [org.id, org.name, roles, jwtPayload(personalTokens.id_token).sub]);
      assert.equal(typeof id.auth_time, 'number', 'switching keeps the sign-in time');
      const current = await orgApi(issuer, '/api/organizations/current', String(answer.body.access_token));
      assert.deepEqual(current.body, { id: org.id, alias: org.alias, name: org.name, roles });
      const report = await orgApi(issuer, `/api/organizations/${org.id}/report`, String(answer.body.access_token));
      assert.equal(report.status, org === acme ? 200 : 403, `report in ${org.alias}`);
    }
    // A subset of the scopes is fine; more is not.
    const narrow = await exchange(issuer, personalTokens.access_token, 'beta', { scope: 'openid' });
    assert.equal(narrow.status, 200);
    assert.equal(narrow.body.scope, 'openid');
    assert.equal((await exchange(issuer, personalTokens.access_token, 'beta', { scope: 'openid phone' })).body.error, 'invalid_scope');
  });

  it('refuses an exchange for a non-member organization, a bogus or revoked token, another client’s token and missing parameters', async () => {
    const tokens = await signIn(issuer);
    assert.equal((await exchange(issuer, tokens.access_token, gamma.id)).body.error, 'invalid_target');
    assert.equal((await exchange(issuer, tokens.access_token, 'no-such-org')).body.error, 'invalid_target');
    assert.equal((await exchange(issuer, 'not-a-token', 'acme')).body.error, 'invalid_grant');
    const missing = await exchange(issuer, tokens.access_token, '');
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'invalid_request');
    assert.equal(
      (await exchange(issuer, tokens.access_token, 'acme', { subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' })).body.error,
      'invalid_request',
    );

    // Another client's token (the BFF's, a confidential client): made in the store, as its own sign-in would.
    const foreign = bffAccessToken(tokens.access_token);
    assert.equal((await exchange(issuer, foreign, 'acme')).body.error, 'invalid_grant');

    const revoked = await signIn(issuer);
    await httpFetch(new URL('/token/revocation', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN },
      body: new URLSearchParams({ client_id: 'demo-app', token: revoked.refresh_token }).toString(),
    });
    assert.equal((await exchange(issuer, revoked.access_token, 'acme')).body.error, 'invalid_grant', 'revoking the refresh token ended the grant');
  });

  /** A copy of `accessToken` re-issued to demo-bff, straight in the OP's store. */
  function bffAccessToken(accessToken: string): string {
    const { sqlite } = server().op.db;
    const rows = sqlite.prepare("SELECT id, payload FROM oidc_payloads WHERE model = 'AccessToken'").all() as { id: string; payload: string }[];
    const row = rows.find((r) => accessToken.startsWith(r.id) || r.id === accessToken);
    assert.ok(row, 'the access token is stored by its id');
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const forged = `${'B'.repeat(43)}`;
    sqlite
      .prepare("INSERT INTO oidc_payloads (model, id, payload, grant_id, expires_at) VALUES ('AccessToken', ?, ?, ?, ?)")
      .run(forged, JSON.stringify({ ...payload, jti: forged, clientId: 'demo-bff' }), payload.grantId, Date.now() + 600_000);
    return forged;
  }

  it('a DPoP-bound subject token needs a proof of its key; the new token is bound to it too', async () => {
    // A sign-in whose code is redeemed with a proof: tokens bound to the key "org-dpop".
    const started = await start(issuer, { username: SEEDED_USER.email });
    const done = await next(issuer, started.authSession, { password: SEEDED_USER.password });
    const redeemed = await httpFetch(new URL('/token', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN, dpop: await tokenProof(issuer, 'org-dpop') },
      body: new URLSearchParams({
        client_id: 'demo-app',
        grant_type: 'authorization_code',
        code: String(done.body.authorization_code),
        code_verifier: started.verifier,
        redirect_uri: `${APP_ORIGIN}/`,
      }).toString(),
    });
    const bound = (await redeemed.json()) as Record<string, string>;
    assert.equal(bound.token_type, 'DPoP');

    assert.equal((await exchange(issuer, bound.access_token, 'acme')).body.error, 'invalid_grant', 'no proof');
    assert.equal(
      (await exchange(issuer, bound.access_token, 'acme', {}, { dpop: await tokenProof(issuer, 'org-other-key') })).body.error,
      'invalid_grant',
      'another key',
    );
    const switched = await exchange(issuer, bound.access_token, 'acme', {}, { dpop: await tokenProof(issuer, 'org-dpop') });
    assert.equal(switched.status, 200, JSON.stringify(switched.body));
    assert.equal(switched.body.token_type, 'DPoP');
    const token = String(switched.body.access_token);
    assert.equal((await orgApi(issuer, '/api/organizations/current', token)).status, 401, 'a bound token is no Bearer token');
    assert.equal((await orgApi(issuer, '/api/organizations/current', token, { dpopKey: 'org-dpop' })).status, 200);
  });

  it('the report: an admin of that organization with its token; a delegate is refused, and so is a token of another organization or none', async () => {
    const tokens = await signIn(issuer, { organization: 'acme' });
    const report = await orgApi(issuer, `/api/organizations/${acme.id}/report`, tokens.access_token);
    assert.equal(report.status, 200);
    assert.equal((report.body as { organization: { name: string } }).organization.name, 'Acme');
    assert.equal((await orgApi(issuer, '/api/organizations/acme/report', tokens.access_token)).status, 200, 'by alias too');

    const betaToken = String((await exchange(issuer, tokens.access_token, 'beta')).body.access_token);
    assert.deepEqual((await orgApi(issuer, `/api/organizations/${beta.id}/report`, betaToken)).body, {
      error: 'insufficient_role',
      error_description: 'Only an admin of this organization may do this.',
    });
    assert.equal(((await orgApi(issuer, `/api/organizations/${acme.id}/report`, betaToken)).body as { error: string }).error, 'wrong_organization');
    const personalToken = (await signIn(issuer)).access_token;
    assert.equal(((await orgApi(issuer, `/api/organizations/${acme.id}/report`, personalToken)).body as { error: string }).error, 'wrong_organization');
  });

  it('the members: an admin of that organization sees who is in it and as what; a delegate is refused', async () => {
    const tokens = await signIn(issuer, { organization: 'acme' });
    const members = await orgApi(issuer, `/api/organizations/${acme.id}/members`, tokens.access_token);
    assert.equal(members.status, 200);
    const ada = (members.body as { sub: string; email: string; roles: string[] }[]).find((m) => m.email === 'ada@example.com');
    assert.deepEqual(ada?.roles, ['admin']);
    assert.ok(ada?.sub);
    const betaToken = String((await exchange(issuer, tokens.access_token, 'beta')).body.access_token);
    assert.equal(((await orgApi(issuer, `/api/organizations/${beta.id}/members`, betaToken)).body as { error: string }).error, 'insufficient_role');
    assert.equal(((await orgApi(issuer, `/api/organizations/${acme.id}/members`, betaToken)).body as { error: string }).error, 'wrong_organization');
  });

  it('invitations: a new user signs up and accepts, an existing user accepts, and both can then switch to the organization', async () => {
    const admin = await signIn(issuer, { organization: 'acme' });
    const sent = await orgApi(issuer, `/api/organizations/${acme.id}/invitations`, admin.access_token, {
      body: { email: 'New.Person@Example.com', role: 'member' },
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const mail = (await mailbox(issuer, 'new.person@example.com'))[0];
    assert.match(mail.subject, /Acme/);
    assert.match(mail.text, /join Acme as member/);
    assert.match(mail.text, new RegExp(`${APP_ORIGIN}/embedded\\.html#ciam_invite=`));
    const invitation = await invitationToken(issuer, 'new.person@example.com');

    const newcomer = await signUp(issuer, 'new.person@example.com');
    // What the invitee is asked to join, before deciding: nothing is used up.
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(await orgApi(issuer, '/api/organizations/invitations/preview', newcomer.access_token, { body: { token: invitation } }), {
        status: 200,
        body: { organization: { id: acme.id, alias: 'acme', name: 'Acme' }, role: 'member', invited_by: 'Ada Lovelace' },
      });
    }
    const accepted = await orgApi(issuer, '/api/organizations/invitations/accept', newcomer.access_token, { body: { token: invitation } });
    assert.deepEqual(accepted, { status: 200, body: { id: acme.id, alias: 'acme', name: 'Acme', roles: ['member'] } });
    const switched = await exchange(issuer, newcomer.access_token, 'acme');
    assert.equal(switched.status, 200);
    assert.deepEqual(switched.body.roles, ['member']);
    assert.equal(
      (await orgApi(issuer, '/api/organizations/invitations/accept', newcomer.access_token, { body: { token: invitation } })).status,
      400,
      'used once',
    );

    // An existing user, invited into Beta by an admin of Beta (Ada is only a delegate there: she cannot).
    const asDelegate = String((await exchange(issuer, admin.access_token, 'beta')).body.access_token);
    const refused = await orgApi(issuer, `/api/organizations/${beta.id}/invitations`, asDelegate, { body: { email: 'x@example.com', role: 'member' } });
    assert.equal((refused.body as { error: string }).error, 'insufficient_role');
    const existing = await signUp(issuer, 'existing@example.com');
    await orgApi(issuer, `/api/organizations/${acme.id}/invitations`, admin.access_token, { body: { email: 'existing@example.com', role: 'delegate' } });
    const accepted2 = await orgApi(issuer, '/api/organizations/invitations/accept', existing.access_token, {
      body: { token: await invitationToken(issuer, 'existing@example.com') },
    });
    assert.equal(accepted2.status, 200);
    const again = await signIn(issuer, { organization: 'acme' }, { email: 'existing@example.com', password: 'tidal amber lantern orchard' });
    assert.deepEqual(jwtPayload(again.id_token).roles, ['delegate']);
  });

  it('refuses an invitation for another email, a used one and an expired one with the same invalid_invitation', async () => {
    const admin = await signIn(issuer, { organization: 'acme' });
    await orgApi(issuer, `/api/organizations/${acme.id}/invitations`, admin.access_token, { body: { email: 'someone@example.com', role: 'admin' } });
    const token = await invitationToken(issuer, 'someone@example.com');
    const wrongPerson = await signUp(issuer, 'wrong.person@example.com');
    const wrong = await orgApi(issuer, '/api/organizations/invitations/accept', wrongPerson.access_token, { body: { token } });
    assert.equal(wrong.status, 400);
    const peeked = await orgApi(issuer, '/api/organizations/invitations/preview', wrongPerson.access_token, { body: { token } });
    assert.deepEqual(peeked.body, wrong.body, 'the preview shows another address’s invitation no more than accept takes it');
    assert.equal((wrong.body as { error: string }).error, 'invalid_invitation');

    const expiring = server().op.db.organizations.invite(
      { orgId: acme.id, email: 'wrong.person@example.com', role: 'member', invitedBy: 'x' },
      Date.now() - 8 * 86_400_000,
    );
    const expired = await orgApi(issuer, '/api/organizations/invitations/accept', wrongPerson.access_token, { body: { token: expiring } });
    assert.deepEqual(expired.body, wrong.body);
    assert.deepEqual(
      (await orgApi(issuer, '/api/organizations/invitations/accept', wrongPerson.access_token, { body: { token: 'x'.repeat(43) } })).body,
      wrong.body,
    );
    assert.equal((await exchange(issuer, wrongPerson.access_token, 'acme')).body.error, 'invalid_target');

    const badRole = await orgApi(issuer, `/api/organizations/${acme.id}/invitations`, admin.access_token, { body: { email: 'a@example.com', role: 'owner' } });
    assert.equal(badRole.status, 400);
  });

  it('a removed member: the current organization API refuses their token, and their next exchange and refresh are refused', async () => {
    const admin = await signIn(issuer, { organization: 'acme' });
    await orgApi(issuer, `/api/organizations/${acme.id}/invitations`, admin.access_token, { body: { email: 'leaving@example.com', role: 'member' } });
    const leaving = await signUp(issuer, 'leaving@example.com');
    await orgApi(issuer, '/api/organizations/invitations/accept', leaving.access_token, {
      body: { token: await invitationToken(issuer, 'leaving@example.com') },
    });
    const inAcme = await signIn(issuer, { organization: 'acme' }, { email: 'leaving@example.com', password: 'tidal amber lantern orchard' });
    assert.equal((await orgApi(issuer, '/api/organizations/current', inAcme.access_token)).status, 200);
    const sub = String(jwtPayload(inAcme.id_token).sub);

    const removed = await orgApi(issuer, `/api/organizations/${acme.id}/members/${sub}`, admin.access_token, { method: 'DELETE' });
    assert.equal(removed.status, 204);
    const current = await orgApi(issuer, '/api/organizations/current', inAcme.access_token);
    assert.deepEqual([current.status, (current.body as { error: string }).error], [403, 'not_a_member']);
    assert.equal((await exchange(issuer, leaving.access_token, 'acme')).body.error, 'invalid_target');
    assert.equal((await refresh(issuer, inAcme.refresh_token)).body.error, 'invalid_grant');
    assert.equal((await userinfo(issuer, inAcme.access_token)).status, 401);
    // The personal sign-in is untouched.
    assert.equal((await refresh(issuer, leaving.refresh_token)).status, 200);

    const adaSub = String(jwtPayload(admin.id_token).sub);
    const last = await orgApi(issuer, `/api/organizations/${acme.id}/members/${adaSub}`, admin.access_token, { method: 'DELETE' });
    assert.deepEqual([last.status, (last.body as { error: string }).error], [409, 'last_admin']);
  });

  it('a refresh with organization moves the grant: its tokens (and later refreshes) are in the new organization', async () => {
    const tokens = await signIn(issuer);
    const moved = await refresh(issuer, tokens.refresh_token);
    assert.equal(jwtPayload(moved.body.id_token).org_id, undefined);
    const { status, body: inBeta } = await refresh(issuer, moved.body.refresh_token, { organization: 'beta' });
    assert.equal(status, 200, JSON.stringify(inBeta));
    assert.equal(jwtPayload(inBeta.id_token).org_id, beta.id);
    assert.equal((await orgApi(issuer, '/api/organizations/current', inBeta.access_token)).status, 200);
    const later = await refresh(issuer, inBeta.refresh_token);
    assert.equal(jwtPayload(later.body.id_token).org_name, 'Beta');
    const refused = await refresh(issuer, later.body.refresh_token, { organization: gamma.id });
    assert.equal(refused.body.error, 'invalid_target');
  });
});
