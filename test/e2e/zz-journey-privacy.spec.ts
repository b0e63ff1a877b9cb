import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Modes } from '../../src/core/config.js';
import { CiamErrorCodes } from '../../src/core/error-codes.js';
import { SEEDED_USER, useStack } from './stack.js';

// ciam-journey events (src/core/journey.ts) carry no personal data. Named to run last (one worker, files in order):
// by then every demo page of the e2e run has sent its events to the demo's collector (demo/journey.ts), which keeps
// them in CIAM_JOURNEY_LOG. Its own flows come first, so the scan has something to read when it runs alone.
const stack = useStack(4930);

const STEPS = [
  'identifier',
  'password',
  'email-code',
  'email-link',
  'guest-merge',
  'signup',
  'verify-email',
  'recover',
  'recovery-code',
  'passkey',
  'provider',
  'passkey-add',
  'profile',
  'connect',
  'disconnect',
  'consent',
  'sessions',
  'session-warning',
];
const METHODS = ['password', 'email_code', 'email_link', 'guest', 'passkey', 'sign_up', 'recovery', 'social', 'redirect', 'popup'];
const DURATIONS = ['<1s', '1-3s', '3-10s', '10-30s', '30-60s', '1-3min', '3-10min', '>10min'];
const ALLOWED: Record<string, (value: unknown) => boolean> = {
  type: (v) => ['step', 'method', 'outcome'].includes(v as string),
  attempt: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v),
  // The sign-in modes, and `bff` (JourneyMode: backend-for-frontend, bff.html).
  mode: (v) => v === null || v === 'bff' || (Modes as readonly unknown[]).includes(v),
  element: (v) => typeof v === 'string' && /^ciam-[a-z-]+$/.test(v),
  step: (v) => STEPS.includes(v as string),
  method: (v) => METHODS.includes(v as string),
  outcome: (v) => ['ok', 'error', 'cancelled'].includes(v as string),
  code: (v) => (CiamErrorCodes as readonly unknown[]).includes(v),
  duration: (v) => DURATIONS.includes(v as string),
};

/** What personal data looks like, whatever the field: an email, a token, a code or number, a name we typed anywhere. */
function personal(text: string): string | null {
  const checks: [string, RegExp][] = [
    ['an email address', /[^\s@"]+@[^\s@"]+/],
    ['a JWT', /eyJ[\w-]{8,}\.[\w-]{8,}/],
    ['a one-time code or phone number', /\d{6,}/],
    ['a name', /Ada|Lovelace|Grace|Hopper|Lin |Bo"/],
    ['a password', /passphrase|correct-horse|battery-staple/i],
  ];
  return checks.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

test('journey events: one attempt’s story, the demo’s funnel from them, and nothing personal in any event of the run', async ({ page }) => {
  const { appUrl } = stack();
  await page.goto(`${appUrl}/embedded.html`);
  await page.evaluate(() => {
    (window as unknown as { journey: unknown[] }).journey = [];
    document.addEventListener('ciam-journey', (e) => (window as unknown as { journey: unknown[] }).journey.push(e.detail));
  });
  const card = page.locator('ciam-login');
  await card.getByLabel('Email').fill(SEEDED_USER.email);
  await card.getByLabel('Email').press('Enter');
  await card.getByLabel('Password', { exact: true }).fill('not the right one at all');
  await card.getByLabel('Password', { exact: true }).press('Enter');
  await expect(card.getByRole('alert')).toContainText('Wrong email or password');
  await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
  await card.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.locator('ciam-user').getByText('Ada Lovelace')).toBeVisible();

  const story = (await page.evaluate(() => (window as unknown as { journey: Record<string, unknown>[] }).journey)).map(({ attempt, ...rest }) => ({
    ...rest,
    attempt: typeof attempt,
  }));
  expect(story).toEqual([
    { type: 'step', step: 'identifier', mode: 'embedded', element: 'ciam-login', attempt: 'string' },
    { type: 'step', step: 'password', mode: 'embedded', element: 'ciam-login', attempt: 'string' },
    { type: 'method', method: 'password', mode: 'embedded', element: 'ciam-login', attempt: 'string' },
    {
      type: 'outcome',
      outcome: 'error',
      code: 'invalid_credentials',
      duration: expect.any(String),
      mode: 'embedded',
      element: 'ciam-login',
      attempt: 'string',
    },
    { type: 'method', method: 'password', mode: 'embedded', element: 'ciam-login', attempt: 'string' },
    { type: 'outcome', outcome: 'ok', duration: expect.any(String), mode: 'embedded', element: 'ciam-login', attempt: 'string' },
  ]);
  const attempts = await page.evaluate(() => new Set((window as unknown as { journey: { attempt: string }[] }).journey.map((e) => e.attempt)).size);
  expect(attempts, 'one attempt, from the email to signed in').toBe(1);

  // The demo's funnel counts it.
  const funnel = page.locator('.funnel');
  await expect(funnel.getByRole('row', { name: /^password/ })).toHaveText(/password\s*1\s*1/);

  // Every event of the run, as the pages sent them.
  const log = process.env.CIAM_JOURNEY_LOG ?? '';
  expect(existsSync(log), `the journey log ${log}`).toBe(true);
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  expect(lines.length).toBeGreaterThanOrEqual(5);
  for (const line of lines) {
    const event = JSON.parse(line) as Record<string, unknown>;
    for (const [key, value] of Object.entries(event)) {
      expect(ALLOWED[key]?.(value), `${key}=${JSON.stringify(value)} in ${line}`).toBe(true);
    }
    // The attempt id is checked above as a random UUID (its hex may hold a run of digits); everything else is scanned.
    expect(personal(JSON.stringify({ ...event, attempt: undefined })), line).toBeNull();
  }
  test.info().annotations.push({ type: 'journey events scanned', description: String(lines.length) });
});
