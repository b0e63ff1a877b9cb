/**
 * Minifies the text of Lit's css`…` literals at build time: comments out, whitespace collapsed, no spaces
 * around `{ } ; , >` or after `:`. Lit ships a template's text as written, so its indentation and our
 * comments used to reach every browser (in the first paint too). Expressions (`${…}`) and quoted strings are
 * left exactly as they are; a space before `:` stays (`a :hover` differs from `a:hover`).
 */

/** @param {string} text */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '') // first: a comment's apostrophe is not a string's start
    .split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/)
    .map((part, i) =>
      i % 2
        ? part // a quoted string
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/** The end of the JavaScript expression that starts at `from` (just after `${`): the index of its closing `}`. */
/** @param {string} code @param {number} from @returns {number} */
function expressionEnd(code, from) {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (c === '`') i = templateEnd(code, i + 1, false).end;
    else if (c === "'" || c === '"') {
      for (i++; i < code.length && code[i] !== c; i++) if (code[i] === '\\') i++;
    }
  }
  throw new Error('css-literals: unterminated expression');
}

/** Walks a template literal from just after its opening backtick; with `minify`, rewrites its text parts. */
/** @param {string} code @param {number} from @param {boolean} minify @returns {{ end: number, text: string }} */
function templateEnd(code, from, minify) {
  let out = '';
  let chunk = '';
  /** @param {boolean} last */
  const flush = (last) => {
    let text = minify ? minifyCss(chunk) : chunk;
    if (minify && out === '') text = text.trimStart();
    if (minify && last) text = text.trimEnd();
    out += text;
    chunk = '';
  };
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '\\') {
      chunk += c + code[i + 1];
      i++;
    } else if (c === '`') {
      flush(true);
      return { end: i, text: out };
    } else if (c === '$' && code[i + 1] === '{') {
      flush(false);
      const end = expressionEnd(code, i + 2);
      out += code.slice(i, end + 1);
      i = end;
    } else chunk += c;
  }
  throw new Error('css-literals: unterminated template');
}

/** Rewrites every css`…` in a module's code. */
/** @param {string} code */
export function minifyCssLiterals(code) {
  let out = '';
  let at = 0;
  for (let found = code.indexOf('css`'); found >= 0; found = code.indexOf('css`', at)) {
    // Only the tag `css` itself, not a name ending in it (`unsafeCss`), and never inside a word.
    if (/[\w$]/.test(code[found - 1] ?? '')) {
      out += code.slice(at, found + 4);
      at = found + 4;
      continue;
    }
    const { end, text } = templateEnd(code, found + 4, true);
    out += code.slice(at, found + 4) + text + '`';
    at = end + 1;
  }
  return out + code.slice(at);
}

const ours = /\/src\/.*\.ts$/;

/** The Vite plugin: our sources only, builds only (the demo's dev server serves them as written). */
export function cssLiterals() {
  return {
    name: 'ciam-css-literals',
    apply: /** @type {const} */ ('build'),
    /** @param {string} code @param {string} id */
    transform(code, id) {
      return ours.test(id) && code.includes('css`') ? { code: minifyCssLiterals(code), map: null } : null;
    },
  };
}

/** The same for @web/test-runner, after esbuild: component and visual tests see the stylesheets that ship. */
export function cssLiteralsForTests() {
  return {
    name: 'ciam-css-literals',
    /** @param {{ path: string, body: unknown }} context */
    transform(context) {
      const { path, body } = context;
      return typeof body === 'string' && ours.test(path) && body.includes('css`') ? { body: minifyCssLiterals(body) } : undefined;
    },
  };
}
