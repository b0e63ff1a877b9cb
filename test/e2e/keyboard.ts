/**
 * A person who only uses the keyboard: keys pressed and text typed, and after
 * each key what has focus, by role and accessible name, as a screen reader
 * would announce it. The keyboard specs act as the person with nothing else (no click, fill or focus);
 * the harness only sets pages up (a route for a fault, an element a demo page lacks).
 */
import { expect, type Page } from '@playwright/test';
import { variants } from '../../demo/app/variants.js';

/**
 * What has focus, followed into shadow roots, as `role "name"` (`textbox "Email"`, `button "Continue"`);
 * an element without a name (an error summary) as `role: its text`; `body` when nothing has it.
 * Playwright's ARIA snapshot of the element gives role and name as the browser computes them.
 */
export async function focused(page: Page): Promise<string> {
  // A render may replace the element between the two looks: then look again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await describeFocus(page);
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

async function describeFocus(page: Page): Promise<string> {
  const text = await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    // The mark is how a locator finds the element focus is on (in whichever tree); one at a time.
    const marked = window as unknown as { keyboardFocus?: Element };
    marked.keyboardFocus?.removeAttribute('data-keyboard-focus');
    if (!el || el === document.body) return null;
    el.setAttribute('data-keyboard-focus', '');
    marked.keyboardFocus = el;
    return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
  if (text === null) return 'body';
  const line = (await page.locator('[data-keyboard-focus]').ariaSnapshot({ timeout: 1000 })).split('\n')[0];
  // `- button "Continue"`, `- 'button "I agree: Terms"': I agree`, `- heading "Title" [level=2]`, `- alert:`
  const match = /^- '?([a-z]+)(?: ("(?:[^"\\]|\\.)*"))?/.exec(line);
  if (!match) return line;
  const [, role, name] = match;
  return name ? `${role} ${JSON.stringify((JSON.parse(name) as string).replace(/''/g, "'"))}` : `${role}: ${text}`;
}

/** Presses `key`, then expects focus on `expected`; waits for it, as a step may first ask the OP. */
export async function press(page: Page, key: string, expected: string | RegExp) {
  await page.keyboard.press(key);
  const poll = expect.poll(() => focused(page), { message: `focus after ${key}` });
  await (typeof expected === 'string' ? poll.toBe(expected) : poll.toMatch(expected));
}

/** Tab once per entry, expecting focus on each in turn (the order a person meets). */
export async function tab(page: Page, ...expected: (string | RegExp)[]) {
  for (const target of expected) await press(page, 'Tab', target);
}

/** Shift+Tab once per entry, expecting focus on each in turn. */
export async function tabBack(page: Page, ...expected: (string | RegExp)[]) {
  for (const target of expected) await press(page, 'Shift+Tab', target);
}

/** Replaces what the focused field holds with `text`, as a person does: select all, then type. */
export async function retype(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** The demo pages' header, in order: the brand and the variants (the user's menu follows when someone is signed in). */
export const TOPBAR = ['link "Acme Store"', ...variants.map(([, label]) => `link "${label}"`)];

/** The OP's consent page (<ciam-consent mode="hosted">): Tab through the scopes, Space toggles one, Allow. */
export async function consentByKeyboard(page: Page) {
  await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
  const scopes = ['checkbox "See your name and date of birth"', 'checkbox "See your email address"', 'checkbox "See your phone number"'];
  await tab(page, ...scopes, 'checkbox "See your country and postal code"');
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'See your country and postal code' })).not.toBeChecked();
  await tab(page, 'button "Allow"', 'button "Deny"');
  await press(page, 'Shift+Tab', 'button "Allow"');
  await page.keyboard.press('Enter');
}
