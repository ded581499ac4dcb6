import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { docxText } from '../test/support/read-export';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

/** Opens the demo draft; the first load after the server starts can be slow on a busy machine. */
async function openDemoDraft(page: Page): Promise<void> {
  await page.goto('/drafts');
  await page.getByTestId('draft-card').filter({ hasText: DEMO_DRAFT_TITLE }).first().click();
  await page.waitForURL(/\/drafts\/[^/?#]+/);
  await expect(new DraftRoomPage(page).connectionStatus).toHaveAttribute('data-synced', 'true', { timeout: 45_000 });
}

const FILE_NAME = /^Framework for Security Guarantees for Ukraine \d{4}-\d{2}-\d{2}\.(docx|pdf)$/;

test.describe('export', () => {
  test('a delegate downloads the text as DOCX with the positions annex and as PDF from the Export menu', async ({ page }) => {
    await new SignInPage(page).signIn(ACCOUNTS.fr, DEMO_PASSWORD);
    await openDemoDraft(page);

    const exportMenu = page.getByTestId('export-menu');
    const button = exportMenu.getByRole('button', { name: 'Export' });
    await button.click();
    const menu = exportMenu.getByRole('menu', { name: 'Export the current text' });
    await expect(menu.getByRole('menuitem')).toHaveCount(4);
    // Keyboard: the first item has focus, arrows move, Escape returns to the button.
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: /Word with positions annex/ })).toBeFocused();
    await page.screenshot({ path: 'test-results/export-menu.png' });
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();

    await button.click();
    const [docx] = await Promise.all([page.waitForEvent('download'), menu.getByRole('menuitem', { name: /Word with positions annex/ }).click()]);
    expect(docx.suggestedFilename()).toMatch(FILE_NAME);
    expect(docx.suggestedFilename().endsWith('.docx')).toBe(true);
    const text = await docxText(fs.readFileSync(await docx.path()));
    expect(text).toContain('2. Entry into force');
    expect(text).toContain('[and is verified by the monitoring mechanism for [30] [60] consecutive days]');
    expect(text).toContain('16. Review');
    expect(text).toContain('Annex: positions of delegations');
    await expect(exportMenu.getByRole('status')).toHaveText(/Downloaded Framework for Security Guarantees for Ukraine/);

    // A slow answer shows the busy state until the file arrives.
    await page.route('**/api/drafts/*/export?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await button.click();
    const downloading = page.waitForEvent('download');
    await menu.getByRole('menuitem', { name: /PDF for printing/ }).click();
    const busy = exportMenu.getByRole('button', { name: 'Preparing PDF…' });
    await expect(busy).toBeDisabled();
    await expect(busy).toHaveAttribute('aria-busy', 'true');
    const pdf = await downloading;
    expect(pdf.suggestedFilename()).toMatch(FILE_NAME);
    expect(
      fs
        .readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await expect(button).toBeEnabled();
    await page.unroute('**/api/drafts/*/export?*');
  });

  test('shows the server’s refusal when the session has ended', async ({ page, context }) => {
    await new SignInPage(page).signIn(ACCOUNTS.observer, DEMO_PASSWORD);
    await openDemoDraft(page);
    await context.clearCookies();
    const exportMenu = page.getByTestId('export-menu');
    await exportMenu.getByRole('button', { name: 'Export' }).click();
    await exportMenu.getByRole('menuitem', { name: /Word document/ }).click();
    const error = page.getByTestId('export-error');
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('role', 'alert');
    await expect(error).toContainText('Export failed.');
    await expect(error).toContainText('Sign in to continue.');
    await page.screenshot({ path: 'test-results/export-error.png' });
    await error.getByRole('button', { name: 'Dismiss' }).click();
    await expect(error).toBeHidden();
  });
});
