/**
 * `npm test`: every suite, in order, with one summary line at the end
 * (`N passed, N failed, N skipped`) that CI reads.
 *   typecheck  tsc --noEmit
 *   lint       ESLint (eslint.config.js) and `prettier --check` (.prettierrc.json, .prettierignore):
 *              one test per tool
 *   unit       node:test on core, connectors, i18n and the demo OP (no browser), and custom-elements.json against the source
 *   component  @web/test-runner in Chromium (elements, stories, axe)
 *   artefact   node:test on the packed tarball, installed into Vite, esbuild, React, Vue
 *              and plain-page apps, built, opened in Chromium, imported in Node; and on the
 *              Storybook static site (`build-storybook`): every story indexed and rendered
 *   e2e        Playwright against the demo stack each spec starts itself
 *   security   the attack battery under test/security/ (any depth): node:test over its .test.ts files (the
 *              demo OP over HTTP, core checks) and Playwright over its .spec.ts files (playwright.security.config.ts:
 *              the elements in Chromium against the demo stack); each test appends its vectors tried / rejected to
 *              CIAM_BATTERY_LOG (test/security/battery.ts), printed as a table per category
 *   visual     @web/test-runner in Chromium: every story as PNGs (test-results/screens/), control-edge
 *              contrast, overflow at 320/390 px, novalidate forms, target size (WCAG 2.5.8); key states against the baselines in
 *              test/visual/baselines/ (`UPDATE_VISUALS=1 npm test -- visual` rewrites them)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tally } from '../test/security/battery.js';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'ciam-test-'));
const only = process.argv.slice(2);

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString();
      to.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => forward(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => forward(c, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function findTests(dir: string, skip: string[] = [], suffix = '.test.ts'): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (skip.includes(path)) continue;
    if (statSync(join(root, path)).isDirectory()) found.push(...findTests(path, skip, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

const bin = (name: string) => join(root, 'node_modules/.bin', name);

/** A suite that exits non-zero but reports no failure still counts as one failure. */
function settle(counts: Counts, code: number): Counts {
  return code !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
}

/** node:test over `files` (spec output here, TAP to a file for the counts). */
async function nodeTests(name: string, files: string[], env: Record<string, string> = {}): Promise<Counts> {
  const tapFile = join(work, `${name}.tap`);
  const { code, output } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    env,
  );
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : output;
  const read = (label: string) => Number(new RegExp(`^# ${label} (\\d+)`, 'm').exec(tap)?.[1] ?? 0);
  return settle({ passed: read('pass'), failed: read('fail') + read('cancelled'), skipped: read('skipped') + read('todo') }, code);
}

/** @web/test-runner with `config` (test/wtr-counting-reporter.js writes the counts to a file). */
async function webTests(name: string, config: string): Promise<Counts> {
  const file = join(work, `${name}.json`);
  const { code } = await run(bin('wtr'), ['--config', config], { WTR_COUNTS_FILE: file });
  const counts = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Counts) : { passed: 0, failed: 0, skipped: 0 };
  return settle(counts, code);
}

/** Playwright with `args` (the JSON reporter writes the counts to a file). */
async function playwrightTests(name: string, args: string[], env: Record<string, string> = {}): Promise<Counts> {
  const file = join(work, `${name}.json`);
  const { code } = await run(bin('playwright'), ['test', ...args], { ...env, PW_JSON_FILE: file });
  if (!existsSync(file)) return settle({ passed: 0, failed: 0, skipped: 0 }, code);
  const { stats } = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };
  return settle({ passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped }, code);
}

/** The battery's tally (one JSON line per test, test/security/battery.ts) summed per category, as a table. */
function batteryTable(log: string): string {
  const rows = new Map<string, { tried: number; rejected: number }>();
  for (const line of log.split('\n').filter(Boolean)) {
    const { category, tried, rejected } = JSON.parse(line) as Tally;
    const row = rows.get(category) ?? { tried: 0, rejected: 0 };
    rows.set(category, { tried: row.tried + tried, rejected: row.rejected + rejected });
  }
  const total = [...rows.values()].reduce((a, r) => ({ tried: a.tried + r.tried, rejected: a.rejected + r.rejected }), { tried: 0, rejected: 0 });
  const line = (name: string, r: { tried: number; rejected: number }) =>
    `${name.padEnd(16)} ${String(r.tried).padStart(6)} ${String(r.rejected).padStart(9)}${r.rejected < r.tried ? '  ← not all rejected' : ''}`;
  return [
    'attack battery   vectors  rejected',
    ...[...rows].sort(([a], [b]) => a.localeCompare(b)).map(([name, r]) => line(name, r)),
    line('total', total),
  ].join('\n');
}

const suites: Record<string, () => Promise<Counts>> = {
  async typecheck() {
    const { code } = await run(bin('tsc'), ['--noEmit', '-p', '.']);
    return code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  },
  async lint() {
    const eslint = await run(bin('eslint'), ['--max-warnings', '0', '.']);
    const prettier = await run(bin('prettier'), ['--check', '.']);
    const passed = [eslint, prettier].filter((r) => r.code === 0).length;
    return { passed, failed: 2 - passed, skipped: 0 };
  },
  unit: () =>
    nodeTests('unit', [...findTests('src', ['src/elements', 'src/client']), ...findTests('test/op'), ...findTests('test/manifest'), ...findTests('scripts')]),
  component: () => webTests('component', 'web-test-runner.config.js'),
  // The release artefact: `npm pack` (which builds dist/ and cdn/) and what people do with the tarball.
  artefact: () => nodeTests('artefact', findTests('test/artefact')),
  e2e: () => playwrightTests('e2e', []),
  async security() {
    const log = join(work, 'battery.jsonl');
    writeFileSync(log, '');
    const env = { CIAM_BATTERY_LOG: log };
    const server = findTests('test/security');
    const none: Counts = { passed: 0, failed: 0, skipped: 0 };
    const node = server.length ? await nodeTests('security', server, env) : none;
    const browser = findTests('test/security', [], '.spec.ts').length
      ? await playwrightTests('security', ['--config', 'playwright.security.config.ts'], env)
      : none;
    console.log(`\n${batteryTable(readFileSync(log, 'utf8'))}`);
    return { passed: node.passed + browser.passed, failed: node.failed + browser.failed, skipped: node.skipped + browser.skipped };
  },
  // Last: Playwright empties test-results/ when it starts, and the screens saved there are for people to look at afterwards.
  visual: () => webTests('visual', 'web-test-runner.visual.config.js'),
};

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
for (const [name, suite] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n━━ ${name} ━━`);
  const counts = await suite();
  lines.push(`${name.padEnd(10)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}

console.log(`\n${lines.join('\n')}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
