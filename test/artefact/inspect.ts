/**
 * Opens a fixture page in Chromium and reports, per tag, whether the element
 * was defined, upgraded and drew its shadow DOM, plus every uncaught error.
 */
import type { Browser, Page } from 'playwright';

export interface ElementReport {
  defined: boolean;
  /** The page itself had one (otherwise one was created to see it render). */
  placed: boolean;
  upgraded: boolean;
  /** Nodes Lit rendered into the shadow root (its part marker counts: <ciam-user> draws nothing while signed out). */
  shadowNodes: number;
  parts: string[];
  /** The reflected session state, when the element has one. */
  state: string | null;
}

export interface PageReport {
  elements: Record<string, ElementReport>;
  /** Uncaught exceptions and console errors, in order. */
  errors: string[];
  /** The light-DOM form of `#embedded` (embedded mode: the forms are a lazy chunk), if it appeared. */
  embeddedForm: boolean | null;
}

/** Long enough for a cold page with lazy chunks on a busy CI machine; only a failure waits this long. */
const SETTLE_MS = 15_000;

export async function inspectPage(browser: Browser, url: string, tags: string[]): Promise<PageReport> {
  const page = await browser.newPage();
  const errors = pageErrors(page);
  try {
    await page.goto(url);
    // Settled: every tag defined, no element still starting, the embedded form drawn. A timeout is not
    // an error here: the report then says what is missing, element by element.
    await page
      .waitForFunction(
        (tags) =>
          tags.every((tag) => customElements.get(tag)) &&
          !document.querySelector('[state="idle"], [state="discovering"]') &&
          (!document.querySelector('#embedded') || !!document.querySelector('#embedded form')),
        tags,
        { timeout: SETTLE_MS },
      )
      .catch(() => undefined);
    const report = await page.evaluate(async (tags) => {
      const elements: Record<string, ElementReport> = {};
      for (const tag of tags) {
        const ctor = customElements.get(tag);
        let element = document.querySelector(tag);
        const placed = element !== null;
        if (!element && ctor) element = document.body.appendChild(document.createElement(tag));
        if (element && 'updateComplete' in element) await element.updateComplete;
        const shadow = element?.shadowRoot;
        elements[tag] = {
          defined: ctor !== undefined,
          placed,
          upgraded: ctor !== undefined && element instanceof ctor,
          shadowNodes: shadow?.childNodes.length ?? 0,
          parts: [...(shadow?.querySelectorAll('[part]') ?? [])].map((node) => node.getAttribute('part')!),
          state: element?.getAttribute('state') ?? null,
        };
      }
      const embedded = document.querySelector('#embedded');
      return { elements, embeddedForm: embedded ? embedded.querySelector('form input[autocomplete~="username"]') !== null : null };
    }, tags);
    return { ...report, errors };
  } finally {
    await page.close();
  }
}

/** Why `tag` does not count as defined and rendered in `report`, or null when it does. */
export function renderProblem(report: PageReport, tag: string): string | null {
  const element = report.elements[tag];
  if (!element?.defined) return `<${tag}> is not defined (customElements.get('${tag}') is undefined)`;
  if (!element.upgraded) return `<${tag}> is defined but the element on the page was not upgraded`;
  if (element.shadowNodes === 0) return `<${tag}> did not render: its shadow root is empty or missing`;
  if (element.state !== null && element.state !== 'signed-out')
    return `<${tag}> stopped in state "${element.state}" instead of "signed-out" (the stub OP's discovery)`;
  return null;
}

export interface LinkReport {
  /** A <ciam-login> asked "Is this you signing in?": the lazy landing and the client's link code loaded. */
  asked: boolean;
  /** The token left the address bar. */
  addressCleared: boolean;
  errors: string[];
}

/** The page a sign-in link opens (`#ciam_link=…`), against the static server's challenge endpoint (serve.ts). */
export async function inspectLinkPage(browser: Browser, url: string): Promise<LinkReport> {
  const page = await browser.newPage();
  const errors = pageErrors(page);
  try {
    await page.goto(`${url}#ciam_link=${'L'.repeat(43)}`);
    const asked = await page
      .waitForFunction(
        () =>
          [...document.querySelectorAll('ciam-login')].some(
            (login) => login.shadowRoot?.querySelector('[part~="title"]')?.textContent?.trim() === 'Is this you signing in?',
          ),
        undefined,
        { timeout: SETTLE_MS },
      )
      .then(
        () => true,
        () => false,
      );
    return { asked, addressCleared: !page.url().includes('ciam_link'), errors };
  } finally {
    await page.close();
  }
}

/** Uncaught exceptions and console errors of `page`, in order, as they come. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return errors;
}
