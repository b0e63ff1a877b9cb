// Helpers for the federation tests: a demo OP with both stand-in upstream
// IdPs (each on its own port, started once the OP knows its callback URL),
// and a browser that follows redirects between them like a real one (one
// cookie jar for the host 127.0.0.1, whatever the port).
import assert from 'node:assert/strict';
import { startUpstream } from '../../demo/upstream/server.js';
import type { RunningUpstream } from '../../demo/upstream/server.js';
import type { StartOpOptions, UpstreamConfig } from '../../demo/op/server.js';
import { RELAXED_LIMITS } from './challenge-helpers.js';
import { Browser, authUrl, consentForm, formAction, pkce, startTestOp } from './helpers.js';
import type { Page, TestOp } from './helpers.js';

export { UPSTREAM_PASSWORD } from '../../demo/upstream/server.js';

export const UPSTREAM_CLIENT_ID = 'demo-id';
export const UPSTREAM_SECRET = 'test-secret-of-demo-id-at-the-upstreams';

export interface FederationOp extends TestOp {
  social: RunningUpstream;
  acme: RunningUpstream;
}

/** Both upstreams for a demo OP at `issuer`, as startOp() takes them. */
export async function startUpstreams(issuer: string, started: RunningUpstream[]): Promise<UpstreamConfig[]> {
  const clients = [{ client_id: UPSTREAM_CLIENT_ID, client_secret: UPSTREAM_SECRET, client_name: 'Demo ID', redirect_uris: [`${issuer}/federation/callback`] }];
  const social = await startUpstream({ port: 0, kind: 'social', clients });
  const acme = await startUpstream({ port: 0, kind: 'enterprise', clients });
  started.push(social, acme);
  const config = (u: RunningUpstream): UpstreamConfig => ({
    id: u.id,
    name: u.name,
    issuer: u.issuer,
    clientId: UPSTREAM_CLIENT_ID,
    clientSecret: UPSTREAM_SECRET,
    kind: u.kind,
  });
  return [config(social), config(acme)];
}

export async function startFederationOp(extra: Partial<Omit<StartOpOptions, 'port' | 'dbPath'>> = {}): Promise<FederationOp> {
  const started: RunningUpstream[] = [];
  const t = await startTestOp({
    rateLimit: RELAXED_LIMITS,
    upstreams: (issuer) => startUpstreams(issuer, started),
    domainRoutes: { 'acme.test': 'acme' },
    ...extra,
  });
  const stop = t.stop.bind(t);
  return Object.assign(t, {
    social: started[0],
    acme: started[1],
    async stop() {
      await stop();
      await Promise.all(started.map((u) => u.close()));
    },
  });
}

/** A browser that follows redirects across the OP and the upstreams, and stops at anything else (the app). */
export class FederationBrowser extends Browser {
  constructor(
    issuer: string,
    readonly origins: string[],
  ) {
    super(issuer);
  }

  static for(t: FederationOp): FederationBrowser {
    return new FederationBrowser(
      t.op.issuer,
      [t.op.issuer, t.social.issuer, t.acme.issuer].map((u) => new URL(u).origin),
    );
  }

  override async go(url: string | URL, form?: Record<string, string>): Promise<Page | { location: URL }> {
    let res = await this.request(url, form ? { form } : {});
    let current = new URL(url, this.issuer);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 15) throw new Error('too many redirects');
      const next = new URL(res.headers.get('location')!, current);
      await res.arrayBuffer();
      if (!this.origins.includes(next.origin)) return { location: next };
      current = next;
      res = await this.request(next);
    }
    return { url: current, status: res.status, body: await res.text(), headers: res.headers };
  }

  /** One request, no redirects followed: the Location it answers with. */
  async step(url: string | URL, form?: Record<string, string>): Promise<{ status: number; location: URL | null; body: string }> {
    const res = await this.request(url, form ? { form } : {});
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, new URL(url, this.issuer)) : null, body: await res.text() };
  }
}

/** Signs in on an upstream's page (the one `page` shows). */
export function upstreamSignIn(browser: FederationBrowser, page: Page, login: string, password: string): Promise<Page | { location: URL }> {
  assert.match(page.body, /Accounts you can use here/, `expected an upstream sign-in page, got ${page.url.href}`);
  return browser.go(new URL(formAction(page.body, '/login'), page.url), { login, password });
}

/** Past the consent page if the OP shows one; the URL the browser ends at in the app. */
export async function toApp(browser: FederationBrowser, result: Page | { location: URL }): Promise<URL> {
  if ('location' in result) return result.location;
  assert.match(result.body, /<h1>Allow access<\/h1>/, `expected consent or the app, got ${result.url.href}:\n${result.body.slice(0, 800)}`);
  return browser.leave(formAction(result.body, '/confirm'), consentForm(result.body));
}

/** A redirect sign-in at the demo OP that goes to the upstream `idp` and signs in there as `login`. */
export async function federatedSignIn(
  t: FederationOp,
  idp: string,
  login: string,
  extra: Record<string, string> = {},
): Promise<{ browser: FederationBrowser; verifier: string; result: Page | { location: URL } }> {
  const browser = FederationBrowser.for(t);
  const { verifier, challenge } = pkce();
  const upstreamPage = await browser.page(authUrl(t.op.issuer, challenge, { idp, ...extra }));
  const result = await upstreamSignIn(browser, upstreamPage, login, 'upstream-demo-password');
  return { browser, verifier, result };
}

/** The app's link URL: the OP's page asks first, naming the account (GET changes nothing); Continue goes on to the upstream. */
export async function confirmLink(browser: FederationBrowser, url: string): Promise<Page> {
  const asked = await browser.page(url);
  assert.match(asked.body, /<h1>Connect [^<]+ to <span class="email"/, `expected the link's question, got ${asked.url.href}`);
  return browser.page(url, {});
}
