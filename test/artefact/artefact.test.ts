/**
 * The release artefact under test (issue 10): the tarball `npm pack` just
 * made, installed into small apps outside the repository, built by two
 * bundlers, loaded without one (cdn/), imported and server-rendered in Node,
 * and opened in Chromium. Every element the tarball's custom-elements.json
 * lists must be defined and render in every app; every subpath export must
 * define its own element. Run: `npx tsx scripts/test.ts artefact`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser } from 'playwright';
import { build as viteBuild, type InlineConfig } from 'vite';
import * as z from 'zod/mini';
import { chromiumArgs, chromiumPath } from '../browser.js';
import { inspectLinkPage, inspectPage, renderProblem, type LinkReport, type PageReport } from './inspect.js';
import { exec, installFixture, packProject, root, stopwatch } from './install.js';
import { ORIGIN_PLACEHOLDER, serveStatic, type StaticServer } from './serve.js';

const { timings, timed } = stopwatch();

// ── The tarball, installed (before any test is declared: the tests are one per element it lists) ──

const work = mkdtempSync(join(tmpdir(), 'ciam-artefact-'));
mkdirSync(join(work, 'pack'));
const tarball = await timed('npm pack (with the build)', () => packProject(join(work, 'pack')));
const [plainDir, reactDir, vueDir] = await timed('npm install into three fixtures', () =>
  Promise.all([
    installFixture(work, 'plain', tarball),
    installFixture(work, 'react', tarball, ['react', 'react-dom', '@types/react']),
    installFixture(work, 'vue', tarball, ['vue']),
  ]),
);

interface Manifest {
  modules: { declarations?: { tagName?: string; customElement?: boolean }[] }[];
}
interface PackageJson {
  exports: Record<string, { types: string; import: string }>;
  customElements: string;
  'web-types': string;
  sideEffects: string[];
  files: string[];
}

const installed = join(plainDir, 'node_modules/ciam-elements');
const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as PackageJson;
const manifest = JSON.parse(readFileSync(join(installed, pkg.customElements), 'utf8')) as Manifest;
/** Every element the tarball says it has. */
const tags = manifest.modules.flatMap((module) => module.declarations ?? []).flatMap((d) => (d.customElement && d.tagName ? [d.tagName] : []));
/** Subpath exports that are one element each (`./login` → dist/ciam-login.js → <ciam-login>). */
const subpaths = Object.entries(pkg.exports)
  .map(([subpath, target]) => ({ specifier: `ciam-elements${subpath.slice(1)}`, tag: basename(target.import, '.js') }))
  .filter(({ tag }) => tags.includes(tag));

describe('the manifest', () => {
  // The element tests below are made from the manifest's tags: an element missing from it would go untested unnoticed.
  it('lists an element for every element export (./login → <ciam-login>, …)', () => {
    const elementExports = Object.values(pkg.exports)
      .map((target) => basename(target.import, '.js'))
      .filter((name) => name.startsWith('ciam-'));
    assert.deepEqual(
      elementExports.filter((tag) => !tags.includes(tag)),
      [],
    );
    assert.ok(elementExports.length >= 10, `${elementExports.length} element exports`);
  });
});

let browser: Browser;
before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
  console.log(`artefact timings: ${timings.join(', ')}`);
});

// ── Fixture builds ──

/** A Vite build of `dir` with the given HTML pages as inputs, into <dir>/<outDir>. */
async function viteApp(dir: string, outDir: string, pages: string[], config: InlineConfig = {}) {
  await viteBuild({
    ...config,
    root: dir,
    configFile: false,
    logLevel: 'warn',
    base: './',
    build: {
      outDir: join(dir, outDir),
      emptyOutDir: true,
      rolldownOptions: { input: Object.fromEntries(pages.map((page) => [basename(page, '.html'), join(dir, page)])) },
    },
  });
}

