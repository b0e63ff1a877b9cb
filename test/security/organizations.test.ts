// Attack battery, organizations (demo/op/organizations.ts, org-tokens.ts, org-exchange.ts, organizations-api.ts):
// a token of one organization used in another, role escalation through invitations, token exchange with
// forged, expired, revoked or other clients' subject tokens, guessing invitation tokens, and reaching
// /api/organizations/:id/* of organizations the user is not in.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BFF_CLIENT } from '../../demo/op/provider.js';
import { SEEDED_USER } from '../../demo/op/server.js';
import type { Organization } from '../../demo/op/organizations.js';
import { RELAXED_LIMITS, next, redeem, start } from '../op/challenge-helpers.js';
import { APP_ORIGIN, httpFetch, startTestOp } from '../op/helpers.js';
import { BFF_REDIRECT_URI, redeemAsBff } from './op-helpers.js';
import type { TestOp } from '../op/helpers.js';
import { exchange, invitationToken, orgApi, signIn, signUp } from '../op/organization-helpers.js';
import { categoryTallies } from './battery.js';

const PASSWORD = 'tidal amber lantern orchard';
const errorOf = (answer: { body: unknown }) => (answer.body as { error?: string } | undefined)?.error;

describe('security battery: organizations', () => {
  let t: TestOp;
  let issuer: string;
  let acme: Organization;
  let beta: Organization;
  let gamma: Organization;
  /** Ada's tokens: personal, and one per organization. */
  let ada: { personal: string; acme: string; beta: string };
  /** Mallory: a registered user, member of Gamma only (where she is admin). */
  let mallory: { personal: string; gamma: string };
  const { count, record } = categoryTallies();

  before(async () => {
    t = await startTestOp({ rateLimit: RELAXED_LIMITS });
    issuer = t.op.issuer;
    const orgs = t.op.db.organizations;
    [acme, beta] = [orgs.find('acme')!, orgs.find('beta')!];
    gamma = orgs.create('gamma', 'Gamma');
    const personal = (await signIn(issuer)).access_token;
    const switchTo = async (token: string, org: string) => String((await exchange(issuer, token, org)).body.access_token);
    ada = { personal, acme: await switchTo(personal, 'acme'), beta: await switchTo(personal, 'beta') };
    const malloryTokens = await signUp(issuer, 'mallory@example.com', PASSWORD);
    orgs.addMember(await userId(malloryTokens.access_token), gamma.id, ['admin']);
    mallory = { personal: malloryTokens.access_token, gamma: await switchTo(malloryTokens.access_token, 'gamma') };
  });
  after(async () => {
    await t.stop();
    record();
  });

  async function userId(accessToken: string): Promise<string> {
    const res = await httpFetch(new URL('/me', issuer), { headers: { authorization: `Bearer ${accessToken}` } });
    return String(((await res.json()) as { sub: string }).sub);
  }

  it('a token of one organization opens nothing of another (cross-organization reuse)', async () => {
    const vectors: [string, string][] = [
      [ada.beta, `/api/organizations/${acme.id}/report`],
      [ada.beta, `/api/organizations/acme/report`],
      [ada.personal, `/api/organizations/${acme.id}/report`],
      [mallory.gamma, `/api/organizations/${acme.id}/report`],
      [ada.acme, `/api/organizations/${gamma.id}/report`],
      [ada.beta, `/api/organizations/${acme.id}/members`],
      [mallory.gamma, `/api/organizations/acme/members`],
      [ada.acme, `/api/organizations/${gamma.id}/members`],
    ];
    for (const [token, path] of vectors) {
      const answer = await orgApi(issuer, path, token);
      const refused = answer.status === 403 && errorOf(answer) === 'wrong_organization';
      count('organizations: cross-organization token', refused);
      assert.ok(refused, `${path}: ${JSON.stringify(answer)}`);
    }
    for (const [token, body] of [
      [ada.beta, { email: 'x@example.com', role: 'admin' }],
      [mallory.gamma, { email: 'mallory@example.com', role: 'admin' }],
    ] as const) {
      const answer = await orgApi(issuer, `/api/organizations/${acme.id}/invitations`, token, { body });
      count('organizations: cross-organization token', answer.status === 403);
      assert.equal(answer.status, 403);
    }
  });

  it('no way to a higher role: a delegate cannot invite or remove, an invitation keeps its own role and email', async () => {
    const delegateInvites = await orgApi(issuer, `/api/organizations/${beta.id}/invitations`, ada.beta, {
      body: { email: 'mallory@example.com', role: 'admin' },
    });
    count('organizations: role escalation', errorOf(delegateInvites) === 'insufficient_role');
    assert.equal(errorOf(delegateInvites), 'insufficient_role');

    // An invitation as member, accepted with a tampered role (and other extra fields): the invitation's role wins.
    await orgApi(issuer, `/api/organizations/${acme.id}/invitations`, ada.acme, { body: { email: 'mallory@example.com', role: 'member' } });
    const token = await invitationToken(issuer, 'mallory@example.com');
    const tampered = await orgApi(issuer, '/api/organizations/invitations/accept', mallory.personal, {
      body: { token, role: 'admin', roles: ['admin'], org_id: beta.id },
    });
    assert.equal(tampered.status, 200);
    const roles = (tampered.body as { roles: string[] }).roles;
    count('organizations: role escalation', roles.length === 1 && roles[0] === 'member');
    assert.deepEqual(roles, ['member']);
    const inAcme = String((await exchange(issuer, mallory.personal, 'acme')).body.access_token);
    const report = await orgApi(issuer, `/api/organizations/${acme.id}/report`, inAcme);
    count('organizations: role escalation', errorOf(report) === 'insufficient_role');
    assert.equal(errorOf(report), 'insufficient_role');
    const removeAdmin = await orgApi(issuer, `/api/organizations/${acme.id}/members/${await userId(ada.personal)}`, inAcme, { method: 'DELETE' });
    count('organizations: role escalation', removeAdmin.status === 403);
    assert.equal(removeAdmin.status, 403);
    // An admin of Gamma cannot hand out a role outside the list.
    for (const role of ['owner', 'ADMIN', '', 'admin ']) {
      const answer = await orgApi(issuer, `/api/organizations/${gamma.id}/invitations`, mallory.gamma, { body: { email: 'z@example.com', role } });
      count('organizations: role escalation', answer.status === 400);
      assert.equal(answer.status, 400, role);
    }

    // An invitation for Ada's address, taken by Mallory: refused, and still good for Ada.
    await orgApi(issuer, `/api/organizations/${gamma.id}/invitations`, mallory.gamma, { body: { email: 'victim@example.com', role: 'admin' } });
    const forVictim = await invitationToken(issuer, 'victim@example.com');
    await orgApi(issuer, `/api/organizations/${acme.id}/invitations`, ada.acme, { body: { email: 'someone.else@example.com', role: 'admin' } });
    const forSomeoneElse = await invitationToken(issuer, 'someone.else@example.com');
    for (const invitation of [forSomeoneElse, forVictim]) {
      const answer = await orgApi(issuer, '/api/organizations/invitations/accept', mallory.personal, { body: { token: invitation } });
      count('organizations: role escalation', errorOf(answer) === 'invalid_invitation');
      assert.equal(errorOf(answer), 'invalid_invitation');
    }
  });

  it('exchanges nothing for a forged, expired, revoked or other client’s subject token', async () => {
    const bff = await bffAccessToken();
    const expired = (await signIn(issuer)).access_token;
    t.op.db.sqlite.prepare("UPDATE oidc_payloads SET expires_at = ? WHERE model = 'AccessToken' AND id = ?").run(Date.now() - 1000, expired);
    const revoked = await signIn(issuer);
    await httpFetch(new URL('/token/revocation', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN },
      body: new URLSearchParams({ client_id: 'demo-app', token: revoked.access_token }).toString(),
    });
    const idToken = (await signIn(issuer)).id_token;
    const subjects: [string, string][] = [
      ['forged', randomBytes(32).toString('base64url')],
      ['expired', expired],
      ['revoked', revoked.access_token],
      ['other client', bff],
      ['an ID token', idToken],
      ['a token with a changed character', `${ada.personal.slice(0, -1)}${ada.personal.endsWith('A') ? 'B' : 'A'}`],
    ];
    for (const [what, subject] of subjects) {
      const answer = await exchange(issuer, subject, 'acme');
      const refused = answer.status === 400 && answer.body.error === 'invalid_grant' && answer.body.access_token === undefined;
      count('organizations: token exchange', refused);
      assert.ok(refused, `${what}: ${JSON.stringify(answer.body)}`);
    }
    // The right token for an organization Ada is not in (even one that exists), and a guessable alias.
    for (const org of [gamma.id, 'gamma', 'org_0000000000000000', '../acme']) {
      const answer = await exchange(issuer, ada.personal, org);
      count('organizations: token exchange', answer.body.error === 'invalid_target');
      assert.equal(answer.body.error, 'invalid_target', org);
    }
    // The public client cannot pose as the BFF (confidential): no secret, no exchange.
    const res = await httpFetch(new URL('/token', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: BFF_CLIENT.id,
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: bff,
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        organization: 'acme',
      }).toString(),
    });
    count('organizations: token exchange', res.status === 401 || res.status === 400);
    assert.ok(res.status === 401 || res.status === 400);
  });

  it('invitation tokens cannot be guessed: random, truncated and tampered tokens all look the same', async () => {
    await orgApi(issuer, `/api/organizations/${acme.id}/invitations`, ada.acme, { body: { email: 'guess.target@example.com', role: 'member' } });
    const real = await invitationToken(issuer, 'guess.target@example.com');
    const guesser = await signUp(issuer, 'guess.target@example.com', PASSWORD);
    const guesses = [
      ...Array.from({ length: 20 }, () => randomBytes(32).toString('base64url')),
      real.slice(0, -1),
      `${real}A`,
      real.toUpperCase(),
      '',
      'x'.repeat(5000),
    ];
    let first: unknown;
    // At the preview too: it reads what accept would take, and answers a guess the same.
    for (const guess of guesses) {
      for (const path of ['/api/organizations/invitations/accept', '/api/organizations/invitations/preview']) {
        const answer = await orgApi(issuer, path, guesser.access_token, { body: { token: guess } });
        first ??= answer.body;
        const refused = answer.status === 400 && JSON.stringify(answer.body) === JSON.stringify(first);
        count('organizations: invitation guessing', refused);
        assert.ok(refused, `${path}: ${JSON.stringify(answer)}`);
      }
    }
    const stored = t.op.db.sqlite.prepare('SELECT id FROM organization_invitations').all() as { id: string }[];
    count('organizations: invitation guessing', !stored.some((row) => row.id === real));
    assert.ok(!stored.some((row) => row.id === real), 'only a hash of the token is stored');
  });

  it('IDOR: /api/organizations/:id/* of organizations the user is not in answers the same as for none', async () => {
    const paths: [string, string, unknown][] = [];
    for (const org of [acme.id, 'acme', beta.id, 'org_ffffffffffffffff', 'nope']) {
      paths.push(['GET', `/api/organizations/${org}/report`, undefined]);
      paths.push(['POST', `/api/organizations/${org}/invitations`, { email: 'mallory2@example.com', role: 'admin' }]);
      paths.push(['DELETE', `/api/organizations/${org}/members/${await userId(ada.personal)}`, undefined]);
    }
    for (const [method, path, body] of paths) {
      const answer = await orgApi(issuer, path, mallory.gamma, { method, ...(body ? { body } : {}) });
      const refused = answer.status === 403 && errorOf(answer) === 'wrong_organization';
      count('organizations: IDOR', refused);
      assert.ok(refused, `${method} ${path}: ${JSON.stringify(answer)}`);
    }
    // Her list shows only her own organizations: Gamma, and Acme where she accepted an invitation as member.
    const list = (await orgApi(issuer, '/api/organizations', mallory.gamma)).body as { id: string }[];
    const ids = list.map((org) => org.id);
    count('organizations: IDOR', ids.length === 2 && ids.includes(gamma.id) && ids.includes(acme.id));
    assert.deepEqual(ids, [gamma.id, acme.id]);
    // A guest gets nothing of the API, and cannot switch into an organization.
    const started = await start(issuer, { action: 'guest' });
    const guest = (await redeem(issuer, started.body.authorization_code, started.verifier)).access_token;
    for (const path of ['/api/organizations', '/api/organizations/current', `/api/organizations/${acme.id}/report`]) {
      const answer = await orgApi(issuer, path, guest);
      count('organizations: IDOR', errorOf(answer) === 'guest_not_allowed');
      assert.equal(errorOf(answer), 'guest_not_allowed', path);
    }
    const switched = await exchange(issuer, guest, 'acme');
    count('organizations: IDOR', switched.body.error === 'invalid_target');
    assert.equal(switched.body.error, 'invalid_target');
  });

  it('an admin cannot flood inboxes: at most 20 invitations an hour', async () => {
    const statuses: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 25; i++) {
      const answer = await orgApi(issuer, `/api/organizations/${gamma.id}/invitations`, mallory.gamma, {
        body: { email: `flood${i}@example.com`, role: 'member' },
      });
      statuses.push(answer.status);
      retryAfter ??= (answer.body as { retry_after?: number }).retry_after;
    }
    const sent = statuses.filter((status) => status === 201).length;
    const limited = statuses.filter((status) => status === 429).length;
    count('organizations: invitation flooding', sent <= 20 && limited >= 5);
    assert.ok(sent <= 20 && limited >= 5, JSON.stringify(statuses));
    assert.equal(typeof retryAfter, 'number');
  });

  /** A real access token of the BFF (a confidential client), from a sign-in at /challenge. */
  async function bffAccessToken(): Promise<string> {
    const started = await start(issuer, { username: SEEDED_USER.email, client_id: BFF_CLIENT.id, redirect_uri: BFF_REDIRECT_URI });
    const done = await next(issuer, started.authSession, { password: SEEDED_USER.password, client_id: BFF_CLIENT.id });
    return redeemAsBff(issuer, done.body.authorization_code, started.verifier);
  }
});
