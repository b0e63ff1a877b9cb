// The target-size check itself (checks.ts smallTargets), on made-up markup: what WCAG 2.5.8 lets pass and what it does not.
import { expect } from '@open-wc/testing';
import { smallTargets } from './checks.js';

function stage(markup: string, shadow = false): HTMLElement {
  const root = document.createElement('div');
  root.style.cssText = 'font: 16px/1.5 sans-serif; padding: 40px';
  if (shadow) root.attachShadow({ mode: 'open' }).innerHTML = markup;
  else root.innerHTML = markup;
  document.body.append(root);
  return root;
}

const small = (markup: string, shadow = false) => {
  const root = stage(markup, shadow);
  try {
    return smallTargets(root).map((t) => t.control);
  } finally {
    root.remove();
  }
};

const box = (size: number, left: number, label = 'x') =>
  `<button style="position: absolute; inset-inline-start: ${left}px; inset-block-start: 40px; inline-size: ${size}px; block-size: ${size}px; padding: 0; border: 1px solid; font-size: 8px">${label}</button>`;

describe('WCAG 2.5.8 target size check', () => {
  it('passes targets of 24×24 px and more, side by side', () => {
    expect(small(`${box(24, 0, 'a')}${box(24, 24, 'b')}`)).to.deep.equal([]);
  });

  it('fails small targets crowded together, in light DOM and in shadow roots', () => {
    expect(small(`${box(16, 0, 'a')}${box(16, 18, 'b')}`)).to.deep.equal(['button “a”', 'button “b”']);
    expect(small(`${box(16, 0, 'a')}${box(16, 18, 'b')}`, true)).to.deep.equal(['button “a” (shadow)', 'button “b” (shadow)']);
  });

  it('fails a small target whose 24 px circle reaches a large one', () => {
    expect(small(`${box(16, 0, 'a')}${box(44, 18, 'b')}`)).to.deep.equal(['button “a”']);
    expect(small(`${box(16, 0, 'a')}${box(44, 22, 'b')}`), '14 px away: the circle ends short of it').to.deep.equal([]);
  });

  it('passes small targets spaced so their circles touch nothing (the spacing exception)', () => {
    expect(small(`${box(16, 0, 'a')}${box(16, 30, 'b')}`)).to.deep.equal([]);
  });

  it('passes a link in a sentence (the inline exception), not a link alone in its line next to another', () => {
    expect(small('<p>Read our <a href="#terms">terms</a> before you continue.</p>')).to.deep.equal([]);
    expect(small('<p style="margin: 0; line-height: 1"><a href="#a">A</a></p><p style="margin: 0; line-height: 1"><a href="#b">B</a></p>')).to.deep.equal([
      'a',
      'a',
    ]);
  });

  it('measures a checkbox with its label, which a click also checks', () => {
    expect(
      small(
        '<label style="display: block"><input type="checkbox" /> Product news by email</label><label style="display: block"><input type="checkbox" /> Usage analytics</label>',
      ),
    ).to.deep.equal([]);
    expect(small('<input type="checkbox" aria-label="a" /><input type="checkbox" aria-label="b" />')).to.deep.equal(['input', 'input']);
  });

  it('leaves out what no pointer can press: hidden and disabled controls', () => {
    expect(small(`${box(16, 0, 'a').replace('<button', '<button disabled')}${box(16, 18, 'b').replace('<button', '<button hidden')}`)).to.deep.equal([]);
  });
});
