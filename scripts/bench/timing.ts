/**
 * Time, not bytes: how long <ciam-login> (redirect mode, from cdn/) takes to
 * paint its card and to become interactive, against a bare Lit element with
 * the same card (scripts/bench/bare/bare-card.ts), loaded alternately in the
 * same run under a 4× CPU slowdown (a mid-range phone) on loopback, with
 * discovery answered on the page's own origin. Machines are noisy, so only
 * the ratio of medians within one run is a figure; each load gets a fresh
 * browser context (cold HTTP cache).
 *
 * Then a person who clicks "Sign in" before discovery has answered (150 ms
 * added to it): is the click honoured, and how long until the browser heads
 * for the authorization endpoint?
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import { chromiumArgs, chromiumPath } from '../../test/browser.js';

const root = resolve(import.meta.dirname, '../..');
const PORT = 4650;
export const ORIGIN = `http://127.0.0.1:${PORT}`;
const LOADS = 25;
const CPU_SLOWDOWN = 4;
const DISCOVERY_DELAY_MS = 150;

export interface Timing {
  /** First contentful paint (the card's text), ms after navigation start. */
  paint: number[];
  /**
   * Takes the first click: painted, and the "Sign in" button works (a click is honoured). Like Lighthouse's
   * time to interactive, never before the first paint: nobody clicks what is not drawn.
   */
  accepts: number[];
  /** Discovery answered: <ciam-login>'s state `signed-out` (the bare card has nothing to wait for), and painted. */
  ready: number[];
}

export interface TimingResult {
  bare: Timing;
  ciam: Timing;
  /** `stateAtClick`: the element's state when the press arrived; only `idle` or `discovering` make it a test of an early click. */
  click: { honoured: boolean; stateAtClick: string | null; clickToAuthorizeMs: number | null };
}

const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json' };

/**
 * The page around either card: the same for both, so only the element differs. It records its own
 * figures and says `bench:measured` on the console when it has them all: the bench injects nothing
 * into a page while it works (Playwright's waiting scripts would cost the page time of its own).
 */
function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>bench</title><style>body{margin:0;padding:24px;font:16px/1.5 system-ui,sans-serif}</style>
<script>
  const have = (name) => performance.getEntriesByName(name).length > 0;
  const mark = (name) => have(name) || performance.mark(name);
  let reported = false;
  const report = () => {
    if (!reported && have('first-contentful-paint') && have('accepts') && have('ready')) (reported = true), console.log('bench:measured');
  };
  const watch = new PerformanceObserver(report);
  watch.observe({ type: 'paint', buffered: true });
  watch.observe({ type: 'mark', buffered: true });
  // Ready: the element's own signal (its state attribute); the bare card marks both itself.
  new MutationObserver(() => document.querySelector('ciam-login')?.getAttribute('state') === 'signed-out' && mark('ready'))
    .observe(document, { subtree: true, attributes: true, attributeFilter: ['state'] });
  // Takes a click: the first render whose "Sign in" button is enabled.
  customElements.whenDefined('ciam-login').then(async () => {
    const el = document.querySelector('ciam-login');
    for (;;) {
      await el.updateComplete;
      const button = el.shadowRoot?.querySelector('[part~="sign-in-button"]');
      if (button && !button.disabled) return mark('accepts');
      await new Promise((next) => setTimeout(next));
    }
  });
  // What the element was doing when the person pressed (the click-before-discovery row).
  addEventListener('pointerdown', () => console.log('bench:pressed:' + (document.querySelector('ciam-login')?.getAttribute('state') ?? '')), true);
</script></head><body>${body}</body></html>`;
}

export async function buildBare(outDir: string) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    oxc: { decorator: { legacy: true }, assumptions: { setPublicClassFields: true }, typescript: { removeClassFieldsWithoutInitializer: true } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: resolve(import.meta.dirname, 'bare/bare-card.ts'), formats: ['es'], fileName: () => 'bare-card.js' },
    },
  });
}

export function startServer(bareDir: string) {
  let discoveryDelay = 0;
  const authorizeHits: number[] = [];
  const discovery = JSON.stringify({
    issuer: ORIGIN,
    authorization_endpoint: `${ORIGIN}/authorize`,
    token_endpoint: `${ORIGIN}/token`,
    jwks_uri: `${ORIGIN}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    // Sign-up offered, as on the bare card: both cards end with the same markup.
    prompt_values_supported: ['create'],
  });
  const file = (res: ServerResponse, base: string, path: string) => {
    const full = normalize(join(base, path));
    if (!full.startsWith(base)) return res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': types[extname(full)] ?? 'application/octet-stream' }).end(readFileSync(full));
    } catch {
      res.writeHead(404).end();
    }
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', ORIGIN);
    if (url.pathname === '/bare.html')
      return res.writeHead(200, { 'content-type': 'text/html' }).end(page('<script type="module" src="/bare/bare-card.js"></script><bare-card></bare-card>'));
    if (url.pathname === '/ciam.html')
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(page(`<script type="module" src="/cdn/ciam-login.js"></script><ciam-login authority="${ORIGIN}" client-id="web" mode="redirect"></ciam-login>`));
    if (url.pathname === '/.well-known/openid-configuration') {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(discovery);
      }, discoveryDelay);
      return;
    }
    if (url.pathname === '/authorize') {
      authorizeHits.push(Date.now());
      return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>OP</title><p>the OP');
    }
    if (url.pathname.startsWith('/cdn/')) return file(res, resolve(root, 'cdn'), url.pathname.slice('/cdn/'.length));
    if (url.pathname.startsWith('/bare/')) return file(res, bareDir, url.pathname.slice('/bare/'.length));
    res.writeHead(404).end();
  });
  return {
    listen: () => new Promise<void>((done) => server.listen(PORT, '127.0.0.1', done)),
    close: () => new Promise<void>((done) => server.close(() => done())),
    setDiscoveryDelay: (ms: number) => (discoveryDelay = ms),
    authorizeHits,
  };
}

