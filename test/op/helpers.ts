// Shared helpers for the demo OP tests: a temporary OP, a cookie-keeping
// "browser" that follows redirects only while they stay on the OP, and PKCE.
import { createHash, randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOp } from '../../demo/op/server.js';
import type { RunningOp, StartOpOptions } from '../../demo/op/server.js';

export const APP_ORIGIN = 'http://127.0.0.1:5173';
export const REDIRECT_URI = `${APP_ORIGIN}/`;
export const CLIENT_ID = 'demo-app';

/**
 * fetch, retried once when a pooled keep-alive socket turns out to be dead.
 * After an OP restart, undici may reuse a connection the old server closed
 * before the FIN is noticed ("other side closed"); browsers retry these too.
 */
export async function httpFetch(input: URL | string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw err;
    return fetch(input, init);
  }
}

export interface TestOp {
  op: RunningOp;
  dbPath: string;
  /** Stop and start again on the same port with the same database. */
  restart(): Promise<RunningOp>;
  stop(): Promise<void>;
}

/** `extra`: further startOp options (e.g. rateLimit), kept across restart(). */
export async function startTestOp(extra: Partial<Omit<StartOpOptions, 'port' | 'dbPath'>> = {}): Promise<TestOp> {
  const dir = mkdtempSync(join(tmpdir(), 'demo-op-test-'));
  const dbPath = join(dir, 'op.sqlite');
  // Port 0: the OS picks a free port and the issuer follows it.
  // No bot checks unless a test asks: suites send many emails from one address (bot-check.test.ts tests them).
  extra = { botCheck: { when: 'never' }, ...extra };
  const first = await startOp({ port: 0, appOrigins: [APP_ORIGIN], dbPath, ...extra });
  const handle: TestOp = {
    op: first,
    dbPath,
    async restart() {
      await handle.op.close();
      handle.op = await startOp({ port: handle.op.port, appOrigins: [APP_ORIGIN], dbPath, ...extra });
      return handle.op;
    },
    async stop() {
      await handle.op.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

/**
 * A suite's OP: `start` runs before the suite's tests and the OP stops after
 * them. The returned function gives the running handle inside tests and hooks.
 */
export function useTestOp(start: () => Promise<TestOp> = () => startTestOp()): () => TestOp {
  let t: TestOp | undefined;
  before(async () => {
    t = await start();
  });
  after(() => t?.stop());
  return () => {
    if (!t) throw new Error('the test OP is not started');
    return t;
  };
}

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

/** Just enough of a cookie jar for one host: honours Path, Max-Age=0 and deletion. */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = value === '';
      for (const attr of attrs) {
        const [k, v = ''] = attr.split('=');
        const key = k.toLowerCase();
        if (key === 'path') path = v;
        if (key === 'max-age' && Number(v) <= 0) expired = true;
        if (key === 'expires' && Date.parse(v) < Date.now()) expired = true;
      }
      const id = `${name};${path}`;
      if (expired) this.#cookies.delete(id);
      else this.#cookies.set(id, { name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.#cookies.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  has(name: string): boolean {
    return [...this.#cookies.values()].some((c) => c.name === name);
  }
}

export interface Page {
  url: URL;
  status: number;
  body: string;
  headers: Headers;
}

export class Browser {
  readonly jar = new CookieJar();
  constructor(readonly issuer: string) {}

  async request(url: string | URL, init: { method?: string; form?: Record<string, string> | URLSearchParams } = {}): Promise<Response> {
    const target = new URL(url, this.issuer);
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = this.jar.header(target);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await httpFetch(target, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.jar.store(res);
    return res;
  }

  /**
   * GET/POST and follow redirects while they stay on the OP. Returns the
   * final OP page, or `{ location }` when the OP sends the browser to the app.
   */
  async go(url: string | URL, form?: Record<string, string> | URLSearchParams): Promise<Page | { location: URL }> {
    let res = await this.request(url, form ? { form } : {});
    let current = new URL(url, this.issuer);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      const next = new URL(res.headers.get('location')!, current);
      await res.arrayBuffer();
      if (next.origin !== new URL(this.issuer).origin) return { location: next };
      current = next;
      res = await this.request(next);
    }
    return { url: current, status: res.status, body: await res.text(), headers: res.headers };
  }

  async page(url: string | URL, form?: Record<string, string> | URLSearchParams): Promise<Page> {
    const result = await this.go(url, form);
    if ('location' in result) throw new Error(`expected an OP page, got redirect to ${result.location.href}`);
    return result;
  }

  async leave(url: string | URL, form?: Record<string, string> | URLSearchParams): Promise<URL> {
    const result = await this.go(url, form);
    if (!('location' in result)) throw new Error(`expected a redirect to the app, got ${result.status} at ${result.url.href}:\n${result.body.slice(0, 500)}`);
    return result.location;
  }
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authUrl(issuer: string, challenge: string, extra: Record<string, string> = {}): URL {
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  return url;
}

/** The first form action on the page that ends with `suffix`. */
/**
 * What the consent page's "Allow" form submits as a browser would: its hidden (required) and ticked scopes,
 * less any in `untick`.
 */
export function consentForm(body: string, untick: readonly string[] = []): URLSearchParams {
  const form = /<form method="post" action="[^"]*\/confirm">([\s\S]*?)<\/form>/.exec(body)?.[1];
  if (form === undefined) throw new Error(`no consent form in:\n${body}`);
  const fields = new URLSearchParams();
  for (const [input] of form.matchAll(/<input [^>]*>/g)) {
    const scope = /name="scope" value="([^"]*)"/.exec(input)?.[1];
    const sent = /type="hidden"/.test(input) || (/type="checkbox"/.test(input) && / checked/.test(input));
    if (scope && sent && !untick.includes(scope)) fields.append('scope', scope);
  }
  return fields;
}

export function formAction(body: string, suffix: string): string {
  const match = new RegExp(`action="([^"]*${suffix})"`).exec(body);
  if (!match) throw new Error(`no form posting to *${suffix} in:\n${body}`);
  return match[1];
}

export async function tokenRequest(issuer: string, params: Record<string, string>, origin = APP_ORIGIN): Promise<Response> {
  return httpFetch(new URL('/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...params }).toString(),
  });
}

export async function exchangeCode(issuer: string, location: URL, verifier: string): Promise<Record<string, string>> {
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location.href}`);
  const res = await tokenRequest(issuer, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
  const body = (await res.json()) as Record<string, string>;
  if (res.status !== 200) throw new Error(`token endpoint said ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

export function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}
