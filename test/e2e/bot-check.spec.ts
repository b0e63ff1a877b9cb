import { createServer, type Server } from 'node:http';
import { expect, test, type Request } from '@playwright/test';
import { mailbox, useStack } from './stack.js';

// The OP's bot check (demo/op/bot-check.ts) as the embedded form meets it. This file's OP asks before every email
// (`when: 'always'`): the built-in proof of work, under the demo's strict CSP.
const stack = useStack(4820, { botCheck: { when: 'always', provider: { type: 'pow', difficulty: 14 } } });

test('sign-up: the OP asks for a bot check, the form solves it by itself, and the flow goes on with everything typed', async ({ page }) => {
  const { appUrl, opUrl } = stack();
  const challenges: Request[] = [];
  // The sign-up's requests (passkey autofill asks the same endpoint for its options on its own).
  page.on('request', (r) => r.url() === `${opUrl}/challenge` && r.method() === 'POST' && r.postData()?.includes('action=signup') && challenges.push(r));
  const email = `bot-check-${Date.now()}@example.com`;
  await page.goto(`${appUrl}/embedded.html`);
  const card = page.locator('ciam-login');
  await card.getByRole('button', { name: 'Create account' }).click();
  await expect(card.getByLabel('Full name (optional)')).toBeVisible(); // the sign-up form, not the sign-in one it replaces
  await card.getByLabel('Email').fill(email);
  await card.getByLabel('Password', { exact: true }).fill('a long and quiet passphrase');
  await card.getByLabel('Password', { exact: true }).press('Enter');

  // The next step: the verification code, sent only after the proof came.
  await expect(card.getByLabel('Code from the email')).toBeVisible();
  expect(challenges).toHaveLength(2);
  const [first, second] = challenges.map((r) => new URLSearchParams(r.postData() ?? ''));
  expect(first.get('bot_proof')).toBeNull();
  expect(second.get('bot_proof')).toMatch(/^pow:[\w-]+\.\d+\.14\.[\w-]+:\d+$/);
  expect([second.get('email'), second.get('password')]).toEqual([email, 'a long and quiet passphrase']);
  expect((await mailbox(opUrl, email)).map((m) => m.subject)).toEqual(['Confirm your email for Demo ID']);
  await expect(page.locator('script[src*="cloudflare"], script[src*="hcaptcha"]')).toHaveCount(0);
});

test.describe('a provider’s widget (Turnstile, stubbed on this machine)', () => {
  // Its own OP, asking for Turnstile and verifying at a stub siteverify here; the stub script is served in place
  // of Cloudflare's by the browser's router, so nothing leaves the machine.
  const turnstile = useStack(4890, {
    botCheck: {
      when: 'always',
      provider: { type: 'turnstile', siteKey: 'test-site-key', secret: 'test-secret', verifyUrl: 'http://127.0.0.1:4895/siteverify' },
    },
  });
  test.use({ bypassCSP: true }); // the demo's strict CSP names no widget provider; README lists what a page must add
  let siteverify: Server;
  const verified: string[] = [];
  test.beforeAll(async () => {
    siteverify = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const token = new URLSearchParams(body).get('response') ?? '';
        verified.push(token);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: token === 'stub-turnstile-token' }));
      });
    });
    await new Promise<void>((resolve) => siteverify.listen(4895, '127.0.0.1', resolve));
  });
  test.afterAll(() => new Promise<void>((resolve) => siteverify.close(() => resolve())));

  test('its script loads only when the OP asks; the widget’s token passes the OP’s check and the flow goes on', async ({ page }) => {
    const { appUrl, opUrl } = turnstile();
    const scripts: string[] = [];
    await page.route('https://challenges.cloudflare.com/**', (route) => {
      scripts.push(route.request().url());
      return route.fulfill({
        contentType: 'text/javascript',
        body: `window.turnstile = { render(el, o) { const b = document.createElement('button'); b.type = 'button'; b.textContent = 'I am human';
          b.onclick = () => o.callback('stub-turnstile-token'); el.append(b); } };`,
      });
    });
    await page.goto(`${appUrl}/embedded.html`);
    const card = page.locator('ciam-login');
    await card.getByLabel('Email').fill('ada@example.com');
    await card.getByLabel('Email').press('Enter');
    await expect(card.getByLabel('Password', { exact: true })).toBeVisible();
    expect(scripts, 'not loaded with the page or for a password').toEqual([]);

    await card.getByRole('button', { name: 'Email me a code instead' }).click();
    await expect(card.getByText('Confirm that you are a person to continue.')).toBeVisible();
    await card.getByRole('button', { name: 'I am human' }).click();
    expect(scripts).toEqual(['https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit']);
    await expect(card.getByLabel('Code from the email')).toBeVisible();
    expect(verified).toEqual(['stub-turnstile-token']);
    expect((await mailbox(opUrl, 'ada@example.com')).at(-1)?.subject).toMatch(/code/i);
  });
});
