import { chromium } from 'playwright';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../test/browser.js';
import { buildBare, ORIGIN, slowPage, startServer } from './timing.js';
const dir = mkdtempSync(join(tmpdir(), 'probe-'));
const server = startServer(dir);
await buildBare(dir);
await server.listen();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
await (async () => {
  const t = await slowPage(browser);
  await t.goto(`${ORIGIN}/ciam.html`);
  await t.context().close();
})();
const tab = await slowPage(browser);
await browser.startTracing(tab, { categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'] });
const m = tab.waitForEvent('console', { predicate: (x) => x.text() === 'bench:measured' });
await tab.goto(`${ORIGIN}/${process.argv[2] ?? 'ciam'}.html`, { waitUntil: 'commit' });
await m;
const buffer = await browser.stopTracing();
const { traceEvents } = JSON.parse(buffer.toString('utf8'));
const start = traceEvents.find((e: any) => e.name === 'navigationStart')?.ts;
const mainTid = traceEvents.find((e: any) => e.name === 'ParseHTML')?.tid;
const mark = traceEvents.find((e: any) => e.name === 'ready');
const fcp = traceEvents.find((e: any) => e.name === 'firstContentfulPaint');
console.log('fcp', fcp && (fcp.ts - start) / 1000, 'interactive', mark && (mark.ts - start) / 1000);
for (const e of traceEvents) {
  if (e.tid !== mainTid || e.ph !== 'X' || !e.dur || e.dur < 300 || e.ts < start) continue;
  if (mark && e.ts > mark.ts) continue;
  const url = e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? e.args?.data?.functionName ?? '';
  console.log(((e.ts - start) / 1000).toFixed(1).padStart(7), (e.dur / 1000).toFixed(1).padStart(6), e.name, String(url).replace(ORIGIN, '').slice(0, 60));
}
await browser.close();
await server.close();
