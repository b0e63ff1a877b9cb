/**
 * Round trips to the OpenID provider, counted in a real browser against the
 * demo stack (OP + Vite-served demo app, all on 127.0.0.1). The demo app runs
 * the unbundled sources, which changes nothing about which requests go to
 * the OP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright';
import { isResourceApi, SEEDED_USER } from '../../demo/op/server.js';
import { startStack, type Stack } from '../../demo/stack.js';
import { chromiumArgs, chromiumPath } from '../../test/browser.js';
import { addVirtualAuthenticator } from '../../test/virtual-authenticator.js';

const OP_PORT = 4600;
const APP_PORT = 5600;
/** Each step of a flow is a few hundred ms locally; this only stops a hang. */
const STEP_TIMEOUT_MS = 15_000;

/** One request the app page sent to the OP. */
export interface OpRequest {
  method: string;
  path: string;
  status: number | null;
}

export interface FlowCount {
  flow: string;
  requests: OpRequest[];
  /** CORS preflights (OPTIONS) the browser sent on its own for the requests above. */
  preflights: number;
  /** Highest allowed `requests.length`; undefined when only informative. */
  budget?: number;
}

type Phase = 'load' | 'click' | 'callback-discovery' | 'callback' | 'late' | 'embedded-load' | 'embedded' | 'autofill-discovery' | 'autofill';

interface Seen {
  phase: Phase;
  request: Request;
}

/**
 * Sorts the page's requests to the OP into phases. The callback phase starts
 * by itself when the OP redirects the page back to the app with `?code=`,
 * since that navigation is the OP's doing, not ours.
 */
class OpTraffic {
  phase: Phase | null = null;
  private callbackArmed = false;
  readonly seen: Seen[] = [];
  readonly preflights = new Map<Phase, number>();

  constructor(
    private readonly opOrigin: string,
    private readonly appUrl: string,
  ) {}

  armCallback(): void {
    this.callbackArmed = true;
  }

  onRequest(request: Request): void {
    if (this.callbackArmed && this.isCallbackNavigation(request)) {
      this.phase = 'callback-discovery';
      this.callbackArmed = false;
    }
    if (!this.phase || new URL(request.url()).origin !== this.opOrigin) return;
    // The demo's resource APIs (<ciam-passkey>, <ciam-profile>'s SCIM, payout) are the app's business, not sign-in's cost.
    if (isResourceApi(new URL(request.url()).pathname)) return;
    if (this.phase === 'click' && request.isNavigationRequest()) {
      // Leaving for the OP's pages: from here on it is the user's navigation, not the app's cost.
      this.phase = null;
      return;
    }
    // Playwright does not report preflights today; should it start to, they
    // are counted from CDP below and must not count twice.
    if (request.method() === 'OPTIONS') return;
    // The callback page's discovery is its page-load cost; what follows is the callback's (same for autofill).
    if (this.phase === 'callback-discovery' && !isDiscovery(request)) this.phase = 'callback';
    if (this.phase === 'autofill-discovery' && !isDiscovery(request)) this.phase = 'autofill';
    this.seen.push({ phase: this.phase, request });
  }

  /** Preflights are only visible through CDP: Chromium sends them from the network service. */
  onCdpRequest(method: string, url: string): void {
    if (!this.phase || method !== 'OPTIONS' || new URL(url).origin !== this.opOrigin || isResourceApi(new URL(url).pathname)) return;
    this.preflights.set(this.phase, (this.preflights.get(this.phase) ?? 0) + 1);
  }

  private isCallbackNavigation(request: Request): boolean {
    const url = new URL(request.url());
    return request.isNavigationRequest() && url.href.startsWith(this.appUrl) && url.searchParams.has('code');
  }
}

/**
 * Playwright's `networkidle`, except that an event stream held open on purpose (<ciam-session events>: the OP's
 * session events) does not keep the page busy forever: quiet is 500 ms with no other request in flight.
 */
class Quiet {
  private readonly inFlight = new Set<Request>();
  private changed = Date.now();

  constructor(page: Page) {
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/events')) return;
      this.inFlight.add(request);
      this.changed = Date.now();
    });
    const done = (request: Request) => {
      if (this.inFlight.delete(request)) this.changed = Date.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  }

  async reached(page: Page): Promise<void> {
    for (const until = Date.now() + STEP_TIMEOUT_MS; this.inFlight.size > 0 || Date.now() - this.changed < 500; await page.waitForTimeout(50)) {
      if (Date.now() > until) throw new Error(`the page never went quiet: ${[...this.inFlight].map((r) => r.url()).join(', ')}`);
    }
  }
}

function isDiscovery(request: Request): boolean {
  return new URL(request.url()).pathname.endsWith('/.well-known/openid-configuration');
}

