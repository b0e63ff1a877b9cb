/**
 * The Storybook static site (`npm run build-storybook`), built into a temporary folder: its index
 * lists every story export of stories/*.stories.ts, every element has a stories module with an
 * Arabic and a Dark story, and every story renders its element in the built site, with the
 * toolbar's locale and theme reaching the page and the element. The component tests render the
 * same story objects (test/fixtures/stories.ts); this checks that each module has such a test.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright';
import ts from 'typescript';
import { chromiumArgs, chromiumPath } from '../browser.js';
import { exec, root, stopwatch } from './install.js';
import { serveStatic, type StaticServer } from './serve.js';

const { timings, timed } = stopwatch();

// ── What the sources say: story exports, each module's element, the element tags ──

/** A stories module as written: its named exports, its meta's `component`, and each story's literal args. */
interface StoriesFile {
  file: string;
  component: string | undefined;
  exports: string[];
  args: Map<string, Record<string, string>>;
}

function unwrap(node: ts.Expression): ts.Expression {
  return ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;
}

/** The string-valued properties of an object literal (`{ step: 'x', locale: 'ar' }`). */
function strings(node: ts.Expression | undefined): Record<string, string> {
  const object = node && unwrap(node);
  if (!object || !ts.isObjectLiteralExpression(object)) return {};
  return Object.fromEntries(
    object.properties.flatMap((p) => (ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer) ? [[p.name.getText(), p.initializer.text]] : [])),
  );
}
function property(node: ts.Expression | undefined, name: string): ts.Expression | undefined {
  const object = node && unwrap(node);
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  const found = object.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === name);
  return found && ts.isPropertyAssignment(found) ? found.initializer : undefined;
}

function readStoriesFile(file: string): StoriesFile {
  const source = ts.createSourceFile(file, readFileSync(join(root, 'stories', file), 'utf8'), ts.ScriptTarget.Latest, true);
  const constants = new Map<string, ts.Expression | undefined>();
  const exports: string[] = [];
  let defaultName: string | undefined;
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      for (const d of statement.declarationList.declarations) {
        constants.set(d.name.getText(), d.initializer);
        if (exported) exports.push(d.name.getText());
      }
    } else if (ts.isExportAssignment(statement)) defaultName = statement.expression.getText();
    else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause))
      exports.push(...statement.exportClause.elements.map((e) => e.name.text).filter((name) => name !== 'default'));
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
      if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) exports.push(statement.name.text);
  }
  const meta = defaultName ? constants.get(defaultName) : undefined;
  return {
    file,
    component: strings(meta).component,
    exports,
    args: new Map(exports.map((name) => [name, strings(property(constants.get(name), 'args'))])),
  };
}

const storyFiles = readdirSync(join(root, 'stories'))
  .filter((name) => name.endsWith('.stories.ts'))
  .sort()
  .map(readStoriesFile);

/** Every tag an element entry defines (src/elements/<x>/ciam-<x>.ts). */
const tags = readdirSync(join(root, 'src/elements'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) => readdirSync(join(root, 'src/elements', dir.name)).map((name) => join('src/elements', dir.name, name)))
  .filter((path) => /\/ciam-[a-z-]+\.ts$/.test(path))
  .flatMap((path) => [...readFileSync(join(root, path), 'utf8').matchAll(/define\('(ciam-[a-z-]+)'/g)].map((m) => m[1]))
  .sort();

// ── The built site ──

interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  title: string;
  importPath: string;
  exportName: string;
}

const out = mkdtempSync(join(tmpdir(), 'ciam-storybook-'));
// The npm script as people run it, into a temporary folder instead of storybook-static/.
await timed('build-storybook', () => exec('npm', ['run', 'build-storybook', '--', '--output-dir', out, '--quiet'], root));
const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');

let server: StaticServer;
let browser: Browser;
before(async () => {
  server = await serveStatic(out);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(out, { recursive: true, force: true });
  console.log(`storybook timings: ${timings.join(', ')} (${stories.length} stories)`);
});

describe('the Storybook index (index.json)', () => {
  for (const { file, exports } of storyFiles) {
    it(`lists every story exported by stories/${file}, and no other`, () => {
      const indexed = stories.filter((s) => s.importPath === `./stories/${file}`).map((s) => s.exportName);
      assert.ok(exports.length > 0, `stories/${file} exports no story`);
      assert.deepEqual([...indexed].sort(), [...exports].sort());
    });
  }
});

describe('every element has stories', () => {
  it('finds the twelve element tags', () => assert.ok(tags.length >= 12, `${tags.length} tags: ${tags.join(', ')}`));
  for (const tag of tags) {
    it(`<${tag}>: a stories module with an Arabic (locale "ar") and a Dark (theme "dark") story`, () => {
      const module = storyFiles.find((s) => s.component === tag);
      assert.ok(module, `no stories/*.stories.ts with component: '${tag}'`);
      assert.equal(module.args.get('Arabic')?.locale, 'ar', `stories/${module.file}: Arabic story with args.locale 'ar'`);
      assert.equal(module.args.get('Dark')?.theme, 'dark', `stories/${module.file}: Dark story with args.theme 'dark'`);
    });
  }
});

