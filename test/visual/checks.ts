/**
 * Looks checks measured in the browser, each returning what it found so a
 * failure names the control, its colours and the ratio, or the element and
 * how far it sticks out.
 */
import { contrast } from '../contrast.js';

/** Every element the component renders: its light DOM and every shadow root inside, in document order. */
export function allElements(root: Element): Element[] {
  const found: Element[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const child of node.children) {
      found.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return found;
}

/** A short, readable name for an element: tag, name/type, part and classes (e.g. `button.ciam-link`, `input[name=password]`). */
export function describe(el: Element): string {
  const name = el.getAttribute('name');
  const part = el.getAttribute('part');
  const classes = [...el.classList].map((c) => `.${c}`).join('');
  const text = el instanceof HTMLButtonElement ? ` “${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 30)}”` : '';
  const where = el.getRootNode() instanceof ShadowRoot ? ' (shadow)' : '';
  return `${el.localName}${name ? `[name=${name}]` : ''}${part ? `[part="${part}"]` : ''}${classes}${text}${where}`;
}

/** Shown to people: has a box, is not `visibility: hidden`, and is not clipped away like a visually-hidden label (itself or an ancestor). */
export function visible(el: Element): boolean {
  const box = el.getBoundingClientRect();
  if (box.width <= 1 || box.height <= 1 || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
  for (let node: Element | null = el; node; node = flatParent(node)) {
    const { clipPath, clip } = getComputedStyle(node);
    if (clipPath.startsWith('inset(50%') || /^rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)$/.test(clip)) return false;
  }
  return true;
}

type Rgba = [number, number, number, number];

const canvas = new OffscreenCanvas(1, 1);
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

/** Paints `colors` bottom to top on one pixel and reads the result: any CSS colour syntax, alpha blended by the browser. */
function paint(...colors: string[]): Rgba {
  ctx.globalCompositeOperation = 'copy';
  ctx.fillStyle = 'transparent';
  ctx.fillRect(0, 0, 1, 1);
  ctx.globalCompositeOperation = 'source-over';
  for (const color of colors) {
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
  }
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

const alpha = (color: string) => paint(color)[3];
const css = ([r, g, b]: Rgba) => `rgb(${r} ${g} ${b})`;

/** The parent as painted: a slotted node's slot, a shadow root's host. */
function flatParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** What is behind `el`: the ancestors' background colours up to the first opaque one, blended (background images are not read). */
function backdrop(el: Element): Rgba {
  const layers: string[] = [];
  for (let node = flatParent(el); node; node = flatParent(node)) {
    const color = getComputedStyle(node).backgroundColor;
    if (alpha(color) === 0) continue;
    layers.unshift(color);
    if (alpha(color) === 1) break;
  }
  // Nothing opaque up to <html>: the canvas colour of the (emulated) colour scheme.
  if (!layers.length || alpha(layers[0]) < 1) layers.unshift(getComputedStyle(document.body).backgroundColor);
  return paint(...layers);
}

export interface EdgeContrast {
  control: string;
  ratio: number;
  /** What was measured, e.g. `border rgb(214 217 224) on rgb(255 255 255) 1.4:1; fill …`. */
  detail: string;
}

const sides = ['top', 'right', 'bottom', 'left'] as const;

/**
 * WCAG 1.4.11 for control boundaries: the best of the border (each painted side) and the
 * control's own fill against what surrounds it. Text-only buttons (no border, no fill) and
 * disabled controls have no boundary to measure and are left out, as WCAG leaves them out.
 */
export function edgeContrasts(root: Element): EdgeContrast[] {
  const controls = allElements(root).filter((el): el is HTMLElement => {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement || el instanceof HTMLButtonElement))
      return false;
    if (el.disabled || (el instanceof HTMLInputElement && el.type === 'hidden')) return false;
    if (el instanceof HTMLButtonElement && isPrimary(el)) return false;
    return visible(el);
  });
  const results: EdgeContrast[] = [];
  for (const control of controls) {
    const style = getComputedStyle(control);
    const behind = backdrop(control);
    const behindCss = css(behind);
    const fillLayer = style.backgroundColor;
    const fill = paint(behindCss, fillLayer);
    const measured: { what: string; ratio: number; color: Rgba }[] = [];
    for (const side of sides) {
      const width = parseFloat(style.getPropertyValue(`border-${side}-width`));
      const kind = style.getPropertyValue(`border-${side}-style`);
      const color = style.getPropertyValue(`border-${side}-color`);
      if (!width || kind === 'none' || kind === 'hidden' || alpha(color) === 0) continue;
      // The border is painted over the control's own background (background-clip: border-box).
      const painted = style.backgroundClip === 'border-box' ? paint(behindCss, fillLayer, color) : paint(behindCss, color);
      measured.push({ what: `border-${side}`, ratio: contrast(painted, behind), color: painted });
    }
    if (alpha(fillLayer) > 0) measured.push({ what: 'fill', ratio: contrast(fill, behind), color: fill });
    if (!measured.length) continue; // text-only button
    const best = measured.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const border = measured.find((m) => m.what.startsWith('border'));
    const parts = [
      border && `border ${css(border.color)} ${border.ratio.toFixed(2)}:1`,
      alpha(fillLayer) > 0 && `fill ${css(fill)} ${contrast(fill, behind).toFixed(2)}:1`,
    ];
    results.push({ control: describe(control), ratio: best.ratio, detail: `${parts.filter(Boolean).join(', ')} against ${behindCss}` });
  }
  return results;
}