/** Starts the stack and a browser, runs both flows, and always stops everything again. */
export async function measureFlows(): Promise<FlowCount[]> {
  // startStack() leaves its OP running when the app's port is taken, so find out first.
  await assertPortsFree([OP_PORT, APP_PORT]);
  const dir = mkdtempSync(join(tmpdir(), 'ciam-bench-'));
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  try {
    stack = await startStack({ opPort: OP_PORT, appPort: APP_PORT, dbPath: join(dir, 'op.sqlite'), log: false, op: { botCheck: { when: 'never' } } });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    return await runFlows(browser, stack);
  } finally {
    await browser?.close();
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) {
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', () => reject(new Error(`port ${port} on 127.0.0.1 is in use (npm start or another bench running?)`)));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  }
}

async function runFlows(browser: Browser, stack: Stack): Promise<FlowCount[]> {
  const page = await browser.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const quiet = new Quiet(page);
  const traffic = new OpTraffic(new URL(stack.opUrl).origin, stack.appUrl);
  page.on('request', (request) => traffic.onRequest(request));
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.requestWillBeSent', (event) => traffic.onCdpRequest(event.request.method, event.request.url));
  await cdp.send('Network.enable');

  traffic.phase = 'load';
  await loadSignedOut(page, stack.appUrl, quiet);
  traffic.phase = 'click';
  traffic.armCallback();
  await signInByRedirect(page);
  traffic.phase = 'late';
  await quiet.reached(page);

  // Embedded mode on a fresh page load (in-memory tokens: signed out again).
  traffic.phase = 'embedded-load';
  await page.goto(`${stack.appUrl}/embedded.html`);
  await page.locator('ciam-login').getByLabel('Email').waitFor();
  await quiet.reached(page);
  traffic.phase = 'embedded';
  await signInEmbedded(page);
  await quiet.reached(page);
  traffic.phase = null;

  // Passkey autofill: create the offered passkey, then load the page again (signed out). Chromium's
  // virtual authenticator picks the passkey from the email field's autofill request at once.
  await addVirtualAuthenticator(page);
  const card = page.locator('ciam-login');
  await card.getByRole('button', { name: 'Create a passkey' }).click();
  await card.getByRole('button', { name: 'Done' }).click();
  traffic.phase = 'autofill-discovery';
  await page.reload();
  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).waitFor();
  await quiet.reached(page);
  traffic.phase = null;

  return summarize(traffic);
}

/** Page load until the signed-out view is painted and the page has gone quiet. */
async function loadSignedOut(page: Page, appUrl: string, quiet: Quiet): Promise<void> {
  await page.goto(`${appUrl}/`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  // Quiet too, so a request sent just after the first paint still counts.
  await quiet.reached(page);
}

/** Sign-in on the OP's pages; it ends when <ciam-user> offers "Sign out". */
async function signInByRedirect(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The OP's hosted page: <ciam-login mode="hosted">, email then password.
  const card = page.locator('ciam-login');
  await card.getByLabel('Email').fill(SEEDED_USER.email);
  await card.getByLabel('Email').press('Enter');
  await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card.getByLabel('Password', { exact: true }).press('Enter');
  // A fresh database, so the first sign-in always asks for consent.
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Identifier, then password, in the page; it ends when <ciam-user> offers "Sign out". */
async function signInEmbedded(page: Page): Promise<void> {
  const card = page.locator('ciam-login');
  await card.getByLabel('Email').fill(SEEDED_USER.email);
  await card.getByLabel('Email').press('Enter');
  await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card.getByLabel('Password', { exact: true }).press('Enter');
  await page.locator('ciam-user').getByRole('button', { name: 'Sign out' }).waitFor();
}

async function summarize(traffic: OpTraffic): Promise<FlowCount[]> {
  const inPhase = (phase: Phase) => describe(traffic.seen.filter((seen) => seen.phase === phase));
  const preflights = (phase: Phase) => traffic.preflights.get(phase) ?? 0;
  const flows: FlowCount[] = [
    { flow: 'page load → signed-out view', requests: await inPhase('load'), preflights: preflights('load'), budget: 1 },
    { flow: 'sign-in click → leaving for the OP', requests: await inPhase('click'), preflights: preflights('click') },
    { flow: 'redirect callback: discovery', requests: await inPhase('callback-discovery'), preflights: preflights('callback-discovery') },
    { flow: 'redirect callback: after discovery', requests: await inPhase('callback'), preflights: preflights('callback'), budget: 2 },
  ];
  flows.push(
    // Discovery, and the WebAuthn options passkey autofill waits with in the email field (docs/decisions.md).
    { flow: 'embedded page load (+ autofill options)', requests: await inPhase('embedded-load'), preflights: preflights('embedded-load'), budget: 2 },
    { flow: 'embedded password sign-in', requests: await inPhase('embedded'), preflights: preflights('embedded'), budget: 3 },
    { flow: 'passkey autofill: page load discovery', requests: await inPhase('autofill-discovery'), preflights: preflights('autofill-discovery') },
    { flow: 'passkey autofill: after discovery', requests: await inPhase('autofill'), preflights: preflights('autofill'), budget: 3 },
  );
  const late = await inPhase('late');
  if (late.length > 0 || preflights('late') > 0) {
    flows.push({ flow: 'after "Sign out" showed (settling)', requests: late, preflights: preflights('late') });
  }
  return flows;
}

async function describe(seen: Seen[]): Promise<OpRequest[]> {
  return Promise.all(
    seen.map(async ({ request }) => ({
      method: request.method(),
      path: new URL(request.url()).pathname,
      status: (await request.response())?.status() ?? null,
    })),
  );
}
