/**
 * The package as people install it: `npm pack` of the project (its `prepack`
 * runs `npm run build`), then `npm install <tarball>` into fixture apps in
 * temporary folders outside the repository. Other packages are pinned to the
 * versions in our package-lock.json and come from the npm cache `npm ci`
 * filled (`--prefer-offline`).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const fixturesDir = resolve(import.meta.dirname, 'fixtures');

/** Runs a command; resolves with its stdout, rejects with everything it printed. */
export function exec(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let all = '';
    child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk), (all += chunk)));
    child.stderr.on('data', (chunk: Buffer) => (all += chunk));
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
  return join(dir, tarballs[0]!);
}

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };

/** `name@version` as our package-lock.json has it, so the install is served from the cache. */
export function locked(name: string): string {
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return `${name}@${version}`;
}

/** Copies test/artefact/fixtures/<name> to <work>/<name> and installs the tarball and `packages` there. */
export async function installFixture(work: string, name: string, tarball: string, packages: string[] = []): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(fixturesDir, name), dir, { recursive: true });
  await exec('npm', ['install', tarball, ...packages.map(locked), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  return dir;
}