/** One page (and entry module) per subpath export: `import 'ciam-elements/<x>'` and its element, nothing else. */
function writeSubpathPages(dir: string, scriptFor: (name: string) => string, prefix: string): string[] {
  return subpaths.map(({ specifier, tag }) => {
    const name = `sub-${tag}`;
    writeFileSync(join(dir, `${name}.js`), `import '${specifier}';\n`);
    const page = `${prefix}${name}.html`;
    writeFileSync(
      join(dir, page),
      `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${specifier}</title><script type="module" src="${scriptFor(name)}"></script></head>\n` +
        `<body><${tag} authority="${ORIGIN_PLACEHOLDER}" client-id="web" mode="redirect"></${tag}></body>\n</html>\n`,
    );
    return page;
  });
}

// ── Shared checks ──

/** Every listed element defined and rendered, the embedded form loaded, no uncaught error: one test each. */
function pageTests(app: string, report: () => PageReport, link: () => LinkReport) {
  for (const tag of tags) {
    it(`<${tag}> is defined and renders`, () => {
      const problem = renderProblem(report(), tag);
      assert.equal(problem, null, `${app}: ${problem}`);
    });
  }
  it('<ciam-login mode="embedded"> loads its forms (a lazy chunk)', () => {
    assert.equal(report().embeddedForm, true, `${app}: the embedded <ciam-login> never drew its email field`);
  });
  it('has no uncaught errors', () => {
    assert.deepEqual(report().errors, [], `${app}: errors on the page`);
  });
  it('a sign-in link’s page (#ciam_link) loads its landing, takes the token off the address bar and asks', () => {
    const { asked, addressCleared, errors } = link();
    assert.deepEqual({ asked, addressCleared, errors }, { asked: true, addressCleared: true, errors: [] }, `${app}: the link's page`);
  });
}

function subpathTests(app: string, url: (page: string) => string) {
  for (const { specifier, tag } of subpaths) {
    it(`import '${specifier}' alone defines and renders <${tag}>`, async () => {
      const report = await inspectPage(browser, url(`sub-${tag}`), [tag]);
      const problem = renderProblem(report, tag);
      assert.equal(problem, null, `${app}, import '${specifier}': ${problem}`);
      assert.deepEqual(report.errors, [], `${app}, import '${specifier}': errors on the page`);
    });
  }
}

// ── The tarball itself ──

