import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { compactVerify, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { DEMO_CONSENT_PURPOSES } from '../../demo/op/server.js';
import { APP_ORIGIN, httpFetch, startTestOp, useTestOp } from './helpers.js';
import { call, newUser, preflight } from './profile-helpers.js';

const CONSENTS = '/api/consents';

interface Purpose {
  id: string;
  title: string;
  required: boolean;
  version?: string;
  url?: string;
  hash?: string;
  changes_url?: string | null;
}

interface ReceiptView {
  id: string;
  purpose: string;
  version?: string;
  hash?: string;
  action: 'grant' | 'withdraw';
  at: string;
}

interface Consents {
  purposes: Purpose[];
  state: Record<string, { granted: boolean; version?: string; at: string }>;
  outdated: string[];
  receipts: ReceiptView[];
}

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64url')}`;

describe('demo OP: consents API (/api/consents)', () => {
  const server = useTestOp();

  async function consents(token: string): Promise<Consents> {
    const res = await call(server().op.issuer, 'GET', CONSENTS, token);
    assert.equal(res.status, 200, res.text);
    return res.body as unknown as Consents;
  }

  async function decide(token: string, body: Record<string, unknown>) {
    return call(server().op.issuer, 'POST', CONSENTS, token, { body });
  }

  it('lists the purposes with their current documents; nothing decided, both documents outdated', async () => {
    const { issuer } = server().op;
    const { tokens } = await newUser(server().op);
    const res = await call(issuer, 'GET', CONSENTS, tokens.access_token);
    assert.equal(res.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const terms = DEMO_CONSENT_PURPOSES[0].document!.text;
    const privacy = DEMO_CONSENT_PURPOSES[1].document!.text;
    assert.deepEqual(res.body, {
      purposes: [
        {
          id: 'terms',
          title: 'Terms of service',
          required: true,
          version: '2026-11',
          url: `${issuer}/legal/terms/2026-11`,
          hash: sha256(terms),
          changes_url: null,
        },
        {
          id: 'privacy',
          title: 'Privacy policy',
          required: true,
          version: '2026-11',
          url: `${issuer}/legal/privacy/2026-11`,
          hash: sha256(privacy),
          changes_url: null,
        },
        { id: 'marketing', title: 'Product news by email', required: false },
        { id: 'analytics', title: 'Usage analytics', required: false },
      ],
      state: {},
      outdated: ['terms', 'privacy'],
      receipts: [],
    });
  });

  it('serves each document version as a page under the CSP, with the text that was hashed', async () => {
    const { issuer } = server().op;
    const res = await httpFetch(`${issuer}/legal/terms/2026-11`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('content-security-policy'), "default-src 'self'; base-uri 'none'; frame-ancestors 'none'");
    const page = await res.text();
    assert.match(page, /<h1>Terms of service<\/h1>/);
    assert.match(page, /There is no warranty of any kind/);
    assert.doesNotMatch(page, /<script|style=/);
    assert.equal((await httpFetch(`${issuer}/legal/terms/1999-01`)).status, 404);
    assert.equal((await httpFetch(`${issuer}/legal/marketing/2026-11`)).status, 404);
  });

  it('grant: 201 with a receipt; state and receipts follow; optional purposes take no version', async () => {
    const { tokens } = await newUser(server().op);
    const granted = await decide(tokens.access_token, { purpose: 'terms', action: 'grant', version: '2026-11' });
    assert.equal(granted.status, 201, granted.text);
    const receipt = granted.body.receipt as ReceiptView;
    assert.deepEqual(Object.keys(receipt).sort(), ['action', 'at', 'hash', 'id', 'purpose', 'version']);
    assert.equal(receipt.purpose, 'terms');
    assert.equal(receipt.version, '2026-11');
    assert.equal(receipt.hash, sha256(DEMO_CONSENT_PURPOSES[0].document!.text));
    assert.equal(receipt.action, 'grant');
    assert.ok(Date.now() - Date.parse(receipt.at) < 60_000);

    const marketing = await decide(tokens.access_token, { purpose: 'marketing', action: 'grant' });
    assert.equal(marketing.status, 201);
    assert.deepEqual(Object.keys(marketing.body.receipt as object).sort(), ['action', 'at', 'id', 'purpose']);

    const now = await consents(tokens.access_token);
    assert.deepEqual(now.state, {
      terms: { granted: true, version: '2026-11', at: receipt.at },
      marketing: { granted: true, at: (marketing.body.receipt as ReceiptView).at },
    });
    assert.deepEqual(now.outdated, ['privacy']);
    assert.deepEqual(
      now.receipts.map((r) => r.purpose),
      ['marketing', 'terms'],
      'newest first',
    );
    assert.deepEqual(now.receipts[1], receipt);
  });

  it('400 for an unknown purpose, a bad action, a missing document version, a version on a purpose without document', async () => {
    const { tokens } = await newUser(server().op);
    for (const body of [
      { purpose: 'cookies', action: 'grant' },
      { action: 'grant' },
      { purpose: 'marketing', action: 'accept' },
      { purpose: 'terms', action: 'grant' },
      { purpose: 'marketing', action: 'grant', version: '2026-11' },
      { purpose: 'terms', action: 'grant', version: 2026 },
    ]) {
      const res = await decide(tokens.access_token, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error, 'invalid_request');
    }
    assert.deepEqual((await consents(tokens.access_token)).receipts, []);
  });

  it('withdraw: recorded, for the version that was granted; a required document may be withdrawn too', async () => {
    const { tokens } = await newUser(server().op);
    await decide(tokens.access_token, { purpose: 'analytics', action: 'grant' });
    const analytics = await decide(tokens.access_token, { purpose: 'analytics', action: 'withdraw' });
    assert.equal(analytics.status, 201);
    assert.equal((analytics.body.receipt as ReceiptView).action, 'withdraw');
    await decide(tokens.access_token, { purpose: 'privacy', action: 'grant', version: '2026-11' });
    const privacy = await decide(tokens.access_token, { purpose: 'privacy', action: 'withdraw' });
    assert.equal(privacy.status, 201);
    assert.equal((privacy.body.receipt as ReceiptView).version, '2026-11');
    const now = await consents(tokens.access_token);
    assert.equal(now.state.analytics.granted, false);
    assert.deepEqual(now.state.privacy, { granted: false, version: '2026-11', at: (privacy.body.receipt as ReceiptView).at });
    assert.ok(now.outdated.includes('privacy'), 'withdrawn: no longer agreed to');
    assert.equal(now.receipts.length, 4);
  });

  it('the receipt as a compact JWS signed with the OP key (its /jwks), Kantara-style payload', async () => {
    const { issuer } = server().op;
    const { id: sub, tokens } = await newUser(server().op);
    const granted = (await decide(tokens.access_token, { purpose: 'terms', action: 'grant', version: '2026-11' })).body.receipt as ReceiptView;
    const res = await call(issuer, 'GET', `${CONSENTS}/receipts/${granted.id}`, tokens.access_token);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/jose');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="consent-receipt-${granted.id}.jws"`);
    assert.equal(res.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Content-Disposition/);
    const jws = res.text;
    assert.match(jws, /^[\w-]+\.[\w-]+\.[\w-]+$/);

    const jwks = (await (await httpFetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    const header = decodeProtectedHeader(jws);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.typ, 'consent-receipt+jwt');
    assert.ok(
      jwks.keys.some((k) => k.kid === header.kid),
      'kid of a key in /jwks',
    );
    const { payload } = await compactVerify(jws, createRemoteJWKSet(new URL('/jwks', issuer)));
    const receipt = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    // The same key signs ID tokens: the claims also verify as a JWT of this issuer.
    await jwtVerify(jws, createRemoteJWKSet(new URL('/jwks', issuer)), { issuer, typ: 'consent-receipt+jwt' });

    assert.ok(typeof receipt.iat === 'number' && Math.abs(receipt.iat - Date.now() / 1000) < 60);
    assert.deepEqual(receipt, {
      version: 'KI-CR-v1.1.0-ciam',
      jurisdiction: 'EU',
      consentTimestamp: Math.floor(Date.parse(granted.at) / 1000),
      collectionMethod: 'ciam-elements <ciam-consent>',
      consentReceiptID: granted.id,
      piiPrincipalId: sub,
      piiControllers: [{ piiController: 'Demo ID', contact: 'privacy@demo-id.example', url: issuer }],
      policyUrl: `${issuer}/legal/privacy/2026-11`,
      services: [
        {
          service: 'Demo App',
          purposes: [
            {
              purpose: 'Terms of service',
              purposeCategory: ['terms'],
              consentType: 'EXPLICIT',
              primaryPurpose: false,
              termination: 'withdrawal',
              thirdPartyDisclosure: false,
              purposeGranted: true,
              documentVersion: '2026-11',
              documentHash: granted.hash,
            },
          ],
        },
      ],
      sensitive: false,
      iss: issuer,
      iat: receipt.iat,
    });

    // A withdrawal of a purpose without document: purposeGranted false, no document fields.
    const withdrawn = (await decide(tokens.access_token, { purpose: 'marketing', action: 'withdraw' })).body.receipt as ReceiptView;
    const other = await call(issuer, 'GET', `${CONSENTS}/receipts/${withdrawn.id}`, tokens.access_token);
    const { payload: second } = await compactVerify(other.text, createRemoteJWKSet(new URL('/jwks', issuer)));
    const [purpose] = (JSON.parse(new TextDecoder().decode(second)) as { services: { purposes: Record<string, unknown>[] }[] }).services[0].purposes;
    assert.equal(purpose.purposeGranted, false);
    assert.equal(purpose.purpose, 'Product news by email');
    assert.equal('documentVersion' in purpose, false);
  });

  it("someone else's receipt is 404, like an unknown one; 401 without a token", async () => {
    const { issuer } = server().op;
    const owner = await newUser(server().op);
    const other = await newUser(server().op);
    const receipt = (await decide(owner.tokens.access_token, { purpose: 'marketing', action: 'grant' })).body.receipt as ReceiptView;
    const foreign = await call(issuer, 'GET', `${CONSENTS}/receipts/${receipt.id}`, other.tokens.access_token);
    const unknown = await call(issuer, 'GET', `${CONSENTS}/receipts/00000000-0000-0000-0000-000000000000`, other.tokens.access_token);
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign.body, unknown.body);
    assert.equal((await call(issuer, 'GET', CONSENTS, undefined)).status, 401);
    assert.equal((await call(issuer, 'GET', `${CONSENTS}/receipts/${receipt.id}`, 'made-up')).status, 401);
    assert.deepEqual((await consents(other.tokens.access_token)).receipts, []);
  });

  it('answers the CORS preflight for app origins only', async () => {
    const { issuer } = server().op;
    const ok = await preflight(issuer, CONSENTS, 'POST', 'authorization, content-type');
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(ok.headers.get('access-control-allow-methods'), 'GET, POST');
    assert.equal((await preflight(issuer, CONSENTS, 'POST', 'content-type', 'https://evil.example')).headers.get('access-control-allow-origin'), null);
  });
});

describe('demo OP: a new document version', () => {
  const server = useTestOp(() => startTestOp());

  it('publishing terms 2026-12: outdated for those who agreed to 2026-11 (kept in state), 409 for the old version, grant the new one', async () => {
    const { op } = server();
    const { tokens } = await newUser(op);
    await call(op.issuer, 'POST', CONSENTS, tokens.access_token, { body: { purpose: 'terms', action: 'grant', version: '2026-11' } });
    await call(op.issuer, 'POST', CONSENTS, tokens.access_token, { body: { purpose: 'privacy', action: 'grant', version: '2026-11' } });
    assert.deepEqual((await call(op.issuer, 'GET', CONSENTS, tokens.access_token)).body.outdated, []);

    const text = 'Demo ID Terms of Service, version 2026-12.\n\nNow with a second paragraph.';
    const published = op.publishDocument('terms', '2026-12', text, `${op.issuer}/legal/terms/2026-12`);
    assert.equal(published.hash, sha256(text));

    const after = (await call(op.issuer, 'GET', CONSENTS, tokens.access_token)).body as unknown as Consents;
    assert.deepEqual(after.outdated, ['terms']);
    assert.equal(after.state.terms.version, '2026-11', 'what they agreed to');
    assert.equal(after.state.terms.granted, true);
    assert.deepEqual(after.purposes[0], {
      id: 'terms',
      title: 'Terms of service',
      required: true,
      version: '2026-12',
      url: `${op.issuer}/legal/terms/2026-12`,
      hash: sha256(text),
      changes_url: `${op.issuer}/legal/terms/2026-12`,
    });
    // Both versions stay readable.
    assert.equal((await httpFetch(`${op.issuer}/legal/terms/2026-11`)).status, 200);
    assert.match(await (await httpFetch(`${op.issuer}/legal/terms/2026-12`)).text(), /Now with a second paragraph/);

    const old = await call(op.issuer, 'POST', CONSENTS, tokens.access_token, { body: { purpose: 'terms', action: 'grant', version: '2026-11' } });
    assert.equal(old.status, 409);
    assert.equal(old.body.error, 'version_changed');

    const fresh = await call(op.issuer, 'POST', CONSENTS, tokens.access_token, { body: { purpose: 'terms', action: 'grant', version: '2026-12' } });
    assert.equal(fresh.status, 201);
    assert.equal((fresh.body.receipt as ReceiptView).hash, sha256(text));
    const done = (await call(op.issuer, 'GET', CONSENTS, tokens.access_token)).body as unknown as Consents;
    assert.deepEqual(done.outdated, []);
    assert.equal(done.state.terms.version, '2026-12');

    assert.throws(() => op.publishDocument('terms', '2026-12', 'again'), /exists/);
    assert.throws(() => op.publishDocument('marketing', '1', 'no document'), /no document/);
    assert.throws(() => op.publishDocument('terms', '../x', 'bad version'), /version/);
  });

  it('startOp({ consentPurposes }) replaces the demo purposes', async () => {
    const t = await startTestOp({
      consentPurposes: [
        { id: 'tos', title: 'Terms', required: true, document: { version: 'v3', text: 'Three.', changesUrl: 'https://example.com/changes' } },
        { id: 'newsletter', title: 'Newsletter', required: false },
      ],
    });
    try {
      const { tokens } = await newUser(t.op);
      const body = (await call(t.op.issuer, 'GET', CONSENTS, tokens.access_token)).body as unknown as Consents;
      assert.deepEqual(
        body.purposes.map((p) => [p.id, p.version, p.changes_url]),
        [
          ['tos', 'v3', 'https://example.com/changes'],
          ['newsletter', undefined, undefined],
        ],
      );
      assert.deepEqual(body.outdated, ['tos']);
    } finally {
      await t.stop();
    }
  });
});
