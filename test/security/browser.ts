/**
 * What the browser battery watches in a page: CSP and Trusted Types
 * violations (`securitypolicyviolation`, collected from the first script on),
 * a sentinel every XSS vector tries to set (`window.__pwned`), and a walk of
 * the light DOM and every shadow root for markup a vector could have
 * injected. Also: the tokens a page received, to look for them in storage,
 * cookies and the DOM.
 */
import { expect, type Page, type Route } from '@playwright/test';

declare global {
  interface Window {
    __pwned?: unknown;
    __violations?: string[];
  }
}

/** Starts collecting violations before any page script runs (every navigation of `page`). */
export async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations!.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
}

export async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__violations ?? []);
}

/** The marker every XSS vector carries in what it would execute or load. */
export const MARKER = /__pwned|evil\.example/i;

/**
 * Markup a vector injected, anywhere in the page (light DOM and every shadow root): an inline event handler
 * attribute (the elements and the demo never use one: Lit binds listeners), a URL- or code-bearing attribute
 * that carries the marker, or a raw-text element (script, style...) with the marker in its text. Text nodes and
 * plain attributes (aria-label, value, title, alt) may hold a vector as text: that is rendering it safely.
 */
export async function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate((marker) => {
    const pattern = new RegExp(marker, 'i');
    const urlAttributes = new Set([
      'href',
      'src',
      'srcset',
      'action',
      'formaction',
      'data',
      'poster',
      'xlink:href',
      'background',
      'srcdoc',
      'style',
      'content',
      'ping',
      'codebase',
    ]);
    const rawText = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'XMP', 'IFRAME', 'NOEMBED', 'NOFRAMES']);
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        for (const { name, value } of el.attributes) {
          if (name.startsWith('on') || (urlAttributes.has(name) && pattern.test(value))) found.push(`<${el.localName} ${name}="${value}">`);
        }
        if (rawText.has(el.tagName) && pattern.test(el.textContent ?? '')) found.push(`<${el.localName}>${el.textContent}`);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return found;
  }, MARKER.source);
}

/** No vector ran, none injected markup, and the page's CSP saw nothing blocked. */
export async function expectNoXss(page: Page, vector: string) {
  expect(await page.evaluate(() => window.__pwned), `script ran for ${vector}`).toBeUndefined();
  expect(await injectedMarkup(page), `markup injected by ${vector}`).toEqual([]);
  expect(await violations(page), `CSP violations for ${vector}`).toEqual([]);
}

/** Base64url of JSON, as in a JWT. */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT with its header and payload changed and the signature kept (the elements, like OIDC Core §3.1.3.7 item 6 allows, do not check it). */
export function tamperJwt(
  jwt: string,
  claims: (c: Record<string, unknown>) => Record<string, unknown>,
  header?: (h: Record<string, unknown>) => Record<string, unknown>,
) {
  const [h, p, s] = jwt.split('.');
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;
  return [header ? b64(header(decode(h))) : h, b64(claims(decode(p))), s].join('.');
}

/**
 * A hostile (or broken) OP's token answer: the real token endpoint's answer with the ID token's claims (and
 * header) changed, and the same claims changed in userinfo. Returns the tokens the page received.
 */
export async function tamperTokenAnswers(
  page: Page,
  opUrl: string,
  claims: (c: Record<string, unknown>) => Record<string, unknown>,
  header?: (h: Record<string, unknown>) => Record<string, unknown>,
) {
  const received: string[] = [];
  await page.route(`${opUrl}/token`, async (route: Route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, string>;
    if (body.id_token) body.id_token = tamperJwt(body.id_token, claims, header);
    received.push(...['access_token', 'refresh_token', 'id_token'].map((k) => body[k]).filter(Boolean));
    await route.fulfill({ response, json: body });
  });
  await page.route(`${opUrl}/me`, async (route: Route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: claims((await response.json()) as Record<string, unknown>) });
  });
  return received;
}

/** The tokens the OP's token endpoint handed the page, as they travel (to look for them where they must not be). */
export function recordTokens(page: Page, opUrl: string): string[] {
  const tokens: string[] = [];
  page.on('response', (response) => {
    if (response.url() !== `${opUrl}/token` || response.request().method() !== 'POST') return;
    void response
      .json()
      .then((body: Record<string, unknown>) => {
        for (const key of ['access_token', 'refresh_token', 'id_token']) if (typeof body[key] === 'string') tokens.push(body[key]);
      })
      .catch(() => undefined);
  });
  return tokens;
}

/** Aborts (and lists) every request that would leave this machine: a vector that got through must not reach the network. */
export async function blockOffMachine(page: Page): Promise<string[]> {
  const blocked: string[] = [];
  await page.context().route(
    (url) => !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && /^(https?|wss?):$/.test(url.protocol),
    async (route) => {
      blocked.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return blocked;
}
