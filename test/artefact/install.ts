/**
 * The package as people install it: `npm pack` of the project (its `prepack`
 * runs `npm run build`), then `npm install <tarball>` into fixture apps in
 * temporary folders outside the repository. Other packages are pinned to the
 * versions in our package-lock.json and come from the npm cache `npm ci`
 * filled (`--prefer-offline`).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const fixturesDir = resolve(import.meta.dirname, 'fixtures');

/** Runs a command; resolves with its stdout, rejects with everything it printed. */
export function exec(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let all = '';
    // As text, decoded across chunk boundaries (a character split between two chunks stays whole).
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), (all += chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (all += chunk));
    child.on('error', fail);
    // The tail is what says why; a stack through minified code can be very long.
    child.on('close', (code) => (code === 0 ? done(stdout) : fail(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${all.slice(-4000)}`))));
  });
}

/** `npm pack` into `dir` (a fresh, empty folder); returns the tarball's path. */
export async function packProject(dir: string): Promise<string> {
  await exec('npm', ['pack', '--pack-destination', dir, '--loglevel=warn'], root);
  const tarballs = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${dir}`);
  return join(dir, tarballs[0]);
}

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/**
 * The fixture's `packages` pinned in its package.json, and a package-lock.json with our lock's entries
 * for them, for the package's own dependencies and for all these need. `npm ci` caches tarballs but
 * not necessarily the registry's package documents a plain `npm install react@19.3.1` reads: with the
 * lock (and tarball addresses in it), npm installs what the lock says from the cached tarballs alone.
 */
function seedLock(dir: string, fixture: string, packages: string[]) {
  const entries: Record<string, LockEntry> = {};
  /** Where npm finds `name` from the package at `from`: its own node_modules, then each parent's. */
  const locate = (from: string, name: string) => {
    for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
      const path = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (lock.packages[path]) return path;
      if (!base) throw new Error(`${name} (needed by ${from || 'the fixture'}) is not in package-lock.json`);
    }
  };
  const pending = [...Object.keys(manifest.dependencies), ...packages].map((name) => locate('', name));
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (entries[path]) continue;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[path];
    // Our lock leaves out `resolved` (npm then asks the registry where the tarball is); the registry's own
    // tarball address lets npm take it from the cache by URL and integrity. npm swaps in a configured registry.
    const name = (entry.name as string | undefined) ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    entries[path] = { resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`, ...entry };
    const optionalPeer = (name: string) => entry.peerDependenciesMeta?.[name]?.optional;
    const needs = [
      ...Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }),
      ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeer(name)),
    ];
    for (const name of needs) {
      try {
        pending.push(locate(path, name));
      } catch (error) {
        if (!entry.optionalDependencies?.[name]) throw error; // an optional one for another platform
      }
    }
  }
  const dependencies = Object.fromEntries(packages.map((name) => [name, lock.packages[`node_modules/${name}`].version!]));
  const rootEntry = { name: `artefact-${fixture}`, dependencies };
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as object;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ ...pkg, dependencies }, null, 2)}\n`);
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: rootEntry.name, lockfileVersion: 3, requires: true, packages: { '': rootEntry, ...entries } }, null, 2)}\n`,
  );
}

/** Copies test/artefact/fixtures/<name> to <work>/<name> and installs the tarball and `packages` (as locked) there. */
export async function installFixture(work: string, name: string, tarball: string, packages: string[] = []): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(fixturesDir, name), dir, { recursive: true });
  seedLock(dir, name, packages);
  await exec('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  return dir;
}

/** Times a suite's steps: `timed(label, work)` runs one, `timings` lists "label 12.3 s" for each, for the suite's log. */
export function stopwatch() {
  const timings: string[] = [];
  async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings.push(`${label} ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
  }
  return { timings, timed };
}
