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
for (let i = 0; i < 4; i++) {
  const tab = await slowPage(browser);
  await tab.goto(`${ORIGIN}/ciam.html`);
  await tab.waitForFunction(() => performance.getEntriesByName('interactive').length > 0);
  const r = await tab.evaluate(() => {
    const res = performance
      .getEntriesByType('resource')
      .map((e) => `${e.name.replace(location.origin, '')} start ${e.startTime.toFixed(0)} respEnd ${(e as PerformanceResourceTiming).responseEnd.toFixed(0)}`);
    return {
      res,
      fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      inter: performance.getEntriesByName('interactive')[0].startTime,
      dcl: performance.getEntriesByType('navigation')[0],
    };
  });
  console.log(
    r.res.join('\n'),
    '\nfcp',
    r.fcp.toFixed(0),
    'interactive',
    r.inter.toFixed(0),
    'dcl',
    (r.dcl as PerformanceNavigationTiming).domContentLoadedEventEnd.toFixed(0),
    '\n',
  );
  await tab.context().close();
}
await browser.close();
await server.close();
