import { expect } from '@open-wc/testing';
import { config, discoveryDocument } from '../../test/fixtures/session.js';
import type { CiamError } from '../core/errors.js';
import { TOKEN_EXCHANGE } from '../core/organization.js';
import type { Discovery } from '../core/schemas/oidc.js';
import { createOidcConnector, type RawUser } from '../connectors/oidc.js';

/**
 * The connector keeps a tab in its organization (issue 19): the exchange it sends and what it keeps, a
 * renewal that refreshes and exchanges back, another tab's renewal and sign-in. The OP's token endpoint
 * is answered in place (no network).
 */
const issuer = 'https://id.example.com';
const discovery = discoveryDocument({ token_endpoint: `${issuer}/token`, grant_types_supported: ['refresh_token', TOKEN_EXCHANGE] }) as Discovery;
const settings = config({ redirectUri: `${location.origin}/callback` });
const nowSeconds = () => Math.floor(Date.now() / 1000);
const jwt = (claims: Record<string, unknown>) =>
  `eyJhbGciOiJFUzI1NiJ9.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;
const acme = { org_id: 'org_acme', org_name: 'Acme', roles: ['admin'] };
const beta = { org_id: 'org_beta', org_name: 'Beta', roles: ['delegate'] };
const idToken = (org: Record<string, unknown> = {}) => jwt({ iss: issuer, aud: 'web', sub: 'ada', iat: nowSeconds(), exp: nowSeconds() + 300, ...org });

/** Tokens of Ada, personal or in an organization. */
function tokens(org: { org_id?: string; org_name?: string; roles?: string[] } = {}, extra: Partial<RawUser> = {}): RawUser {
  return {
    access_token: `at-${org.org_name ?? 'personal'}`,
    token_type: 'Bearer',
    refresh_token: 'rt-1',
    id_token: idToken(org),
    expires_at: nowSeconds() + 600,
    profile: { sub: 'ada', name: 'Ada Lovelace', email: 'ada@example.com', ...org },
    ...extra,
  };
}

let posted: Record<string, string>[] = [];
/** What the token endpoint answers to each grant. */
let answers: Record<string, () => Response> = {};
// eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on window after the test, never called detached
const realFetch = window.fetch;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('organizations: the connector', () => {
  beforeEach(() => {
    posted = [];
    answers = {};
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.method === 'GET') return json({ sub: 'ada', name: 'Ada Lovelace', email: 'ada@example.com' }); // userinfo after a refresh
      const body = Object.fromEntries(new URLSearchParams(await request.text()));
      posted.push(body);
      return answers[body.grant_type]?.() ?? json({ error: 'unsupported_grant_type' }, 400);
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('switches by exchange: the access token as subject, the new token and claims kept with the same refresh token, the listeners told', async () => {
    const connector = createOidcConnector(settings, discovery);
    await connector.adopt(tokens());
    const heard: unknown[] = [];
    connector.onRenew((outcome) => heard.push('user' in outcome ? (outcome.user.profile as { org_name?: string }).org_name : outcome.error.code));
    answers[TOKEN_EXCHANGE] = () => json({ access_token: 'at-acme', token_type: 'Bearer', expires_in: 600, id_token: idToken(acme) });

    const user = await connector.switchOrganization({ id: 'org_acme', alias: 'acme' }, 'exchange');
    expect(posted).to.deep.equal([
      {
        grant_type: TOKEN_EXCHANGE,
        client_id: 'web',
        subject_token: 'at-personal',
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        org_id: 'org_acme',
      },
    ]);
    expect(user.access_token).to.equal('at-acme');
    expect(user.refresh_token).to.equal('rt-1');
    expect(user.profile).to.include({ name: 'Ada Lovelace', org_name: 'Acme' });
    expect(await connector.getAccessToken()).to.equal('at-acme');
    expect(heard).to.deep.equal(['Acme']);
  });

  it('a refused exchange (not a member) keeps the tokens it had and says not_a_member', async () => {
    const connector = createOidcConnector(settings, discovery);
    await connector.adopt(tokens(acme));
    answers[TOKEN_EXCHANGE] = () => json({ error: 'invalid_target', error_description: 'not a member' }, 400);
    const error = await connector.switchOrganization({ id: 'org_beta' }, 'exchange').catch((e: CiamError) => e);
    expect((error as CiamError).code).to.equal('not_a_member');
    expect(await connector.getAccessToken()).to.equal('at-Acme');
  });

  it('a renewal refreshes, then exchanges back into the tab’s organization; only the end is news', async () => {
    const connector = createOidcConnector(settings, discovery);
    await connector.adopt(tokens(acme, { expires_at: nowSeconds() - 10 }));
    const heard: unknown[] = [];
    connector.onRenew((outcome) =>
      heard.push('user' in outcome ? ((outcome.user.profile as { org_name?: string }).org_name ?? 'personal') : outcome.error.code),
    );
    answers.refresh_token = () => json({ access_token: 'at-personal-2', token_type: 'Bearer', expires_in: 600, refresh_token: 'rt-2', id_token: idToken() });
    answers[TOKEN_EXCHANGE] = () => json({ access_token: 'at-acme-2', token_type: 'Bearer', expires_in: 600, id_token: idToken(acme) });

    const user = await connector.restore();
    expect(posted.map((p) => p.grant_type)).to.deep.equal(['refresh_token', TOKEN_EXCHANGE]);
    expect(posted[1].subject_token).to.equal('at-personal-2');
    expect(user).to.include({ access_token: 'at-acme-2', refresh_token: 'rt-2' });
    expect(heard).to.deep.equal(['Acme']);
  });

  it('a renewal that cannot exchange back (removed since) keeps the refresh’s tokens: the tab is out of the organization', async () => {
    const connector = createOidcConnector(settings, discovery);
    await connector.adopt(tokens(acme, { expires_at: nowSeconds() - 10 }));
    answers.refresh_token = () => json({ access_token: 'at-personal-2', token_type: 'Bearer', expires_in: 600, refresh_token: 'rt-2', id_token: idToken() });
    answers[TOKEN_EXCHANGE] = () => json({ error: 'invalid_target' }, 400);
    const user = await connector.restore();
    expect(user?.access_token).to.equal('at-personal-2');
    expect(user?.profile).to.not.have.property('org_id');
  });

  it('another tab’s renewal in another organization: this tab takes only the rotated refresh token', async () => {
    const connector = createOidcConnector(settings, discovery);
    await connector.adopt(tokens(acme));
    const kept = await connector.takeRenewed(tokens(beta, { refresh_token: 'rt-2' }));
    expect(kept).to.include({ access_token: 'at-Acme', refresh_token: 'rt-2' });
    expect(kept?.profile).to.include({ org_name: 'Acme' });
    const same = await connector.takeRenewed(tokens(acme, { access_token: 'at-acme-3', refresh_token: 'rt-3' }));
    expect(same).to.include({ access_token: 'at-acme-3', refresh_token: 'rt-3' });
  });

  it('a sign-in of the same user in another tab leaves a tab in another organization where it is', async () => {
    const connector = createOidcConnector(settings, discovery);
    await connector.adopt(tokens(acme));
    const kept = await connector.adopt(tokens({}, { access_token: 'at-new', refresh_token: 'rt-new' }), true);
    expect(kept).to.include({ access_token: 'at-Acme', refresh_token: 'rt-1' });
    const taken = await connector.adopt(tokens(acme, { access_token: 'at-acme-new' }), true);
    expect(taken.access_token).to.equal('at-acme-new');
  });
});
