/**
 * `npm run bench`: checks the DESIGN budgets against a fresh build and a real
 * browser. Bundle sizes: initial JS of <ciam-login> ≤ 28 KiB brotli, all
 * elements ≤ 45 KiB brotli. Round trips: the redirect callback makes ≤ 2
 * requests to the OP after discovery. Prints two tables; exits non-zero when
 * a budget is exceeded. Writes nothing but dist/ (the build).
 */
import { readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { measureFlows, type FlowCount } from './bench/flows.js';
import {
  graphFromBuild, graphMismatches, lazyChunks, readModuleGraph, staticClosure, totalSize, type ModuleGraph, type Size,
} from './bench/sizes.js';
import { formatTable, kib, type Row } from './bench/table.js';

const root = resolve(import.meta.dirname, '..');
const distDir = resolve(root, 'dist');

interface SizeRow {
  label: string;
  size: Size;
  files: string[];
  /** Brotli bytes allowed; undefined when the row is informative only. */
  budget?: number;
}

/** Entry name (dist/<name>.js) → how the table calls it and its brotli budget. */
const ENTRY_ROWS: Record<string, { label: string; budget?: number }> = {
  'ciam-login': { label: 'ciam-login (initial)', budget: 28 * 1024 },
  index: { label: 'all elements (index)', budget: 45 * 1024 },
  'ciam-user': { label: 'ciam-user' },
  react: { label: 'react' },
};

/** Lazy chunks are named after their module (chunks/<name>-<hash>.js). */
const LAZY_LABELS: Record<string, string> = {
  oidc: 'oidc connector (lazy)',
  de: 'de catalog (lazy)',
  embedded: 'embedded/hosted forms (lazy)',
  webauthn: 'webauthn sign-in (lazy)',
};

async function main(): Promise<number> {
  const built = await buildLibrary();
  const entries = readdirSync(distDir).filter((name) => name.endsWith('.js'));
  const graph = readModuleGraph(distDir, entries);
  checkParser(graph, built);

  const sizeRows = measureSizes(graph, entries);
  console.log(`\nBundle sizes (dist/, each file compressed on its own: gzip -9, brotli q11)\n`);
  console.log(formatTable(['entry', 'raw', 'gzip', 'brotli', 'budget', 'ok'], sizeRows.map(sizeTableRow)));
  console.log('');
  for (const row of sizeRows) console.log(`  ${row.label}: ${row.files.join(' + ')}`);

  const flows = await measureFlows();
  console.log(`\nRequests to the OP (Chromium, demo stack; preflights counted apart)\n`);
  console.log(formatTable(['flow', 'requests to OP', 'preflights', 'budget', 'ok'], flows.map(flowTableRow)));
  console.log('');
  for (const flow of flows) console.log(`  ${flow.flow}: ${flow.requests.map(describeRequest).join(', ') || 'none'}`);

  const over = [...sizeRows.filter(sizeOver).map((row) => row.label), ...flows.filter(flowOver).map((flow) => flow.flow)];
  console.log(over.length === 0 ? '\nbench: all budgets met' : `\nbench: over budget: ${over.join('; ')}`);
  return over.length === 0 ? 0 : 1;
}

/** A fresh `vite build`, so the figures never describe a stale dist/. */
async function buildLibrary(): Promise<ModuleGraph> {
  const result = await build({ root, configFile: resolve(root, 'vite.config.ts'), logLevel: 'warn' });
  if (!Array.isArray(result) && !('output' in result)) throw new Error('vite build started a watcher; expected a one-off build');
  const outputs = Array.isArray(result) ? result : [result];
  const chunks = outputs.flatMap((output) => output.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
  return graphFromBuild(chunks);
}

/**
 * The import parser reads the shipped files, as a browser would; Rolldown's
 * own record of the graph tells us whether it read them right.
 */
function checkParser(parsed: ModuleGraph, built: ModuleGraph): void {
  const mismatches = graphMismatches(parsed, built);
  if (mismatches.length > 0) throw new Error(`import parser disagrees with the build for: ${mismatches.join(', ')}`);
}

/** One row per entry (its static closure), then one per lazy chunk (what it adds when loaded). */
function measureSizes(graph: ModuleGraph, entries: string[]): SizeRow[] {
  const names = entries.map((file) => basename(file, '.js'));
  const known = Object.keys(ENTRY_ROWS).filter((name) => names.includes(name));
  const ordered = [...known, ...names.filter((name) => !known.includes(name)).sort()];
  const rows: SizeRow[] = [];
  const lazyRows = new Map<string, SizeRow>();
  for (const name of ordered) {
    const closure = staticClosure(graph, [`${name}.js`]);
    rows.push({ ...(ENTRY_ROWS[name] ?? { label: name }), files: [...closure], size: totalSize(distDir, closure) });
    for (const [chunk, extra] of lazyChunks(graph, closure)) {
      // The same chunk reached from several entries adds the same files in this build; keep one row per distinct cost.
      const key = [...extra].sort().join(' ');
      if (!lazyRows.has(key)) lazyRows.set(key, { label: lazyLabel(chunk), files: [...extra], size: totalSize(distDir, extra) });
    }
  }
  const embedded = initialWithLazy(graph, 'ciam-login (embedded initial)', [LAZY_LABELS.embedded!]);
  const autofill = initialWithLazy(graph, 'ciam-login (embedded + passkey autofill)', [LAZY_LABELS.embedded!, LAZY_LABELS.webauthn!]);
  return [...rows.slice(0, 1), ...[embedded, autofill].filter((row) => row !== null), ...rows.slice(1), ...lazyRows.values()];
}

/**
 * Lazy chunks that load before the user's first action count as initial, under
 * the same budget: embedded and hosted pages load the form views, and where
 * the browser offers passkey autofill, the passkey sign-in code too (the
 * request must wait in the email field before the user comes).
 */
function initialWithLazy(graph: ModuleGraph, label: string, lazyLabels: string[]): SizeRow | null {
  const files = staticClosure(graph, ['ciam-login.js']);
  for (const wanted of lazyLabels) {
    const found = [...lazyChunks(graph, files)].find(([chunk]) => lazyLabel(chunk) === wanted);
    if (!found) return null;
    for (const file of found[1]) files.add(file);
  }
  return { label, budget: 28 * 1024, files: [...files], size: totalSize(distDir, files) };
}

function lazyLabel(chunk: string): string {
  const name = basename(chunk, '.js').replace(/-[\w-]{8}$/, '');
  return LAZY_LABELS[name] ?? `${name} (lazy)`;
}

function sizeOver(row: SizeRow): boolean {
  return row.budget !== undefined && row.size.brotli > row.budget;
}

function sizeTableRow(row: SizeRow): Row {
  const { raw, gzip, brotli } = row.size;
  if (row.budget === undefined) return [row.label, kib(raw), kib(gzip), `${kib(brotli)} (${brotli} B)`, '–', ''];
  const margin = Math.abs(row.budget - brotli);
  const ok = sizeOver(row) ? `OVER by ${kib(margin)}` : `ok, ${kib(margin)} left`;
  return [row.label, kib(raw), kib(gzip), `${kib(brotli)} (${brotli} B)`, `≤ ${kib(row.budget)}`, ok];
}

function flowOver(flow: FlowCount): boolean {
  return flow.budget !== undefined && flow.requests.length > flow.budget;
}

function flowTableRow(flow: FlowCount): Row {
  const budget = flow.budget === undefined ? '–' : `≤ ${flow.budget}`;
  const ok = flow.budget === undefined ? '' : flowOver(flow) ? 'OVER' : 'ok';
  return [flow.flow, String(flow.requests.length), String(flow.preflights), budget, ok];
}

function describeRequest(request: FlowCount['requests'][number]): string {
  return `${request.method} ${request.path} ${request.status ?? 'failed'}`;
}

let exitCode: number;
try {
  exitCode = await main();
} catch (err) {
  console.error('bench: failed:', err);
  exitCode = 2;
}
// Everything we started is stopped by now; exiting explicitly means a handle
// left open elsewhere (a server that failed halfway) cannot hang the run.
process.exit(exitCode);
