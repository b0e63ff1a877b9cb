import { contrast } from '../contrast.js';
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, failOnPageErrors, useStack } from './stack.js';

// The themes gallery (demo/app/themes.html): three brands built only from --ciam-* properties, ::part() rules and
// the form's .ciam-* classes, each readable in light and in dark, by the visitor's scheme or by the `theme` switch.
const stack = useStack(4900);
test.use({ bypassCSP: true }); // axe arrives as an inline script

const brands = ['bank', 'game', 'minimal'] as const;

/** What sets each brand's card apart, read from the rendered elements. */
async function looks(page: Page) {
  return page.evaluate((names) => {
    return names.map((brand) => {
      const login = document.querySelector(`.${brand} ciam-login`)!;
      const card = getComputedStyle(login.shadowRoot!.querySelector('[part~="card"]')!);
      const input = getComputedStyle(login.querySelector('input[name="username"]')!);
      const primary = getComputedStyle(login.querySelector('.ciam-button-primary')!);
      return {
        surface: card.backgroundColor,
        radius: card.borderTopLeftRadius,
        font: card.fontFamily,
        primary: primary.backgroundColor,
        onPrimary: primary.color,
        inputEdge: input.borderBottomColor,
        inputHeight: Math.round(parseFloat(input.height)),
      };
    });
  }, brands);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`three brands, each passing axe (contrast included) and 3:1 field edges, in ${scheme}`, async ({ page }) => {
    const noErrors = failOnPageErrors(page);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${stack().appUrl}/themes.html`);
    for (const brand of brands) await expect(page.locator(`.${brand} ciam-login`).getByLabel('Email')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    const found = await looks(page);
    for (const [i, look] of found.entries()) {
      expect(contrast(look.inputEdge, look.surface), `${brands[i]}: field edge on the card`).toBeGreaterThanOrEqual(3);
      expect(contrast(look.onPrimary, look.primary), `${brands[i]}: the primary button's text`).toBeGreaterThanOrEqual(4.5);
    }
    // Very different brands: no two share a surface, a primary colour, a corner radius, a typeface or a field height.
    for (const key of ['surface', 'primary', 'radius', 'font', 'inputHeight'] as const) {
      expect(new Set(found.map((look) => look[key])).size, `${key}: ${found.map((look) => look[key]).join(' | ')}`).toBe(3);
    }
    await page.screenshot({ path: `test-results/themes/gallery-${scheme}.png`, fullPage: true });
    noErrors();
  });
}

test('the scheme switch fixes every element’s theme over the visitor’s, and "Follow the system" gives it back', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${stack().appUrl}/themes.html`);
  await expect(page.locator('.bank ciam-login').getByLabel('Email')).toBeVisible();
  const light = await looks(page);

  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('.gallery ciam-login[theme="dark"]')).toHaveCount(3);
  const dark = await looks(page);
  expect(dark.map((look) => look.surface)).toEqual(['rgb(15, 26, 44)', 'rgb(27, 16, 51)', 'rgb(0, 0, 0)']);
  expect(await axeViolations(page), 'forced dark on a light system').toEqual([]);

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('radio', { name: 'Light' }).check();
  expect(
    (await looks(page)).map((look) => look.surface),
    'forced light on a dark system',
  ).toEqual(light.map((look) => look.surface));
  expect(await axeViolations(page), 'forced light on a dark system').toEqual([]);

  await page.getByRole('radio', { name: 'Follow the system' }).check();
  await expect(page.locator('.gallery ciam-login[theme]')).toHaveCount(0);
  expect((await looks(page)).map((look) => look.surface)).toEqual(dark.map((look) => look.surface));
});
