import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { compactVerify, createRemoteJWKSet } from 'jose';
import { axeViolations, signInEmbedded, useStack } from './stack.js';

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
});
