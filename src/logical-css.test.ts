import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/**
 * Right-to-left languages lay the elements out mirrored only if every style says "start" and "end", never
 * "left" and "right" (CSS Logical Properties): a physical property stays where it is in Arabic or Hebrew.
 * Every stylesheet of the elements (css`` in src/) and of the demo's pages is read.
 */
const PHYSICAL = [
  /\b(margin|padding|border)-(left|right)\b/,
  /\bborder-(top|bottom)-(left|right)-radius\b/,
  /(^|[\s;{])(left|right)\s*:/,
  /\b(text-align|float|clear)\s*:\s*(left|right)\b/,
];

function files(dir: string, ending: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, ending);
    return ending.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('stylesheets use logical properties only', () => {
  it('no left/right margins, paddings, borders, offsets, alignment or floats in the elements or the demo pages', () => {
    const sheets = [...files('src', /\.ts$/), ...files('demo/app/public', /\.css$/), ...files('demo/op', /\.css$/)];
    assert.ok(sheets.length > 50, 'the files were found');
    let blocks = 0;
    const found = sheets.flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      // In TypeScript only what is inside css`…` is a stylesheet (a message may well say "left").
      const styles = path.endsWith('.css') ? [text] : [...text.matchAll(/css`([^`]*)`/g)].map((m) => m[1]);
      blocks += styles.length;
      return styles.flatMap((sheet) =>
        sheet
          .split('\n')
          .filter((line) => PHYSICAL.some((rule) => rule.test(line)))
          .map((line) => `${path}: ${line.trim()}`),
      );
    });
    assert.ok(blocks > 20, `only ${blocks} stylesheets read`);
    assert.deepEqual(found, []);
  });

  it('would catch one', () => {
    for (const line of ['margin-left: 1rem;', '  right: 0;', 'text-align: right', 'border-top-right-radius: 4px', '{left:0}'])
      assert.ok(
        PHYSICAL.some((rule) => rule.test(line)),
        line,
      );
    for (const line of ['margin-inline-start: 1rem;', 'inset-inline-end: 0;', 'text-align: start', "'Continue with {name}'"])
      assert.ok(!PHYSICAL.some((rule) => rule.test(line)), line);
  });
});