describe('the tarball', () => {
  it('holds every file package.json names (exports, types, the manifest, web-types)', () => {
    const named = [...Object.values(pkg.exports).flatMap((target) => [target.types, target.import]), pkg.customElements, pkg['web-types']];
    const missing = named.filter((file) => !existsSync(join(installed, file)));
    assert.deepEqual(missing, [], `files package.json names but the tarball lacks`);
    assert.ok(tags.length >= 5, `custom-elements.json lists ${tags.length} elements: ${tags.join(', ')}`);
  });

  // README: VS Code reads the custom data from `html.customData`; JetBrains finds web-types through package.json.
  it("holds editor data for every tag of the manifest (VS Code's custom data, JetBrains' web-types)", () => {
    const vscode = JSON.parse(readFileSync(join(installed, 'vscode.html-custom-data.json'), 'utf8')) as { version: number; tags: { name: string }[] };
    const webTypes = JSON.parse(readFileSync(join(installed, pkg['web-types']), 'utf8')) as {
      name: string;
      contributions: { html: { elements: { name: string }[] } };
    };
    assert.equal(vscode.version, 1.1);
    assert.deepEqual(
      vscode.tags.map((tag) => tag.name),
      tags,
    );
    assert.equal(webTypes.name, 'ciam-elements');
    assert.deepEqual(
      webTypes.contributions.html.elements.map((element) => element.name),
      tags,
    );
  });

  it('dist/ leaves its dependencies to the app (bare imports, no bundled Lit); cdn/ carries them (only react.js needs React)', () => {
    const js = (dir: string) => [
      ...readdirSync(join(installed, dir))
        .filter((f) => f.endsWith('.js'))
        .map((f) => join(dir, f)),
      ...readdirSync(join(installed, dir, 'chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => join(dir, 'chunks', f)),
    ];
    const read = (file: string) => readFileSync(join(installed, file), 'utf8');
    const bundlesLit = (file: string) => read(file).includes('litElementVersions');
    const bare = (file: string) => [...read(file).matchAll(/\b(?:from|import)\s*["']([^."'/][^"']*)["']/g)].map((m) => m[1]);
    assert.deepEqual(js('dist').filter(bundlesLit), [], 'dist/ files with a bundled copy of Lit');
    assert.ok(
      js('dist').some((file) => bare(file).includes('lit')),
      'no dist/ file imports "lit"',
    );
    assert.ok(js('cdn').some(bundlesLit), 'cdn/ carries no Lit');
    const cdnBare = js('cdn').flatMap((file) => bare(file).map((specifier) => `${file}: ${specifier}`));
    assert.deepEqual(
      cdnBare.filter((entry) => entry !== 'cdn/react.js: react'),
      [],
      'bare imports in cdn/ (a page without an import map cannot load them)',
    );
  });
});

describe('types', () => {
  it('a strict TypeScript app compiles against the tarball (fixtures/react/consumer.tsx, no skipLibCheck)', async () => {
    await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], reactDir).catch((error: Error) =>
      assert.fail(`tsc in the React app: ${error.message}`),
    );
  });
});

// ── Node, no DOM: server-side imports and a React server render ──

describe('Node 20, no DOM (what Next.js, Nuxt, Astro and SvelteKit do on the server)', () => {
  const probe = `const results = {};
for (const specifier of JSON.parse(process.argv[1])) {
  try { await import(specifier); results[specifier] = null; } catch (error) { results[specifier] = String(error?.stack ?? error); }
}
console.log(JSON.stringify(results));`;
  // What the probe prints: each specifier with null (imported) or the error it threw.
  const probeResults = z.record(z.string(), z.nullable(z.string()));
  let plain: Record<string, string | null>;
  let react: Record<string, string | null>;
  const plainSpecifiers = Object.keys(pkg.exports)
    .filter((s) => s !== './react')
    .map((s) => `ciam-elements${s.slice(1)}`);
  before(async () => {
    plain = probeResults.parse(JSON.parse(await exec(process.execPath, ['--input-type=module', '-e', probe, JSON.stringify(plainSpecifiers)], plainDir)));
    react = probeResults.parse(
      JSON.parse(await exec(process.execPath, ['--input-type=module', '-e', probe, JSON.stringify(['ciam-elements/react'])], reactDir)),
    );
  });
  for (const specifier of plainSpecifiers) {
    it(`import('${specifier}') does not throw`, () => assert.equal(plain[specifier], null, `node, import('${specifier}'): ${plain[specifier]}`));
  }
  it(`import('ciam-elements/react') does not throw (with react installed)`, () =>
    assert.equal(react['ciam-elements/react'], null, `node, import('ciam-elements/react'): ${react['ciam-elements/react']}`));

  it('renderToString of <Login> from ciam-elements/react writes <ciam-login> with its attributes', async () => {
    const html = await exec(process.execPath, ['render.js', 'https://id.example.com'], reactDir);
    const tag = /<ciam-login\b[^>]*>/.exec(html)?.[0];
    assert.ok(tag, `react-dom/server: no <ciam-login> in ${html}`);
    assert.match(tag, / authority="https:\/\/id\.example\.com"/, `react-dom/server: ${tag} lacks authority`);
    assert.match(tag, / client-id="web"/, `react-dom/server: ${tag} lacks client-id`);
  });
});

// ── Apps in Chromium ──

describe('Vite app: import "ciam-elements" (fixtures/plain/index.html)', () => {
  let server: StaticServer;
  let report: PageReport;
  let link: LinkReport;
  before(async () => {
    const subPages = writeSubpathPages(plainDir, (name) => `./${name}.js`, 'vite-');
    await timed('vite build (plain app + subpath pages)', () => viteApp(plainDir, 'vite-out', ['index.html', ...subPages]));
    server = await serveStatic(join(plainDir, 'vite-out'));
    report = await inspectPage(browser, `${server.origin}/index.html`, tags);
    link = await inspectLinkPage(browser, `${server.origin}/index.html`);
  });
  after(() => server?.close());
  pageTests(
    'vite app',
    () => report,
    () => link,
  );
  describe('subpath exports, one page each', () => {
    subpathTests('vite app', (page) => `${server.origin}/vite-${page}.html`);
  });
});

describe('esbuild app: import "ciam-elements" (fixtures/plain/esbuild.html)', () => {
  let server: StaticServer;
  let report: PageReport;
  let link: LinkReport;
  before(async () => {
    writeSubpathPages(plainDir, (name) => `./esbuild-out/${name}.js`, 'esbuild-');
    const entryPoints = Object.fromEntries(['main', ...subpaths.map(({ tag }) => `sub-${tag}`)].map((name) => [name, `./${name}.js`]));
    await timed('esbuild (plain app + subpath pages)', () =>
      esbuild({
        absWorkingDir: plainDir,
        entryPoints,
        outdir: 'esbuild-out',
        bundle: true,
        splitting: true,
        format: 'esm',
        minify: true,
        target: 'es2022',
        logLevel: 'warning',
      }),
    );
    server = await serveStatic(plainDir);
    report = await inspectPage(browser, `${server.origin}/esbuild.html`, tags);
    link = await inspectLinkPage(browser, `${server.origin}/esbuild.html`);
  });
  after(() => server?.close());
  pageTests(
    'esbuild app',
    () => report,
    () => link,
  );
  describe('subpath exports, one page each', () => {
    subpathTests('esbuild app', (page) => `${server.origin}/esbuild-${page}.html`);
  });
});

describe('plain page: <script type="module" src="/node_modules/ciam-elements/cdn/index.js">, no bundler, no import map', () => {
  let server: StaticServer;
  let report: PageReport;
  let link: LinkReport;
  before(async () => {
    server = await serveStatic(plainDir);
    report = await inspectPage(browser, `${server.origin}/cdn.html`, tags);
    link = await inspectLinkPage(browser, `${server.origin}/cdn.html`);
  });
  after(() => server?.close());
  pageTests(
    'cdn page',
    () => report,
    () => link,
  );
});

describe('React 19 app: ciam-elements/react wrappers (fixtures/react/app.jsx)', () => {
  let server: StaticServer;
  let report: PageReport;
  let link: LinkReport;
  before(async () => {
    await timed('vite build (React app)', () => viteApp(reactDir, 'vite-out', ['index.html', 'ssr.html']));
    server = await serveStatic(join(reactDir, 'vite-out'));
    report = await inspectPage(browser, `${server.origin}/index.html`, tags);
    link = await inspectLinkPage(browser, `${server.origin}/index.html`);
  });
  after(() => server?.close());
  pageTests(
    'react app',
    () => report,
    () => link,
  );

  it('upgrades the <ciam-login> that react-dom/server rendered, and hydrates without errors', async () => {
    const rendered = await exec(process.execPath, ['render.js', server.origin], reactDir);
    const shell = readFileSync(join(reactDir, 'vite-out/ssr.html'), 'utf8');
    assert.ok(shell.includes('<!--ssr-->'), 'react ssr: the built ssr.html lost its <!--ssr--> mark');
    server.page('/ssr-rendered.html', shell.replace('<!--ssr-->', rendered));
    const ssr = await inspectPage(browser, `${server.origin}/ssr-rendered.html`, ['ciam-login']);
    const problem = renderProblem(ssr, 'ciam-login');
    assert.equal(problem, null, `react ssr page: ${problem}`);
    assert.ok(ssr.elements['ciam-login'].placed, 'react ssr page: the server-rendered <ciam-login> was not on the page');
    assert.deepEqual(ssr.errors, [], 'react ssr page: errors on the page (hydration mismatches are reported as console errors)');
  });
});

describe('Vue 3 app: the plain elements from render functions (fixtures/vue/app.js)', () => {
  let server: StaticServer;
  let report: PageReport;
  let link: LinkReport;
  before(async () => {
    // What @vitejs/plugin-vue would define; without it Vue's bundler build asks for them.
    const define = { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' };
    await timed('vite build (Vue app)', () => viteApp(vueDir, 'vite-out', ['index.html'], { define }));
    server = await serveStatic(join(vueDir, 'vite-out'));
    report = await inspectPage(browser, `${server.origin}/index.html`, tags);
    link = await inspectLinkPage(browser, `${server.origin}/index.html`);
  });
  after(() => server?.close());
  pageTests(
    'vue app',
    () => report,
    () => link,
  );
});
