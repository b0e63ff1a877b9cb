/**
 * Pages style the elements only through `--ciam-*` properties, `::part()` and the
 * `.ciam-*` classes of the light-DOM forms (README, "Theming"). This renders every
 * story (in English, settled as the visual suite shows it) and lists each visible
 * piece a page could not reach: in shadow DOM without a `part`, in the element's own
 * light DOM without a `ciam-` class.
 */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { storiesOf, type Story } from '../../../test/fixtures/stories.js';
import { visible } from '../../../test/visual/checks.js';
import { clear, show } from '../../../test/visual/stage.js';
import { modules } from '../../../test/visual/stories.js';

/**
 * A piece is an element that is visible (a box, not clipped away like `.visually-hidden`) and
 * - holds its own text (a non-blank text node of its own), or
 * - is interactive (INTERACTIVE), or
 * - is a structural piece a page would want to style (STRUCTURAL; `img`/`svg` only when they carry
 *   meaning: not `aria-hidden`, `alt=""` or `role=presentation|none`).
 * In shadow DOM a piece needs a `part`; in the element's light DOM a class starting with `ciam-`.
 * Exempt: inline phrasing (PHRASING) that is not interactive, sits one or two levels inside a
 * parted (shadow) or `ciam-`-classed (light) ancestor, and is part of its parent's text: the parent
 * has text of its own (a `<bdi>` name inside a sentence), or the parent is a line (LINE) and this is
 * its only child with text that is neither `aria-hidden` nor reachable itself (a button's label next
 * to its icon, a name next to its parted badge). The page styles it through that ancestor. Text
 * spans side by side in a box (a name and an email in a `<div>`) are pieces and need a part each.
 * `<slot>`s have no box of their own; their fallback text is their parent's (but a slot is a level).
 * Light DOM means what the element renders there itself; what the page puts in a slot other than
 * `form` (a logo, a provider's mark) is the page's own markup.
 */
const INTERACTIVE =
  'button, a[href], input, select, textarea, summary, [role=button], [role=menuitem], [role=menuitemradio], [role=link], [role=switch], [role=tab], [tabindex]';
