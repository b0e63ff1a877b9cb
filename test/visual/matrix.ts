/**
 * The screenshot matrix for one locale: every story of every module, saved in
 * light and dark at 1280 and 390 px (test-results/screens/<module>/<story>-<theme>-<width>-<locale>.png),
 * then its checks as separate tests, so a failure names story, theme, width and locale.
 */
import { expect } from '@open-wc/testing';
import { storiesOf } from '../fixtures/stories.js';
import { edgeContrasts, forms, overflow, smallTargets } from './checks.js';
import { clear, saveScreenshot, show, themes, useTheme, useWidth, type Locale } from './stage.js';
import { modules } from './stories.js';

/** Contrast and `novalidate` do not change with the language: checked once, in English. */
const everyLocale = (locale: Locale) => locale === 'en';

export function matrix(locale: Locale) {
  for (const [module, stories] of Object.entries(modules)) {
    for (const [name, story] of storiesOf(stories)) {
      describe(`${module} ${name} (${locale})`, () => {
        let el: HTMLElement;
        before(async () => {
          await useTheme('light');
          await useWidth(1280);
          el = await show(stories, story, locale);
        });
        after(async () => {
          clear();
          await useTheme('light');
        });

        it('saves light and dark screens at 1280 and 390 px', async () => {
          for (const width of [1280, 390] as const) {
            await useWidth(width);
            for (const theme of themes) {
              await useTheme(theme);
              await saveScreenshot(`${module}/${name}-${theme}-${width}-${locale}`);
            }
          }
        });

        for (const width of [320, 390] as const) {
          it(`has no horizontal overflow at ${width} px`, async () => {
            await useWidth(width);
            const found = overflow(el);
            const why = [
              found.page.scrollWidth > found.page.clientWidth &&
                `the page scrolls sideways (scrollWidth ${found.page.scrollWidth} > ${found.page.clientWidth} px)`,
              found.elements.length &&
                `past the ${width} px viewport: ${found.elements.slice(0, 6).join('; ')}${found.elements.length > 6 ? ` (+${found.elements.length - 6} more)` : ''}`,
            ].filter(Boolean);
            expect(why, `${module} ${name} at ${width} px in ${locale}: ${why.join('; ')}`).to.deep.equal([]);
          });
        }

        if (everyLocale(locale)) {
          for (const theme of themes) {
            it(`control edges contrast at least 3:1 in ${theme}`, async function () {
              await useWidth(1280);
              await useTheme(theme);
              blur();
              const results = edgeContrasts(el);
              if (!results.length) this.skip(); // nothing with a boundary to measure (spinners, text only)
              const low = results.filter((r) => r.ratio < 3).map((r) => `${r.control}: ${r.ratio.toFixed(2)}:1 (${r.detail})`);
              expect(low, `${module} ${name} in ${theme}, ${low.length} of ${results.length} controls below 3:1:\n  ${low.join('\n  ')}\n`).to.deep.equal([]);
            });
          }

          for (const width of [1280, 390] as const) {
            it(`has targets of at least 24×24 px, or spaced as WCAG 2.5.8 allows, at ${width} px`, async function () {
              await useWidth(width);
              const small = smallTargets(el).map((t) => `${t.control}: ${t.detail}`);
              expect(small, `${module} ${name} at ${width} px, ${small.length} targets too small:\n  ${small.join('\n  ')}\n`).to.deep.equal([]);
            });
          }

          it('renders every form with novalidate (no browser validation bubbles)', function () {
            const found = forms(el);
            if (!found.length) this.skip(); // this story shows no form
            const missing = found.filter((f) => !f.noValidate).map((f) => f.form);
            expect(missing, `${module} ${name}: ${missing.length} of ${found.length} forms without novalidate: ${missing.join(', ')}`).to.deep.equal([]);
          });
        }
      });
    }
  }
}

/** Measures controls at rest: a focused input shows its focus ring, not its edge. */
function blur() {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  (active as HTMLElement | null)?.blur?.();
}