/** A fresh context with the CPU slowed down. */
export async function slowPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return tab;
}

/** Opens one of the bench's pages and waits until it says it has its figures (page()): nothing is injected meanwhile. */
export async function openMeasured(tab: Page, path: string) {
  const measured = tab.waitForEvent('console', { predicate: (message) => message.text() === 'bench:measured', timeout: 20_000 });
  await tab.goto(`${ORIGIN}${path}`, { waitUntil: 'commit' });
  await measured;
}

async function load(browser: Browser, path: string): Promise<{ paint: number; accepts: number; ready: number }> {
  const tab = await slowPage(browser);
  try {
    await openMeasured(tab, path);
    const [paint, accepts, ready] = await tab.evaluate(() =>
      ['first-contentful-paint', 'accepts', 'ready'].map((name) => performance.getEntriesByName(name)[0].startTime),
    );
    return { paint, accepts: Math.max(paint, accepts), ready: Math.max(paint, ready) };
  } finally {
    await tab.context().close();
  }
}

/** Clicks "Sign in" where a person would, as soon as it is drawn, while discovery is still on its way. */
async function clickBeforeDiscovery(browser: Browser, server: ReturnType<typeof startServer>): Promise<TimingResult['click']> {
  server.setDiscoveryDelay(DISCOVERY_DELAY_MS);
  // At full CPU speed: this row asks whether a click is honoured, and a slowed page makes Playwright's own
  // waiting so slow that the press would often arrive after discovery (an unfair test).
  const tab = await (await browser.newContext()).newPage();
  try {
    const hitsBefore = server.authorizeHits.length;
    await tab.goto(`${ORIGIN}/ciam.html`, { waitUntil: 'commit' });
    const button = tab.locator('ciam-login').getByRole('button', { name: 'Sign in', exact: true });
    await button.waitFor({ state: 'visible' });
    // What the element was doing when the press arrived (a fair test only while it waits for discovery), said
    // on the console: an honoured click leaves the page at once, so nothing could be read from it afterwards.
    const pressed = tab.waitForEvent('console', { predicate: (message) => message.text().startsWith('bench:pressed:'), timeout: 5000 });
    const clickedAt = Date.now();
    // A real press at the button's place, enabled or not (force: no waiting for it to be enabled), as a person would.
    await button.click({ force: true, timeout: 5000, noWaitAfter: true });
    const stateAtClick = (await pressed).text().slice('bench:pressed:'.length) || null;
    const deadline = Date.now() + 3000;
    while (server.authorizeHits.length === hitsBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const hit = server.authorizeHits[hitsBefore];
    return { honoured: hit !== undefined, stateAtClick, clickToAuthorizeMs: hit !== undefined ? hit - clickedAt : null };
  } finally {
    server.setDiscoveryDelay(0);
    await tab.context().close();
  }
}

/** Runs the timing rows; cdn/ must have been built (bench.ts builds it first). */
export async function measureTiming(): Promise<TimingResult> {
  const bareDir = mkdtempSync(join(tmpdir(), 'ciam-bench-bare-'));
  const server = startServer(bareDir);
  let browser: Browser | undefined;
  try {
    await buildBare(bareDir);
    await server.listen();
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    const result: TimingResult = {
      bare: { paint: [], accepts: [], ready: [] },
      ciam: { paint: [], accepts: [], ready: [] },
      click: { honoured: false, stateAtClick: null, clickToAuthorizeMs: null },
    };
    await load(browser, '/bare.html'); // warm-up: the browser's own first-load costs count for neither
    await load(browser, '/ciam.html');
    for (let i = 0; i < LOADS; i++) {
      for (const [which, path] of [
        ['bare', '/bare.html'],
        ['ciam', '/ciam.html'],
      ] as const) {
        const figures = await load(browser, path);
        for (const key of ['paint', 'accepts', 'ready'] as const) result[which][key].push(figures[key]);
      }
    }
    result.click = await clickBeforeDiscovery(browser, server);
    return result;
  } finally {
    await browser?.close();
    await server.close();
    rmSync(bareDir, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const TIMING = { loads: LOADS, cpuSlowdown: CPU_SLOWDOWN, discoveryDelayMs: DISCOVERY_DELAY_MS, goals: { paint: 1.3, accepts: 1.5, ready: 1.5 } };
