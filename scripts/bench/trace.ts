/**
 * Where the time goes (issue 13): one Chromium performance trace of each
 * page of the timing bench (the bare Lit card and <ciam-login> in redirect
 * mode from cdn/, 4× CPU slowdown), summed by kind of work (script compile
 * and run per file, style, layout, paint) up to the moment the element is
 * ready (discovery answered). `npx tsx scripts/bench/trace.ts` after `npm run build`
 * (or any bench run, which builds cdn/). Prints a table; writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../test/browser.js';
import { formatTable } from './table.js';
import { buildBare, median, openMeasured, ORIGIN, slowPage, startServer } from './timing.js';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { data?: { url?: string; stackTrace?: { url?: string }[] } };
}

/** Kinds of main-thread work, by trace event name (top-level events only, so nothing is counted twice). */
const kinds: Record<string, string> = {
  EvaluateScript: 'script: evaluate',
  'v8.compileModule': 'script: compile',
  'v8.compile': 'script: compile',
  'v8.evaluateModule': 'script: evaluate',
  FunctionCall: 'script: run (callbacks, microtasks)',
  RunMicrotasks: 'script: run (callbacks, microtasks)',
  TimerFire: 'script: run (callbacks, microtasks)',
  FireAnimationFrame: 'script: run (callbacks, microtasks)',
  ParseHTML: 'parse HTML',
  UpdateLayoutTree: 'style',
  ScheduleStyleRecalculation: 'style',
  Layout: 'layout',
  Paint: 'paint',
  PrePaint: 'paint',
  Layerize: 'paint',
  ResourceReceivedData: 'network (main thread)',
};

async function traceOnce(browser: Browser, path: string): Promise<Map<string, number>> {
  const tab = await slowPage(browser);
  try {
    await browser.startTracing(tab, { categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'] });
    await openMeasured(tab, path);
    const buffer = await browser.stopTracing();
    const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
    const mark = traceEvents.find((e) => e.name === 'ready' && e.ph.toLowerCase() === 'r') ?? traceEvents.find((e) => e.name === 'ready');
    const start = traceEvents.find((e) => e.name === 'navigationStart')?.ts ?? Math.min(...traceEvents.map((e) => e.ts));
    const end = mark?.ts ?? Infinity;
    const mainTid = traceEvents.find((e) => e.name === 'ParseHTML')?.tid;
    const sums = new Map<string, number>();
    for (const event of traceEvents) {
      if (event.ph !== 'X' || event.tid !== mainTid || event.ts < start || event.ts > end || !event.dur) continue;
      const kind = kinds[event.name];
      if (!kind) continue;
      const url = event.args?.data?.url ?? event.args?.data?.stackTrace?.[0]?.url ?? '';
      const file = url ? ` ${new URL(url, ORIGIN).pathname.replace(/-[\w-]{8}\.js$/, '.js')}` : '';
      const key = kind.startsWith('script') ? `${kind}${file}` : kind;
      sums.set(key, (sums.get(key) ?? 0) + event.dur / 1000);
    }
    sums.set('(total until ready)', (end - start) / 1000);
    return sums;
  } finally {
    await tab.context().close();
  }
}

async function main() {
  const bareDir = mkdtempSync(join(tmpdir(), 'ciam-trace-bare-'));
  const server = startServer(bareDir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    await buildBare(bareDir);
    await server.listen();
    await traceOnce(browser, '/ciam.html'); // warm-up
    const runs = 5;
    const totals = { bare: new Map<string, number[]>(), ciam: new Map<string, number[]>() };
    for (let i = 0; i < runs; i++) {
      for (const [which, path] of [
        ['bare', '/bare.html'],
        ['ciam', '/ciam.html'],
      ] as const) {
        for (const [key, value] of await traceOnce(browser, path)) totals[which].set(key, [...(totals[which].get(key) ?? []), value]);
      }
    }
    const med = (values: number[] | undefined) => (values?.length ? median(values) : 0);
    const keys = [...new Set([...totals.bare.keys(), ...totals.ciam.keys()])].sort((a, b) => med(totals.ciam.get(b)) - med(totals.ciam.get(a)));
    console.log(`\nMain-thread work until ready (medians of ${runs} traces, 4× CPU slowdown; ms)\n`);
    console.log(
      formatTable(
        ['work', 'bare Lit', 'ciam-login'],
        keys
          .filter((k) => med(totals.ciam.get(k)) >= 0.5 || med(totals.bare.get(k)) >= 0.5)
          .map((k) => [k, med(totals.bare.get(k)).toFixed(1), med(totals.ciam.get(k)).toFixed(1)]),
      ),
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(bareDir, { recursive: true, force: true });
  }
}

await main();