function isPrimary(button: HTMLButtonElement): boolean {
  return (
    button.classList.contains('primary') ||
    button.classList.contains('ciam-button-primary') ||
    (button.getAttribute('part') ?? '').split(/\s+/).includes('primary-button')
  );
}

export interface Overflow {
  page: { scrollWidth: number; clientWidth: number };
  /** Elements whose box reaches past the viewport's start or end edge. */
  elements: string[];
}

/** Horizontal overflow: the page scrolls sideways, or a visible piece of the component sticks out of the viewport (either side, for RTL). */
export function overflow(root: Element): Overflow {
  const page = document.scrollingElement!;
  const width = document.documentElement.clientWidth;
  const elements: string[] = [];
  for (const el of [root, ...allElements(root)]) {
    // Visually-hidden labels and autofill inputs are clipped on purpose.
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5 || box.left < -0.5) elements.push(`${describe(el)} spans ${Math.round(box.left)}–${Math.round(box.right)} px`);
  }
  return { page: { scrollWidth: page.scrollWidth, clientWidth: page.clientWidth }, elements };
}

/** Every `<form>` the component renders (light DOM and shadow roots) and whether it has `novalidate`. */
export function forms(root: Element): { form: string; noValidate: boolean }[] {
  return allElements(root)
    .filter((el): el is HTMLFormElement => el instanceof HTMLFormElement)
    .map((form) => {
      const fields = [...form.elements].map((field) => field.getAttribute('name')).filter(Boolean);
      return { form: `${describe(form)} (fields: ${fields.join(', ') || 'none'})`, noValidate: form.noValidate };
    });
}

/** What WCAG 2.5.8 calls a target: what takes a pointer's press. Checkboxes and radios count with their labels. */
const TARGETS = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  ...['button', 'link', 'menuitem', 'menuitemradio', 'menuitemcheckbox', 'tab', 'switch', 'checkbox', 'radio', 'option'].map((role) => `[role="${role}"]`),
].join(', ');

export interface SmallTarget {
  control: string;
  /** Its size, e.g. `20×18 px`, and why no exception applies. */
  detail: string;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The box a pointer can press: the control's, joined with its labels' for a checkbox or radio (a click on the label checks it). */
function targetBox(el: Element): Box {
  const boxes = [el.getBoundingClientRect()];
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio'))
    for (const label of el.labels ?? []) if (visible(label)) boxes.push(label.getBoundingClientRect());
  return {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}

/** The SC's inline exception: an inline target in a line of other text (a link in a sentence), sized by that text's line height. */
function inSentence(el: Element): boolean {
  if (getComputedStyle(el).display !== 'inline') return false;
  let block = flatParent(el);
  while (block && getComputedStyle(block).display.startsWith('inline')) block = flatParent(block);
  const own = (el.textContent ?? '').trim().length;
  return !!block && (block.textContent ?? '').trim().length > own;
}

/**
 * WCAG 2.2 SC 2.5.8 Target Size (Minimum): every visible, enabled target is at least 24×24 CSS px, or
 * is in a sentence (inline exception), or is spaced: a 24 px circle centred on its box intersects no
 * other target and no other small target's circle. Returns the targets that fail.
 */
export function smallTargets(root: Element): SmallTarget[] {
  const targets = allElements(root)
    .filter((el) => el.matches(TARGETS) && visible(el) && !(el as HTMLButtonElement).disabled)
    // A checkbox's label is a target only through its checkbox; a control inside another target is part of it.
    .filter((el, _, all) => !all.some((other) => other !== el && other.contains(el)));
  const boxes = new Map(targets.map((el) => [el, targetBox(el)]));
  const centre = (b: Box) => ({ x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 });
  const small = targets.filter((el) => {
    const b = boxes.get(el)!;
    return (b.right - b.left < 24 || b.bottom - b.top < 24) && !inSentence(el);
  });
  const failing: SmallTarget[] = [];
  for (const el of small) {
    const box = boxes.get(el)!;
    const c = centre(box);
    const size = `${Math.round(box.right - box.left)}×${Math.round(box.bottom - box.top)} px`;
    const crowding = targets.find((other) => {
      if (other === el) return false;
      const o = boxes.get(other)!;
      // The circle (radius 12) against the other's box; against another small target's circle: centres under 24 px apart.
      const dx = Math.max(o.left - c.x, 0, c.x - o.right);
      const dy = Math.max(o.top - c.y, 0, c.y - o.bottom);
      if (Math.hypot(dx, dy) < 12 - 0.01) return true;
      return small.includes(other) && Math.hypot(centre(o).x - c.x, centre(o).y - c.y) < 24 - 0.01;
    });
    // Alone with room around it, a small target passes (the spacing exception).
    if (crowding) failing.push({ control: describe(el), detail: `${size}, a 24 px circle on it reaches ${describe(crowding)}` });
  }
  return failing;
}