describe('every stories module has a component test', () => {
  const tests = readdirSync(join(root, 'src/elements'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.test.ts'))
    .map((path) => readFileSync(join(root, 'src/elements', path), 'utf8'));
  for (const { file } of storyFiles) {
    it(`stories/${file} is rendered story by story (renderStory) in src/elements/**/*.test.ts`, () => {
      const module = file.replace(/\.ts$/, '.js');
      assert.ok(
        tests.some((text) => text.includes(`stories/${module}'`) && /\brenderStory\b/.test(text)),
        `no component test imports stories/${module} and renders its stories`,
      );
    });
  }
});

/** Shows a story in the built preview (iframe.html) as Storybook's manager does, and says how it went. */
async function show(page: Page, storyId: string): Promise<string> {
  return page.evaluate(async (storyId) => {
    const w = window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, payload: unknown): void }; storyLog: string[] };
    w.storyLog.length = 0;
    w.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' });
    while (!w.storyLog.length) await new Promise((r) => setTimeout(r, 10));
    return w.storyLog[0];
  }, storyId);
}

/** The element in the story's canvas: defined, upgraded, its locale and theme, its text; `<html>`'s lang, dir and colour scheme. */
function inspect(page: Page, tag: string) {
  return page.evaluate((tag) => {
    const el = document.querySelector(`#storybook-root ${tag}`);
    const html = document.documentElement;
    return {
      defined: !!customElements.get(tag),
      rendered: !!el?.shadowRoot,
      locale: el?.getAttribute('locale') ?? null,
      theme: el?.getAttribute('theme') ?? null,
      text: `${el?.shadowRoot?.textContent ?? ''} ${el?.textContent ?? ''}`.replace(/\s+/g, ' ').trim(),
      lang: html.lang,
      dir: html.dir,
      colorScheme: getComputedStyle(html).colorScheme,
    };
  }, tag);
}

describe('the built site', () => {
  const tagOf = new Map(storyFiles.map((s) => [`./stories/${s.file}`, s.component ?? '']));

  it('renders every story with its element, without an error', async () => {
    const page = await browser.newPage();
    let current = '';
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${current}: ${error.message}`));
    await page.goto(`${server.origin}/iframe.html?id=${stories[0].id}&viewMode=story`);
    await page.waitForFunction(() => '__STORYBOOK_ADDONS_CHANNEL__' in window);
    await page.evaluate(() => {
      const w = window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { on(event: string, listener: (payload: unknown) => void): void }; storyLog: string[] };
      w.storyLog = [];
      for (const event of ['storyRendered', 'storyErrored', 'storyThrewException', 'storyMissing'])
        w.__STORYBOOK_ADDONS_CHANNEL__.on(event, (payload) => w.storyLog.push(`${event} ${JSON.stringify(payload)}`));
    });
    const problems: string[] = [];
    await timed('every story in the built site', async () => {
      for (const story of stories) {
        current = story.id;
        const outcome = await show(page, story.id);
        const tag = tagOf.get(story.importPath) ?? '';
        const { defined, rendered } = await inspect(page, tag);
        if (!outcome.startsWith('storyRendered')) problems.push(`${story.id}: ${outcome.slice(0, 300)}`);
        else if (!defined || !rendered) problems.push(`${story.id}: <${tag}> ${defined ? 'has no shadow root' : 'is not defined'}`);
      }
    });
    await page.close();
    assert.deepEqual([...problems, ...errors], []);
    assert.ok(stories.length >= storyFiles.length * 3, `${stories.length} stories`);
  });

  it("the toolbar's locale and theme reach <html> and the element", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/iframe.html?id=elements-login--signed-out&viewMode=story&globals=locale:de;theme:dark`);
    await page.waitForFunction(() => document.querySelector('#storybook-root ciam-login')?.shadowRoot?.textContent?.includes('Anmelden'));
    const seen = await inspect(page, 'ciam-login');
    await page.close();
    assert.deepEqual(
      { locale: seen.locale, theme: seen.theme, lang: seen.lang, dir: seen.dir, colorScheme: seen.colorScheme },
      { locale: 'de', theme: 'dark', lang: 'de', dir: 'ltr', colorScheme: 'dark' },
    );
  });

  it("a story's own locale and theme win over the toolbar's (Arabic: right to left)", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/iframe.html?id=elements-user--arabic&viewMode=story&globals=locale:de;theme:light`);
    await page.waitForFunction(() => document.querySelector('#storybook-root ciam-user')?.shadowRoot?.childElementCount);
    const arabic = await inspect(page, 'ciam-user');
    await page.goto(`${server.origin}/iframe.html?id=elements-user--dark&viewMode=story&globals=locale:de;theme:light`);
    await page.waitForFunction(() => document.querySelector('#storybook-root ciam-user')?.shadowRoot?.childElementCount);
    const dark = await inspect(page, 'ciam-user');
    await page.close();
    assert.deepEqual(
      { locale: arabic.locale, lang: arabic.lang, dir: arabic.dir, theme: arabic.theme },
      { locale: 'ar', lang: 'ar', dir: 'rtl', theme: 'light' },
    );
    assert.deepEqual({ locale: dark.locale, theme: dark.theme, colorScheme: dark.colorScheme }, { locale: 'de', theme: 'dark', colorScheme: 'dark' });
  });
});
