import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openDb } from '../../demo/op/db.js';
import { checkBirthdate, ifMatches, parsePatch } from '../../demo/op/scim.js';
import { formattedName } from '../../demo/op/users.js';
import { refresh } from './challenge-helpers.js';
import { APP_ORIGIN, httpFetch, jwtPayload, useTestOp } from './helpers.js';
import { call, newUser, preflight } from './profile-helpers.js';

const ME = '/scim/v2/Me';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const EXT = 'urn:ciam-elements:scim:schemas:extension:profile:1.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

type Op = { op: string; path?: string; value?: unknown };
const patchBody = (...operations: Op[]) => ({ schemas: [PATCH], Operations: operations });

describe('demo OP: SCIM /scim/v2/Me', () => {
  const server = useTestOp();

  async function patch(token: string, etag: string | undefined, ...operations: Op[]) {
    return call(server().op.issuer, 'PATCH', ME, token, { body: patchBody(...operations), headers: etag === undefined ? {} : { 'if-match': etag } });
  }

  it('GET: the user as SCIM, with its version as a weak ETag; empty attributes left out', async () => {
    const { issuer } = server().op;
    const { id, email, tokens } = await newUser(server().op);
    const res = await call(issuer, 'GET', ME, tokens.access_token);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/scim+json');
    assert.equal(res.headers.get('etag'), 'W/"1"');
    assert.equal(res.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const user = server().op.db.users.findById(id)!;
    assert.deepEqual(res.body, {
      schemas: [USER, EXT],
      id,
      userName: email,
      name: { givenName: 'Grace', familyName: 'Hopper', formatted: 'Grace Hopper' },
      emails: [{ value: email, primary: true }],
      meta: { resourceType: 'User', version: 'W/"1"', lastModified: user.createdAt, location: `${issuer}/scim/v2/Me` },
    });
  });

  it('PATCH: every path; the full resource and a new ETag; the values in userinfo and in the next ID token', async () => {
    const { issuer } = server().op;
    const { tokens } = await newUser(server().op);
    const res = await patch(
      tokens.access_token,
      'W/"1"',
      { op: 'replace', path: 'name.givenName', value: 'Amazing' },
      { op: 'replace', path: 'name.familyName', value: 'Grace' },
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+4930123456' },
      { op: 'add', path: 'addresses[type eq "home"].country', value: 'DE' },
      { op: 'add', path: 'addresses[type eq "home"].postalCode', value: '10115' },
      { op: 'add', path: `${EXT}:birthdate`, value: '1990-04-01' },
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('content-type'), 'application/scim+json');
    assert.equal(res.headers.get('etag'), 'W/"2"');
    assert.deepEqual(res.body.name, { givenName: 'Amazing', familyName: 'Grace', formatted: 'Amazing Grace' });
    assert.deepEqual(res.body.phoneNumbers, [{ value: '+4930123456', type: 'mobile' }]);
    assert.deepEqual(res.body.addresses, [{ type: 'home', country: 'DE', postalCode: '10115' }]);
    assert.deepEqual(res.body[EXT], { birthdate: '1990-04-01' });
    const meta = res.body.meta as Record<string, string>;
    assert.equal(meta.version, 'W/"2"');
    assert.ok(Date.now() - Date.parse(meta.lastModified) < 60_000);

    const expected = {
      given_name: 'Amazing',
      family_name: 'Grace',
      name: 'Amazing Grace',
      phone_number: '+4930123456',
      phone_number_verified: false,
      address: { country: 'DE', postal_code: '10115' },
      birthdate: '1990-04-01',
    };
    const userinfo = await call(issuer, 'GET', '/me', tokens.access_token);
    assert.equal(userinfo.status, 200);
    for (const [claim, value] of Object.entries(expected)) assert.deepEqual(userinfo.body[claim], value, `userinfo ${claim}`);

    const before = jwtPayload(tokens.id_token);
    assert.equal(before.phone_number, undefined, 'the first ID token predates the change');
    const renewed = await refresh(issuer, tokens.refresh_token);
    assert.equal(renewed.status, 200);
    const idToken = jwtPayload(renewed.body.id_token);
    for (const [claim, value] of Object.entries(expected)) assert.deepEqual(idToken[claim], value, `ID token ${claim}`);

    // Each successful PATCH bumps the version, even to the same values.
    const again = await patch(tokens.access_token, 'W/"2"', { op: 'replace', path: 'name.givenName', value: 'Amazing' });
    assert.equal(again.headers.get('etag'), 'W/"3"');
  });

  it('PATCH remove: the attribute goes, and its claim with it', async () => {
    const { issuer } = server().op;
    const { tokens } = await newUser(server().op);
    await patch(
      tokens.access_token,
      'W/"1"',
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+4930123456' },
      { op: 'add', path: 'addresses[type eq "home"].country', value: 'DE' },
    );
    const res = await patch(
      tokens.access_token,
      'W/"2"',
      { op: 'remove', path: 'phoneNumbers[type eq "mobile"].value' },
      { op: 'remove', path: 'addresses[type eq "home"].country' },
      { op: 'remove', path: 'name.familyName' },
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.phoneNumbers, undefined);
    assert.equal(res.body.addresses, undefined);
    assert.deepEqual(res.body.name, { givenName: 'Grace', formatted: 'Grace' });
    const userinfo = await call(issuer, 'GET', '/me', tokens.access_token);
    assert.equal(userinfo.body.phone_number, undefined);
    assert.equal(userinfo.body.phone_number_verified, undefined);
    assert.equal(userinfo.body.address, undefined);
    assert.equal(userinfo.body.family_name, undefined);
  });

  it('PATCH with a stale ETag: 412, nothing changes', async () => {
    const { issuer } = server().op;
    const { tokens } = await newUser(server().op);
    assert.equal((await patch(tokens.access_token, 'W/"1"', { op: 'add', path: 'addresses[type eq "home"].country', value: 'DE' })).status, 200);
    const stale = await patch(tokens.access_token, 'W/"1"', { op: 'replace', path: 'addresses[type eq "home"].country', value: 'FR' });
    assert.equal(stale.status, 412);
    assert.equal(stale.headers.get('content-type'), 'application/scim+json');
    assert.deepEqual(stale.body.schemas, [ERROR]);
    assert.equal(stale.body.status, '412');
    assert.equal(stale.body.scimType, undefined);
    assert.match(String(stale.body.detail), /changed/);
    const now = await call(issuer, 'GET', ME, tokens.access_token);
    assert.equal(now.headers.get('etag'), 'W/"2"');
    assert.deepEqual(now.body.addresses, [{ type: 'home', country: 'DE' }]);
  });

  it('PATCH without If-Match (or with *): 428', async () => {
    const { tokens } = await newUser(server().op);
    for (const etag of [undefined, '*']) {
      const res = await patch(tokens.access_token, etag, { op: 'add', path: 'name.givenName', value: 'G' });
      assert.equal(res.status, 428);
      assert.deepEqual(res.body.schemas, [ERROR]);
      assert.equal(res.body.status, '428');
      assert.equal(typeof res.body.detail, 'string');
    }
    assert.equal((await call(server().op.issuer, 'GET', ME, tokens.access_token)).headers.get('etag'), 'W/"1"');
  });

  it('PATCH: 400 invalidPath for any other path, 400 invalidValue for bad values; all or nothing', async () => {
    const { issuer } = server().op;
    const { tokens } = await newUser(server().op);
    for (const path of [
      'userName',
      'emails[type eq "work"].value',
      'name',
      'phoneNumbers[type eq "work"].value',
      'addresses[type eq "home"].locality',
      'id',
      undefined,
    ]) {
      const res = await patch(tokens.access_token, 'W/"1"', { op: 'replace', path, value: 'x' });
      assert.equal(res.status, 400, String(path));
      assert.equal(res.body.scimType, 'invalidPath', String(path));
      assert.equal(res.body.status, '400');
    }
    const bad: [string, unknown][] = [
      ['name.givenName', ''],
      ['name.givenName', 'x'.repeat(101)],
      ['name.familyName', 42],
      ['phoneNumbers[type eq "mobile"].value', '030 123456'],
      ['phoneNumbers[type eq "mobile"].value', '+49301'],
      ['phoneNumbers[type eq "mobile"].value', '+1234567890123456'],
      ['addresses[type eq "home"].country', 'de'],
      ['addresses[type eq "home"].country', 'DEU'],
      ['addresses[type eq "home"].postalCode', ''],
      ['addresses[type eq "home"].postalCode', '10115/7'],
      ['addresses[type eq "home"].postalCode', '1'.repeat(17)],
      [`${EXT}:birthdate`, '01.04.1990'],
      [`${EXT}:birthdate`, '1990-02-30'],
      [`${EXT}:birthdate`, '2999-01-01'],
      [`${EXT}:birthdate`, `${new Date().getUTCFullYear() - 5}-01-01`],
      [`${EXT}:birthdate`, '1850-01-01'],
    ];
    for (const [path, value] of bad) {
      const res = await patch(tokens.access_token, 'W/"1"', { op: 'add', path: 'name.givenName', value: 'Valid' }, { op: 'replace', path, value });
      assert.equal(res.status, 400, `${path} = ${JSON.stringify(value)}`);
      assert.deepEqual(res.body.schemas, [ERROR]);
      assert.equal(res.body.scimType, 'invalidValue', `${path} = ${JSON.stringify(value)}`);
      assert.equal(typeof res.body.detail, 'string');
    }
    const now = await call(issuer, 'GET', ME, tokens.access_token);
    assert.equal(now.headers.get('etag'), 'W/"1"', 'nothing applied');
    assert.equal((now.body.name as Record<string, string>).givenName, 'Grace');
    const notPatchOp = await call(issuer, 'PATCH', ME, tokens.access_token, { body: { Operations: [] }, headers: { 'if-match': 'W/"1"' } });
    assert.equal(notPatchOp.status, 400);
    assert.equal(notPatchOp.body.scimType, 'invalidSyntax');
  });

  it('takes application/scim+json and case-insensitive ops and paths (as SCIM clients send them)', async () => {
    const { tokens } = await newUser(server().op);
    const res = await call(server().op.issuer, 'PATCH', ME, tokens.access_token, {
      body: patchBody({ op: 'Replace', path: 'PhoneNumbers[Type EQ "mobile"].value', value: '+4930123456' }),
      headers: { 'if-match': '"1"', 'content-type': 'application/scim+json' },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.phoneNumbers, [{ value: '+4930123456', type: 'mobile' }]);
  });

  it('discovery lists the phone and address scopes and their claims', async () => {
    const res = await httpFetch(new URL('/.well-known/openid-configuration', server().op.issuer));
    const config = (await res.json()) as { scopes_supported: string[]; claims_supported: string[] };
    for (const scope of ['openid', 'profile', 'email', 'phone', 'address', 'offline_access']) assert.ok(config.scopes_supported.includes(scope), scope);
    for (const claim of ['phone_number', 'phone_number_verified', 'address', 'birthdate', 'given_name'])
      assert.ok(config.claims_supported.includes(claim), claim);
  });

  it('401 without a token or with an unknown one', async () => {
    for (const token of [undefined, 'made-up']) {
      const res = await call(server().op.issuer, 'GET', ME, token);
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      assert.deepEqual(res.body.schemas, [ERROR]);
      assert.equal(res.body.status, '401');
    }
  });

  it('CORS preflight: app origins only, If-Match allowed, ETag exposed', async () => {
    const { issuer } = server().op;
    const ok = await preflight(issuer, ME, 'PATCH', 'authorization, content-type, if-match');
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(ok.headers.get('access-control-allow-methods'), 'GET, PATCH');
    const allowed = (ok.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    for (const header of ['if-match', 'content-type', 'authorization']) assert.ok(allowed.includes(header), header);
    const { tokens } = await newUser(server().op);
    const res = await call(issuer, 'GET', ME, tokens.access_token);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /\bETag\b/);
    assert.equal((await preflight(issuer, ME, 'PATCH', 'if-match', 'https://evil.example')).headers.get('access-control-allow-origin'), null);
  });
});

describe('demo OP: profile storage', () => {
  it('adds the profile columns to an existing database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-op-migrate-'));
    try {
      const path = join(dir, 'op.sqlite');
      const old = new Database(path);
      old.exec(`CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, email_verified INTEGER NOT NULL DEFAULT 0,
        password_hash TEXT NOT NULL, name TEXT NOT NULL, given_name TEXT, family_name TEXT, created_at TEXT NOT NULL)`);
      old.prepare('INSERT INTO users VALUES (?, ?, 1, ?, ?, NULL, NULL, ?)').run('old-1', 'old@example.com', '', 'Old Timer', '2020-01-01T00:00:00.000Z');
      old.close();
      const db = await openDb(path);
      try {
        const user = db.users.findById('old-1')!;
        assert.equal(user.profileVersion, 1);
        assert.equal(user.phoneNumber, null);
        assert.equal(user.birthdate, null);
        const updated = db.users.updateProfile(user, 1, { country: 'DE' })!;
        assert.equal(updated.country, 'DE');
        assert.equal(updated.profileVersion, 2);
        assert.equal(updated.name, 'Old Timer', 'a typed name stays');
        assert.equal(db.users.updateProfile(user, 1, { country: 'FR' }), undefined, 'stale version');
      } finally {
        db.close();
      }
      // Opening it again changes nothing.
      const again = await openDb(path);
      assert.equal(again.users.findById('old-1')!.country, 'DE');
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the display name follows the name parts only when it was made of them', () => {
    assert.equal(
      formattedName({ name: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' }, { givenName: 'Augusta', familyName: 'Lovelace' }),
      'Augusta Lovelace',
    );
    assert.equal(formattedName({ name: '', givenName: null, familyName: null }, { givenName: 'Kim', familyName: null }), 'Kim');
    assert.equal(formattedName({ name: 'The Countess', givenName: null, familyName: null }, { givenName: 'Ada', familyName: null }), 'The Countess');
  });

  it('birthdate: a real date, age 13 to 130 on the day', () => {
    const today = new Date('2026-06-15T12:00:00Z');
    assert.ok('value' in checkBirthdate('2013-06-15', today), 'turns 13 today');
    assert.ok('detail' in checkBirthdate('2013-06-16', today), '12 until tomorrow');
    assert.ok('value' in checkBirthdate('1896-06-15', today), '130');
    assert.ok('value' in checkBirthdate('1895-06-16', today), 'still 130');
    assert.ok('detail' in checkBirthdate('1895-06-15', today), '131 today');
    assert.ok('value' in checkBirthdate('2000-02-29', today));
    assert.ok('detail' in checkBirthdate('2001-02-29', today));
  });

  it('If-Match: weak comparison, lists, never a bare value', () => {
    assert.ok(ifMatches('W/"3"', 3));
    assert.ok(ifMatches('"3"', 3));
    assert.ok(ifMatches('W/"2", W/"3"', 3));
    assert.ok(!ifMatches('W/"2"', 3));
    assert.ok(!ifMatches('3', 3));
  });

  it('parsePatch: later operations on a path win; remove needs no value', () => {
    const parsed = parsePatch(
      patchBody(
        { op: 'add', path: 'name.givenName', value: 'A' },
        { op: 'replace', path: 'name.givenName', value: ' B ' },
        { op: 'remove', path: 'name.familyName' },
      ),
    );
    assert.deepEqual(parsed, { changes: { givenName: 'B', familyName: null } });
  });
});
