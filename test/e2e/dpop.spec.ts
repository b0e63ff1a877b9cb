import { expect, test, type Page, type Request } from '@playwright/test';
import { dpopProof } from '../../src/connectors/dpop.js';
import { eventLog, SEEDED_USER, signInOnOp, useStack } from './stack.js';

// DPoP-bound tokens (RFC 9449) on session.html (`dpop`, store="session"): the demo OP binds the code, the tokens
// and every refresh to the browser's non-extractable key, and its APIs want a proof of that key with each token.
// Access tokens live 65 s, so renewal (60 s before expiry) runs about 5 s after sign-in.
const stack = useStack(4860, { accessTokenTtlSeconds: 65 });

interface StoredUser {
  access_token: string;
  refresh_token: string;
  token_type: string;
}

async function storedUser(page: Page): Promise<StoredUser> {
  const entries: [string, string][] = await page.evaluate(() => Object.entries(sessionStorage) as [string, string][]);
  const [, value] = entries.find(([key]) => key.startsWith('ciam.user:')) ?? ['', 'null'];
  return JSON.parse(value) as StoredUser;
}

/** The DPoP keys the page keeps (connectors/dpop.ts): how many. */
function keptKeys(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('ciam-dpop', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('keys');
        open.onsuccess = () => {
          const count = open.result.transaction('keys').objectStore('keys').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error ?? new Error('count failed'));
        };
      }),
  );
}

/** The public key a proof carries, by its coordinates (oidc-client-ts and our proofs order the JWK's members differently). */
function jwkOf(proof: string): string {
  const { jwk } = JSON.parse(Buffer.from(proof.split('.')[0], 'base64url').toString()) as { jwk: { x: string; y: string } };
  return `${jwk.x}.${jwk.y}`;
}

test('DPoP-bound tokens: the app’s API calls, renewal and a reload work; a copied token or refresh token is refused', async ({ page, request }) => {
  const { appUrl, opUrl } = stack();
  const toOp: Request[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(opUrl) && r.method() !== 'OPTIONS') toOp.push(r);
  });
  await page.goto(`${appUrl}/session.html`);
  const authorize = page.waitForRequest((r) => new URL(r.url()).searchParams.has('code_challenge'));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The authorization request names the key (dpop_jkt): the code it gives is bound to it too.
  expect(new URL((await authorize).url()).searchParams.get('dpop_jkt')).toMatch(/^[\w-]{43}$/);
  await signInOnOp(page, SEEDED_USER.email, SEEDED_USER.password);
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();
  await expect(eventLog(page)).toContainText('access token ready');

  const user = await storedUser(page);
  expect(user.token_type).toBe('DPoP');
  const exchange = toOp.find((r) => r.url() === `${opUrl}/token`)!;
  const proofKey = jwkOf((await exchange.headerValue('dpop')) ?? '');

  // The account panel's APIs take the token with a proof of the same key, and answer.
  const sessions = page.locator('ciam-sessions');
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  const apiCall = toOp.find((r) => r.url() === `${opUrl}/api/sessions`)!;
  expect(await apiCall.headerValue('authorization')).toBe(`DPoP ${user.access_token}`);
  const pageProof = (await apiCall.headerValue('dpop')) ?? '';
  expect(jwkOf(pageProof)).toBe(proofKey);

  // Someone who copied the tokens out of the page, without the key:
  const api = `${opUrl}/api/sessions`;
  const refusals = [
    await request.get(api, { headers: { authorization: `Bearer ${user.access_token}` } }),
    await request.get(api, { headers: { authorization: `DPoP ${user.access_token}` } }),
    await request.get(api, {
      headers: { authorization: `DPoP ${user.access_token}`, dpop: await dpopProof('thief|demo-app', 'GET', api, { accessToken: user.access_token }) },
    }),
    await request.get(api, { headers: { authorization: `DPoP ${user.access_token}`, dpop: pageProof } }), // replayed
    await request.get(`${opUrl}/me`, { headers: { authorization: `Bearer ${user.access_token}` } }), // the OP's userinfo
  ];
  expect(refusals.map((r) => r.status())).toEqual([401, 401, 401, 401, 401]);
  expect(refusals.slice(0, 4).map((r) => r.headers()['www-authenticate'])).toEqual([
    expect.stringMatching(/^Bearer error="invalid_token", error_description="This token is DPoP-bound/),
    expect.stringMatching(/^DPoP algs="ES256", error="invalid_dpop_proof", error_description="A DPoP proof is required"/),
    expect.stringMatching(/^DPoP algs="ES256", error="invalid_dpop_proof", error_description="The DPoP proof is signed by another key/),
    expect.stringMatching(/^DPoP algs="ES256", error="invalid_dpop_proof", error_description="This DPoP proof was used before/),
  ]);
  const refresh = (dpop?: string) =>
    request.post(`${opUrl}/token`, {
      form: { grant_type: 'refresh_token', refresh_token: user.refresh_token, client_id: 'demo-app' },
      headers: { origin: appUrl, ...(dpop ? { dpop } : {}) },
    });
  const stolenRefreshes = [await refresh(), await refresh(await dpopProof('thief|demo-app', 'POST', `${opUrl}/token`))];
  expect(stolenRefreshes.map((r) => r.status())).toEqual([400, 400]);
  expect(await stolenRefreshes[1].json()).toMatchObject({ error: 'invalid_grant' });

  // The page's own renewal proves the key and goes on with the session. (A bound refresh token is not rotated:
  // node-oidc-provider rotates only the public client's unbound ones. The access token is new.)
  await expect.poll(async () => (await storedUser(page)).access_token, { timeout: 15_000 }).not.toBe(user.access_token);
  const renewal = toOp.find((r) => r.url() === `${opUrl}/token` && new URLSearchParams(r.postData() ?? '').get('grant_type') === 'refresh_token')!;
  expect(jwkOf((await renewal.headerValue('dpop')) ?? '')).toBe(proofKey);

  // A reload keeps the tokens (sessionStorage) and the key (IndexedDB): the APIs still answer.
  await page.reload();
  await expect(eventLog(page)).toContainText('(restored)');
  await expect(page.locator('ciam-sessions').getByRole('listitem')).toHaveCount(1);
  expect(await keptKeys(page)).toBe(1);

  // Signing out deletes the key with the tokens.
  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click(); // the OP asks to end its session too
  await page.waitForURL(`${appUrl}/**`);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  expect(await keptKeys(page)).toBe(0);
});
