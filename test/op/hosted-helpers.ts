// Helpers for the hosted-mode tests: a stand-in for the built elements (we
// test the OP, not the element), requests made the way <ciam-login
// mode="hosted"> makes them on the OP's own page, and raw requests for paths
// fetch() would normalize.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { StartOpOptions } from '../../demo/op/server.js';
import type { Answer } from './challenge-helpers.js';
import { RELAXED_LIMITS } from './challenge-helpers.js';
import { consentForm, formAction, httpFetch, startTestOp, useTestOp } from './helpers.js';
import type { Browser, Page, TestOp } from './helpers.js';

export const FAKE_ELEMENT = '// stand-in for the built <ciam-login>\nexport const fake = true;\n';
export const FAKE_CHUNK = 'export const chunk = 1;\n';

export interface FakeElements {
  /** The elementsDir to give startOp. */
  dir: string;
  cleanup(): void;
}

/**
 * A temp "dist": ciam-login.js and chunks/login-test.js, plus things that must
 * not be served: a file next to it (secret.js), a dotfile, a symlink out, a .ts.
 */
export function fakeElements(): FakeElements {
  const parent = mkdtempSync(join(tmpdir(), 'demo-op-elements-'));
  const dir = join(parent, 'dist');
  mkdirSync(join(dir, 'chunks'), { recursive: true });
  writeFileSync(join(dir, 'ciam-login.js'), FAKE_ELEMENT);
  writeFileSync(join(dir, 'chunks', 'login-test.js'), FAKE_CHUNK);
  writeFileSync(join(dir, '.hidden.js'), 'hidden');
  writeFileSync(join(dir, 'source.ts'), 'export {};');
  writeFileSync(join(parent, 'secret.js'), 'secret');
  symlinkSync(join(parent, 'secret.js'), join(dir, 'link.js'));
  return { dir, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/**
 * The OP of a hosted-mode suite, serving the stand-in elements: started
 * before the suite's tests, stopped (and the files removed) after them.
 */
export function useHostedOp(rateLimit: StartOpOptions['rateLimit'] = RELAXED_LIMITS): () => TestOp {
  let elements: FakeElements | undefined;
  const server = useTestOp(() => {
    elements = fakeElements();
    return startTestOp({ elementsDir: elements.dir, rateLimit });
  });
  after(() => elements?.cleanup());
  return server;
}

/** The uid of the interaction a sign-in page belongs to. */
export function interactionUid(page: Page): string {
  const match = /^\/interaction\/([\w-]+)$/.exec(page.url.pathname);
  assert.ok(match, `not an interaction page: ${page.url.href}`);
  return match[1];
}

/**
 * POST /interaction/<uid>/challenge like the element on the OP's page: same
 * origin (Origin = issuer), with the browser's cookies (the interaction cookie).
 * `origin: null` sends no Origin header (not a browser).
 */
export async function hosted(
  browser: Browser,
  uid: string,
  params: Record<string, string>,
  origin: string | null = new URL(browser.issuer).origin,
): Promise<Answer> {
  const url = new URL(`/interaction/${uid}/challenge`, browser.issuer);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (origin) headers.origin = origin;
  const cookie = browser.jar.header(url);
  if (cookie) headers.cookie = cookie;
  const res = await httpFetch(url, { method: 'POST', headers, body: new URLSearchParams(params).toString(), redirect: 'manual' });
  browser.jar.store(res);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/**
 * What the element does with 200 {redirect_to}: navigate there. Follows the
 * provider to the app, allowing consent on the way if it is asked.
 */
export async function continueToApp(browser: Browser, redirectTo: unknown): Promise<URL> {
  assert.equal(typeof redirectTo, 'string');
  const result = await browser.go(String(redirectTo));
  if ('location' in result) return result.location;
  assert.match(result.body, /<h1>Allow access<\/h1>/, `expected consent or the app, got ${result.url.href}`);
  return browser.leave(formAction(result.body, '/confirm'), consentForm(result.body));
}

/** GET with the request target sent byte for byte ("..", "%2e" and all), as fetch() would not. */
export function rawGet(issuer: string, target: string): Promise<{ status: number; type: string | undefined; body: string }> {
  const { hostname, port } = new URL(issuer);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: target, method: 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
