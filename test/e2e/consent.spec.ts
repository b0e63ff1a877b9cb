import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { compactVerify, createRemoteJWKSet } from 'jose';
import { axeViolations, SEEDED_USER, signInEmbedded, useStack } from './stack.js';

// <ciam-consent> in the demo's account panel, against the demo OP's consent API and signed receipts.
const stack = useStack(4970);
test.use({ bypassCSP: true }); // axe arrives as an inline script

const consent = (page: Page) => page.locator('ciam-consent');
const row = (page: Page, title: string) => consent(page).getByRole('listitem').filter({ hasText: title }).first();

async function signIn(page: Page) {
  await signInEmbedded(page, stack().appUrl);
  await expect(consent(page).getByRole('heading', { level: 2 })).toBeVisible();
}

test.describe('consent', () => {
  test('agree to the documents, a new terms version asks again, withdraw, receipts listed and their signature verifies', async ({ page }) => {
    await signIn(page);
    await expect(consent(page).getByRole('heading', { name: 'Before you continue' })).toBeVisible();
    await expect(consent(page)).toHaveAttribute('blocking', '');
    expect(await axeViolations(page), 'the consent card').toEqual([]);

    // Keyboard only: Tab to "I agree" for the terms, Enter; then the privacy policy.
    const agreeTerms = consent(page).getByRole('button', { name: 'I agree: Terms of service 2026-11' });
    await agreeTerms.focus();
    await page.keyboard.press('Enter');
    await expect(row(page, 'Terms of service')).toContainText('You agreed to version 2026-11 on');
    await consent(page).getByRole('button', { name: 'I agree: Privacy policy 2026-11' }).click();
    await expect(consent(page).getByRole('heading', { name: 'Your agreements' })).toBeVisible();
    await expect(consent(page)).not.toHaveAttribute('blocking', '');

    // Optional: one switch, one click each way.
    const marketing = consent(page).getByRole('switch', { name: /Product news by email/ });
    await marketing.check();
    await expect(row(page, 'Product news by email')).toContainText('Allowed since');
    await marketing.uncheck();
    await expect(row(page, 'Product news by email')).toContainText('Not allowed.');

    // A new version of the terms: asked again at the next sign-in, with what changed and what was agreed before.
    stack().op.publishDocument('terms', '2026-12', 'Terms of service, December 2026.', `${stack().opUrl}/legal/terms/2026-12`);
    await signIn(page);
    await expect(consent(page).getByRole('heading', { name: 'Before you continue' })).toBeVisible();
    await expect(row(page, 'Terms of service')).toContainText('There is a new version (2026-12). You agreed to version 2026-11 on');
    await expect(row(page, 'Terms of service').getByRole('link', { name: 'What changed' })).toBeVisible();
    await consent(page).getByRole('button', { name: 'I agree: Terms of service 2026-12' }).click();
    await expect(consent(page)).not.toHaveAttribute('blocking', '');

    // Receipts: every decision; the newest downloads as a JWS the OP's keys verify.
    const receipts = consent(page).locator('[part~="receipt"]');
    await expect(receipts).toHaveCount(5);
    const download = page.waitForEvent('download');
    await receipts.first().getByRole('button').click();
    const file = await (await download).path();
    const jws = readFileSync(file, 'utf8');
    const { payload, protectedHeader } = await compactVerify(jws, createRemoteJWKSet(new URL(`${stack().opUrl}/jwks`)));
    expect(protectedHeader.typ).toBe('consent-receipt+jwt');
    const receipt = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    expect(receipt).toMatchObject({
      iss: stack().opUrl,
      services: [{ purposes: [{ purposeCategory: ['terms'], purposeGranted: true, documentVersion: '2026-12' }] }],
    });
  });

  test('the OP asks for access with <ciam-consent mode="hosted">: keyboard only, untick a scope, Allow; the app gets the rest', async ({ page }) => {
    const { appUrl } = stack();
    await page.goto(`${appUrl}/`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const card = page.locator('ciam-login');
    await card.getByLabel('Email').fill(SEEDED_USER.email);
    await card.getByLabel('Email').press('Enter');
    await card.getByLabel('Password', { exact: true }).fill(SEEDED_USER.password);
    await card.getByLabel('Password', { exact: true }).press('Enter');

    const request = page.locator('ciam-consent[mode="hosted"]');
    await expect(page.getByRole('heading', { name: 'Allow access', level: 1 })).toBeVisible();
    await expect(request.getByText('Demo App would like to:')).toBeVisible();
    await expect(request.getByRole('checkbox', { name: 'See your email address' })).toBeChecked();
    expect(await axeViolations(page), 'the consent page').toEqual([]);

    // Keyboard only: Tab to the email checkbox, Space unticks it, Tab on to Allow, Enter.
    const focusedScope = () => request.evaluate((el) => el.shadowRoot!.activeElement?.closest('[data-scope]')?.getAttribute('data-scope') ?? null);
    for (let tabs = 0; tabs < 10 && (await focusedScope()) !== 'email'; tabs++) await page.keyboard.press('Tab');
    expect(await focusedScope()).toBe('email');
    await page.keyboard.press('Space');
    await expect(request.getByRole('checkbox', { name: 'See your email address' })).not.toBeChecked();
    for (let tabs = 0; tabs < 10; tabs++) {
      await page.keyboard.press('Tab');
      if ((await request.evaluate((el) => el.shadowRoot!.activeElement?.textContent?.trim())) === 'Allow') break;
    }
    await page.keyboard.press('Enter');

    // Back in the app, signed in; the claims came without the email.
    await page.waitForURL(`${appUrl}/**`);
    const claims = page.locator('.account dl');
    await expect(claims.getByText('sub', { exact: true })).toBeVisible();
    await expect(claims.getByText('name', { exact: true })).toBeVisible();
    await expect(claims.getByText('email', { exact: true })).toHaveCount(0);
  });
});
