import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { docxText } from '../test/support/read-export';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

// Runs after history.spec.ts (alphabetical order, one worker): cutting a revision here
// first would change the revision numbers that spec sees on the shared server.

test.describe('export of revisions and comparisons', () => {
  test('the secretariat exports a revision as PDF and its comparison with now as Word with tracked changes', async ({ page }) => {
    await new SignInPage(page).signIn(ACCOUNTS.secretariat, DEMO_PASSWORD);
    const room = new DraftRoomPage(page);
    await page.goto('/drafts');
    await room.drafts.card(DEMO_DRAFT_TITLE).first().click();
    await page.waitForURL(/\/drafts\/[^/?#]+/);
    await expect(room.connectionStatus).toHaveAttribute('data-synced', 'true', { timeout: 45_000 });
    const draftId = /\/drafts\/([^/?#]+)/.exec(page.url())![1];
    const cut = await page.request.post(`/api/drafts/${draftId}/revisions`, { data: { note: 'For comment by capitals' } });
    expect(cut.status()).toBe(201);
    const { number } = (await cut.json()) as { number: number };

    await page.goto(`/drafts/${draftId}/history?view=revision&rev=${number}`);
    const pdfButton = page.getByTestId('revision-export-pdf').getByRole('button', { name: 'Export PDF' });
    await expect(pdfButton).toBeVisible({ timeout: 30_000 });
    const [pdf] = await Promise.all([page.waitForEvent('download'), pdfButton.click()]);
    expect(pdf.suggestedFilename()).toMatch(new RegExp(`^${DEMO_DRAFT_TITLE} Rev\\.${number} \\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    expect(
      fs
        .readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    await page.goto(`/drafts/${draftId}/history?view=compare&from=rev:${number}&to=now`);
    const compareButton = page.getByTestId('compare-export').getByRole('button', { name: 'Export as Word (tracked changes)' });
    await expect(compareButton).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/export-compare.png' });
    const [docx] = await Promise.all([page.waitForEvent('download'), compareButton.click()]);
    expect(docx.suggestedFilename()).toMatch(new RegExp(`^${DEMO_DRAFT_TITLE} Rev\\.${number} to now \\d{4}-\\d{2}-\\d{2}\\.docx$`));
    const text = await docxText(fs.readFileSync(await docx.path()));
    expect(text).toContain(`Changes from Rev.${number}`);
    expect(text).toContain('1. Purpose — unchanged');
  });
});