const STRUCTURAL = 'dialog, ul, ol, li, h1, h2, h3, h4, h5, h6, p, section, header, footer, nav, form, fieldset, legend, label, img:not([alt=""]), svg';
const PHRASING = new Set(['strong', 'em', 'b', 'i', 'code', 'bdi', 'span', 'time', 'abbr', 'br', 'wbr', 'kbd', 'small']);
/** Elements that hold one line of text: their inline children are that text, not pieces of their own. */
const LINE = new Set([...PHRASING, 'p', 'button', 'a', 'label', 'legend', 'summary', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

type Tree = 'shadow' | 'light';

/** How a page reaches an element in `tree`: its part, or its `ciam-` classes. */
function handle(el: Element, tree: Tree): string {
  if (tree === 'shadow') return el.getAttribute('part')?.trim() ? `[part="${el.getAttribute('part')!.trim()}"]` : '';
  return [...el.classList]
    .filter((c) => c.startsWith('ciam-'))
    .map((c) => `.${c}`)
    .join('');
}

function ownText(el: Element): string {
  return [...el.childNodes]
    .filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => n.textContent)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Decorative: hidden from assistive technology, so only the piece around it matters. */
function decorative(el: Element): boolean {
  return Boolean(el.closest('[aria-hidden="true"]')) || ['presentation', 'none'].includes(el.getAttribute('role') ?? '');
}

function isPiece(el: Element): boolean {
  if (el.localName === 'slot' || !visible(el)) return false;
  if (ownText(el) || el.matches(INTERACTIVE)) return true;
  return el.matches(STRUCTURAL) && !((el.localName === 'svg' || el.localName === 'img') && decorative(el));
}

/** Phrasing that is the text of a reachable ancestor one or two levels up, styled through it. */
function inlineInReachable(el: Element, tree: Tree): boolean {
  if (!PHRASING.has(el.localName) || el.matches(INTERACTIVE)) return false;
  const [parent, grandparent] = [el.parentElement, el.parentElement?.parentElement];
  if (!parent || !(handle(parent, tree) || (grandparent && handle(grandparent, tree)))) return false;
  // Whose text it is: a slot is transparent (display: contents), its fallback text is its parent's.
  let [child, line] = [el, parent];
  while (line.localName === 'slot' && line.parentElement) [child, line] = [line, line.parentElement];
  const texts = [...line.children].filter((c) => c.getAttribute('aria-hidden') !== 'true' && !handle(c, tree) && c.textContent.trim());
  return Boolean(ownText(line)) || (LINE.has(line.localName) && texts.length === 1 && texts[0] === child);
}

/** `ciam-login ⟩ div[part="card"] ⟩ p`: the host, the reachable ancestors, the element. */
function path(el: Element, host: Element, tree: Tree): string {
  const steps: string[] = [];
  for (let node: Element | null = el; node && node !== host; node = node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host ?? null) {
    const nodeTree: Tree = node.getRootNode() instanceof ShadowRoot ? 'shadow' : tree;
    if (node === el || handle(node, nodeTree)) steps.unshift(`${node.localName}${handle(node, nodeTree)}`);
  }
  return [host.localName, ...steps].join(' ⟩ ');
}

function label(el: Element): string {
  const text = el.textContent.replace(/\s+/g, ' ').trim() || el.getAttribute('aria-label');
  return text ? `“${text.slice(0, 40)}”` : '(no text)';
}

/** Every unreachable piece of `host` (and of the elements in its shadow roots), as `path: text`. */
function unreachable(host: Element): string[] {
  const found: string[] = [];
  const visit = (node: Element | ShadowRoot, tree: Tree) => {
    for (const child of node.children) {
      if (node === host && child.slot && child.slot !== 'form') continue; // the page's own markup
      if (isPiece(child) && !handle(child, tree) && !inlineInReachable(child, tree)) found.push(`${tree} ${path(child, host, tree)}: ${label(child)}`);
      if (child.shadowRoot) visit(child.shadowRoot, 'shadow');
      visit(child, tree);
    }
  };
  if (host.shadowRoot) visit(host.shadowRoot, 'shadow');
  visit(host, 'light');
  return found;
}

/** The story's ciam elements: the rendered root, or the ones a wrapper holds. */
function hosts(root: Element): Element[] {
  return root.localName.startsWith('ciam-') ? [root] : [...root.querySelectorAll('*')].filter((el) => el.localName.startsWith('ciam-'));
}

function expectReachable(what: string, found: string[]) {
  expect(found, `${what}: ${found.length} pieces a page cannot style:\n  ${found.join('\n  ')}\n`).to.deep.equal([]);
}

describe('every visible piece has a part (shadow DOM) or a ciam- class (light DOM)', () => {
  after(clear);
  for (const [module, stories] of Object.entries(modules)) {
    for (const [name, story] of storiesOf(stories)) {
      it(`${module} ${name}`, async () => {
        const root = await show(stories, story, 'en');
        expectReachable(`${module} ${name}`, hosts(root).flatMap(unreachable));
      });
    }
  }

  /** States one click away from a story, or from args no story sets, that show pieces no story shows. */
  const scenes: [module: string, name: string, args: Record<string, unknown>, click?: string][] = [
    ['passkey', 'TwoPasskeys, Rename clicked', { count: 2 }, 'rename-button'],
    ['passkey', 'TwoPasskeys, Remove clicked', { count: 2 }, 'remove-button'],
    ['connections', 'OneConnected, Disconnect clicked', {}, 'disconnect-button'],
    ['user', 'Narrow, menu opened', { long: true, width: '12rem' }, 'menu-button'],
    ['org-switcher', 'signed in with an invitation', { step: 'signedInAcme', invited: true }],
    ['login', 'a guest session', { step: 'guest' }],
  ];
  for (const [module, name, args, click] of scenes) {
    it(`${module} ${name}`, async () => {
      const root = await show(modules[module], { args } as unknown as Story<never>, 'en');
      const [host] = hosts(root) as LitElement[];
      if (click) {
        const button = host.shadowRoot!.querySelector<HTMLElement>(`[part~="${click}"]`);
        expect(button, click).to.be.instanceOf(HTMLElement);
        button!.click();
        await host.updateComplete;
      }
      expectReachable(`${module} ${name}`, unreachable(host));
    });
  }

  it('finds a planted unparted <p>, <button> and pair of spans and an unclassed light-DOM <label>, not a <strong> in a parted line', async () => {
    const root = await show(modules.login, modules.login.EmbeddedIdentifier as Story<never>, 'en');
    const before = unreachable(root); // whatever the story itself has is reported by its own test
    const card = root.shadowRoot!.querySelector('[part~="card"]')!;
    const planted = document.createElement('div');
    planted.innerHTML = [
      '<p>Planted line</p>',
      '<button type="button">Planted button</button>',
      '<p part="planted"><strong>Parted</strong> line</p>',
      '<div part="planted"><span>Planted name</span> <span>Planted email</span></div>',
    ].join('');
    card.append(...planted.children);
    const form = root.querySelector('form')!;
    form.insertAdjacentHTML('afterbegin', '<label>Planted label</label>');
    expect(unreachable(root).filter((f) => !before.includes(f))).to.deep.equal([
      'shadow ciam-login ⟩ div[part="card"] ⟩ p: “Planted line”',
      'shadow ciam-login ⟩ div[part="card"] ⟩ button: “Planted button”',
      'shadow ciam-login ⟩ div[part="card"] ⟩ div[part="planted"] ⟩ span: “Planted name”',
      'shadow ciam-login ⟩ div[part="card"] ⟩ div[part="planted"] ⟩ span: “Planted email”',
      'light ciam-login ⟩ div.ciam-form-root ⟩ form.ciam-form ⟩ label: “Planted label”',
    ]);
  });
});
