/**
 * The page a visual test draws on: one story in one locale, colour scheme and
 * viewport, as a page with a 16 px gutter would show it.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand, emulateMedia, setViewport } from '@web/test-runner-commands';
import { nothing, render } from 'lit';
import { loadLocale } from '../../src/i18n/index.js';
import { formReady, storyTemplate, type StoriesModule, type Story } from '../fixtures/stories.js';

export const themes = ['light', 'dark'] as const;
export type Theme = (typeof themes)[number];
export const locales = ['en', 'de', 'ar', 'ja'] as const;
export type Locale = (typeof locales)[number];
/** Desktop and phone (iPhone 12–15) widths; heights only matter for what is above the fold. */
export const viewports = { 1280: 800, 390: 844, 320: 640 } as const;
export type Width = keyof typeof viewports;

const style = document.createElement('style');
// `Canvas` follows the emulated colour scheme, so a dark story sits on a dark page, as on a real one.
style.textContent = 'html { color-scheme: light dark; } body { margin: 0; padding: 16px; background: Canvas; color: CanvasText; }';
document.head.append(style);

const container = document.createElement('div');
document.body.append(container);

export async function useTheme(theme: Theme) {
  await emulateMedia({ colorScheme: theme });
  await frames(2);
}

export async function useWidth(width: Width) {
  await setViewport({ width, height: viewports[width] });
  await frames(2);
}

/**
 * Renders a story as its module's `render` does, in `locale`: `<html lang dir>` and the
 * element's `locale` (unless the story sets its own), the catalog loaded first so the first
 * paint is already in that language. Resolves when the element has stopped changing.
 */
export async function show(module: StoriesModule, story: Story<never>, locale: Locale): Promise<HTMLElement> {
  clear();
  document.documentElement.lang = locale;
  document.documentElement.dir = locale === 'ar' ? 'rtl' : 'ltr';
  await loadLocale(locale);
  const { args, template } = storyTemplate(module, story);
  render(template, container);
  const el = container.firstElementChild as HTMLElement & { locale: string };
  if (!args.locale) el.locale = locale;
  await formReady(el);
  await settled(el);
  return el;
}

export function clear() {
  render(nothing, container);
}

/** Saves the page (full height) as test-results/screens/<path>.png. */
export async function saveScreenshot(path: string) {
  await executeServerCommand('save-screenshot', { path });
}

/** The story modules in stories/ (asked of the server, so a new module cannot be left out unnoticed). */
export async function storyFiles(): Promise<string[]> {
  return (await executeServerCommand<string[], undefined>('story-files')) ?? [];
}

/** Everything the element shows, across its shadow root and light DOM (lazy catalogs and lists arrive late). */
function snapshot(el: HTMLElement) {
  return `${el.shadowRoot?.innerHTML ?? ''}|${el.innerHTML}|${el.shadowRoot?.textContent ?? ''}`;
}

/** Waits until nothing changed for three frames in a row (a countdown ticking once a second does not stop it). */
async function settled(el: HTMLElement) {
  await document.fonts.ready;
  let last = '';
  let same = 0;
  await waitUntil(
    async () => {
      await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
      await frames(1);
      const now = snapshot(el);
      same = now === last ? same + 1 : 0;
      last = now;
      return same >= 3;
    },
    'the story did not settle',
    { timeout: 5000, interval: 10 },
  );
}

function frames(n: number): Promise<void> {
  return n <= 0 ? Promise.resolve() : new Promise((r) => requestAnimationFrame(() => void frames(n - 1).then(r)));
}
