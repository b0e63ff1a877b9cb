/**
 * Bundle sizes of the built library, as a browser pays for them: an entry
 * costs every file it pulls in through static imports (each fetched and
 * compressed on its own), while dynamically imported chunks are paid later,
 * on demand, so they are reported apart.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface ModuleGraph {
  /** Files relative to dist/, e.g. `chunks/styles-abc.js`. */
  staticImports: Map<string, string[]>;
  dynamicImports: Map<string, string[]>;
}

/**
 * Statement-level imports and re-exports of a relative module. Anchored at a
 * statement start so CSS `@import "./x.css"` inside a Lit `css` template can
 * never match; bare specifiers (`react`) are externals and not ours to count.
 */
const STATIC_IMPORT = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?(["'])(\.{1,2}\/[^"'\n]+)\1/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*(["'`])(\.{1,2}\/[^"'`\n]+)\1\s*\)/g;

/** Specifiers matched by `pattern` in `code`, resolved against `file` (dist-relative). */
function relativeSpecifiers(code: string, file: string, pattern: RegExp): string[] {
  const found = [...code.matchAll(pattern)].map((match) => posix.join(posix.dirname(file), match[2]));
  return [...new Set(found)];
}

/** Reads every file reachable from `entries` and records both kinds of imports. */
export function readModuleGraph(distDir: string, entries: string[]): ModuleGraph {
  const graph: ModuleGraph = { staticImports: new Map(), dynamicImports: new Map() };
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (graph.staticImports.has(file)) continue;
    const code = readFileSync(join(distDir, file), 'utf8');
    const statics = relativeSpecifiers(code, file, STATIC_IMPORT);
    const dynamics = relativeSpecifiers(code, file, DYNAMIC_IMPORT);
    graph.staticImports.set(file, statics);
    graph.dynamicImports.set(file, dynamics);
    pending.push(...statics, ...dynamics);
  }
  return graph;
}

/** `roots` plus everything they import statically, transitively (what loads before any `import()`). */
export function staticClosure(graph: ModuleGraph, roots: string[]): Set<string> {
  const closure = new Set<string>();
  const pending = [...roots];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (closure.has(file)) continue;
    closure.add(file);
    pending.push(...(graph.staticImports.get(file) ?? []));
  }
  return closure;
}

/**
 * Lazy chunks reachable from `loaded`, each with the files it would add on
 * top of what is already loaded. Follows nested `import()` too, since a lazy
 * chunk may itself load another one later.
 */
export function lazyChunks(graph: ModuleGraph, loaded: Set<string>): Map<string, Set<string>> {
  const lazy = new Map<string, Set<string>>();
  const pending = [...loaded].flatMap((file) => graph.dynamicImports.get(file) ?? []);
  for (let chunk = pending.pop(); chunk !== undefined; chunk = pending.pop()) {
    if (lazy.has(chunk) || loaded.has(chunk)) continue;
    const extra = new Set([...staticClosure(graph, [chunk])].filter((file) => !loaded.has(file)));
    lazy.set(chunk, extra);
    pending.push(...[...extra].flatMap((file) => graph.dynamicImports.get(file) ?? []));
  }
  return lazy;
}

/** Raw, gzip -9 and brotli q11 size of one file, as a server would send it. */
function fileSize(path: string): Size {
  const bytes = readFileSync(path);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const sizeCache = new Map<string, Size>();

/** Sum of per-file sizes: browsers fetch (and decompress) each module separately. */
export function totalSize(distDir: string, files: Iterable<string>): Size {
  const total: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const path = join(distDir, file);
    let size = sizeCache.get(path);
    if (!size) sizeCache.set(path, (size = fileSize(path)));
    total.raw += size.raw;
    total.gzip += size.gzip;
    total.brotli += size.brotli;
  }
  return total;
}

/** The graph as Rolldown records it, to check the parser against; externals (`react`) left out. */
export function graphFromBuild(chunks: { fileName: string; imports: string[]; dynamicImports: string[] }[]): ModuleGraph {
  const emitted = new Set(chunks.map((chunk) => chunk.fileName));
  const local = (names: string[]) => names.filter((name) => emitted.has(name));
  const graph: ModuleGraph = { staticImports: new Map(), dynamicImports: new Map() };
  for (const chunk of chunks) {
    graph.staticImports.set(chunk.fileName, local(chunk.imports));
    graph.dynamicImports.set(chunk.fileName, local(chunk.dynamicImports));
  }
  return graph;
}

/** Files whose parsed imports differ from the build's record; empty when the parser read them right. */
export function graphMismatches(parsed: ModuleGraph, built: ModuleGraph): string[] {
  const key = (names: string[] = []) => [...names].sort().join(' ');
  const mismatches: string[] = [];
  for (const [file, builtStatics] of built.staticImports) {
    if (!parsed.staticImports.has(file)) continue; // not reachable from an entry
    if (key(parsed.staticImports.get(file)) !== key(builtStatics)) mismatches.push(`${file} (static imports)`);
    if (key(parsed.dynamicImports.get(file)) !== key(built.dynamicImports.get(file))) mismatches.push(`${file} (dynamic imports)`);
  }
  return mismatches;
}
