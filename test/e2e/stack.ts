/**
 * Per-spec demo stack and the steps a person takes on the OP's pages.
 * Each spec file gets its own ports and database, started and stopped by the spec.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type Request } from '@playwright/test';
import { startStack, type Stack, type StackOptions } from '../../demo/stack.js';
import { UPSTREAM_PASSWORD } from '../../demo/upstream/server.js';

import { isResourceApi, SEEDED_USER } from '../../demo/op/server.js';

export { SEEDED_USER } from '../../demo/op/server.js';

/** Starts a stack for the spec file; `base` keeps ports of different files apart. */
export function useStack(base: number, op: StackOptions['op'] = {}): () => Stack {
  let stack: Stack | undefined;
  let dir = '';
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ciam-e2e-'));
    // No bot checks unless a spec asks (bot-check.spec.ts): a spec signs up and recovers many times from one address.
    stack = await startStack({ opPort: base, appPort: base + 1, dbPath: join(dir, 'op.sqlite'), op: { botCheck: { when: 'never' }, ...op } });
  });
  test.afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!stack) throw new Error('stack not started');
    return stack;
  };
}

/** Fails the test on any uncaught page error: a bad response must never crash the element. */
export function failOnPageErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return () => expect(errors, 'uncaught page errors').toEqual([]);
}

/**
 * On the OP's hosted sign-in page (built from <ciam-login mode="hosted">):
 * email, Enter, password, Enter; then Allow if the OP asks for consent.
 */
export async function signInOnOp(page: Page, email: string, password: string) {
  await expect(page.getByRole('heading', { name: 'Sign in to Demo ID' })).toBeVisible();
  await typeEmailAndPassword(page, email, password);
  await allowIfAsked(page);
}

/** The demo app's embedded card (embedded.html): email, Enter, password, Enter; the caller waits for what follows. */
export async function signInEmbedded(page: Page, appUrl: string, email: string = SEEDED_USER.email, password: string = SEEDED_USER.password) {
  await page.goto(`${appUrl}/embedded.html`);
  await typeEmailAndPassword(page, email, password);
}

/** In the page's <ciam-login> (the app's, or the OP's hosted one): email, Enter, password, Enter. */
async function typeEmailAndPassword(page: Page, email: string, password: string) {
  const card = page.locator('ciam-login');
  await card.getByLabel('Email').fill(email);
  await card.getByLabel('Email').press('Enter');
  await card.getByLabel('Password', { exact: true }).fill(password);
  await card.getByLabel('Password', { exact: true }).press('Enter');
}

/** On an upstream IdP's own sign-in page (demo/upstream): who (null: keep what the login hint filled in), password, Enter. */
export async function signInUpstream(page: Page, issuer: string, login: string | null) {
  await page.waitForURL(`${issuer}/**`);
  if (login !== null) await page.getByLabel('Email or username').fill(login);
  await page.getByLabel('Password').fill(UPSTREAM_PASSWORD);
  await page.getByLabel('Password').press('Enter');
}

/** Waits until the OP asks for consent (then allows) or the app shows the user; a popup may close instead. */
export async function allowIfAsked(page: Page) {
  const allow = page.getByRole('button', { name: 'Allow' });
  const done = page.locator('ciam-user').getByRole('button', { name: 'Sign out' });
  try {
    await expect(allow.or(done)).toBeVisible();
  } catch (error) {
    if (page.isClosed()) return;
    throw error;
  }
  if (!(await allow.isVisible())) return;
  await allow.click();
  // The OP's consent page (<ciam-consent mode="hosted">) answers with a fetch, then goes on: wait until it has left.
  await page.waitForURL((url) => !url.pathname.startsWith('/interaction/'));
}

/** Records the sign-in calls (fetch/XHR) the page's scripts send to the OP; navigations, assets, preflights and resource APIs excluded. */
export function recordOpRequests(page: Page, opUrl: string) {
  const requests: Request[] = [];
  page.on('request', (request) => {
    // The app's sign-in calls only: the OP's own hosted pages fetch from the OP too, and the
    // demo's resource APIs (isResourceApi: e.g. <ciam-passkey> listing passkeys once signed in) are not sign-in.
    const fromApp = !request.frame().url().startsWith(opUrl) && !isResourceApi(new URL(request.url()).pathname);
    const isApiCall = fromApp && (request.resourceType() === 'fetch' || request.resourceType() === 'xhr');
    if (isApiCall && request.url().startsWith(opUrl) && request.method() !== 'OPTIONS') requests.push(request);
  });
  return requests;
}

export function eventLog(page: Page) {
  return page.locator('#event-log');
}

/** The newest code mailed to `to`, read from the demo OP's dev mailbox over HTTP (waits for the mail). */
export async function mailedCode(opUrl: string, to: string, after?: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const mails = (await (await fetch(`${opUrl}/mailbox.json?to=${encodeURIComponent(to)}`)).json()) as { id: string; code?: string }[];
    const newest = mails.find((m) => m.code);
    if (newest?.code && newest.id !== after) return newest.code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code mailed to ${to}`);
}

export async function mailbox(opUrl: string, to: string): Promise<{ id: string; subject: string; text: string; code?: string }[]> {
  return (await (await fetch(`${opUrl}/mailbox.json?to=${encodeURIComponent(to)}`)).json()) as never;
}

/**
 * A browser without passkey autofill (conditional mediation), e.g. for the
 * passkey button: Chromium's virtual authenticator answers an autofill
 * request at once, which would sign in before the button is pressed.
 */
export async function withoutPasskeyAutofill(page: Page) {
  await page.addInitScript(() => {
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: () => Promise.resolve(false) });
  });
}

/** Resolves once the page has fetched WebAuthn options for passkey autofill. */
export function autofillRequested(page: Page, opUrl: string) {
  return page.waitForResponse(
    (r) => r.url().startsWith(`${opUrl}/`) && r.url().includes('challenge') && (r.request().postData() ?? '').includes('action=passkey'),
  );
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 A/AA violations on the page (the spec needs `test.use({ bypassCSP: true })`: axe arrives as an inline script). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  return result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
}
