import { chromium } from 'playwright';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../test/browser.js';
import { buildBare, ORIGIN, startServer } from './timing.js';
const dir = mkdtempSync(join(tmpdir(), 'probe-'));
const server = startServer(dir);
await buildBare(dir);
await server.listen();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const self = new Map<string, number>();
for (let run = 0; run < 5; run++) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const m = tab.waitForEvent('console', { predicate: (x) => x.text() === 'bench:measured' });
  await tab.goto(`${ORIGIN}/${process.argv[2] ?? 'ciam'}.html`, { waitUntil: 'commit' });
  await m;
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map<number, number>();
  profile.samples!.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
  for (const [id, us] of dt) {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(ORIGIN, '').replace(/-[\w-]{8}\.js/, '')}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + us / 1000 / 5);
  }
  await context.close();
}
[...self].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log(v.toFixed(1).padStart(6), k));
await browser.close();
await server.close();
