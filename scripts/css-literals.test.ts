import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyCss, minifyCssLiterals } from './css-literals.js';

describe('css literals', () => {
  it('drops comments and indentation, keeps what CSS reads', () => {
    assert.equal(
      minifyCss(`
    :host {
      /* why, for us: the card's */
      --_space: calc(var(--ciam-space, 1rem) * var(--ciam-density, 1));
      border-inline-start: 1px solid var(--_border);
    }
    .a :hover,
    .b > .c {
      content: '  two  spaces ';
    }
    @media (max-width: 27.5rem) and (prefers-reduced-motion: reduce) {
      .d { color: red; }
    }`).trim(),
      ":host{--_space:calc(var(--ciam-space,1rem) * var(--ciam-density,1));border-inline-start:1px solid var(--_border)}.a :hover,.b>.c{content:'  two  spaces '}@media (max-width:27.5rem) and (prefers-reduced-motion:reduce){.d{color:red}}",
    );
  });

  it('rewrites only css`` literals, leaves expressions and other templates alone', () => {
    const code = [
      'const a = css`',
      '  ${b} {',
      '    color: ${unsafeCSS(`  red  `)};',
      '  }',
      '`;',
      'const h = html`<p>  keep   me  </p>`;',
      'const s = unsafeCss`  x  `;',
      'const n = css`.x { inset: ${{ a: 1 }.a}px; }`;',
    ].join('\n');
    assert.equal(
      minifyCssLiterals(code),
      [
        'const a = css`${b}{color:${unsafeCSS(`  red  `)}}`;',
        'const h = html`<p>  keep   me  </p>`;',
        'const s = unsafeCss`  x  `;',
        'const n = css`.x{inset:${{ a: 1 }.a}px}`;',
      ].join('\n'),
    );
  });
});
