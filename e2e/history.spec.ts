import { randomBytes } from 'node:crypto';
import { expect, test, type Browser } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { HistoryPage } from './pages/history-page';
import { SignInPage } from './pages/sign-in-page';

/** Signs in and opens the demo draft; the first room of a fresh server may take a while to load on a busy machine. */
async function enterRoom(browser: Browser, email: string): Promise<DraftRoomPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  const room = new DraftRoomPage(page);
  if (!/\/drafts\/?$/.test(new URL(page.url()).pathname)) await page.goto('/drafts');
  await room.drafts.card(DEMO_DRAFT_TITLE).first().click();
  await page.waitForURL(/\/drafts\/[^/?#]+/);
  await expect(room.connectionStatus).toHaveAttribute('data-synced', 'true', { timeout: 30_000 });
  return room;
}

test.describe('history of a draft', () => {
  // A fresh server on a shared two-core machine: the first room and the first page of each kind are slow to load.
  test.describe.configure({ timeout: 180_000 });
  const rooms: DraftRoomPage[] = [];

  test.afterEach(async () => {
    for (const room of rooms.splice(0)) await room.page.context().close();
  });

  test('the secretariat cuts a revision, a delegate edits, and the comparison shows the insertion labelled with its delegation', async ({ browser }) => {
    const secretariat = await enterRoom(browser, ACCOUNTS.secretariat);
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    rooms.push(secretariat, fr);

    const history = new HistoryPage(secretariat.page);
    await history.openFromTabs();
    const number = await history.cutRevision('Circulated to capitals');
    await expect(history.revision(number)).toContainText('Circulated to capitals');

    // The delegate's room shows "Changes since Rev.N" as soon as it is cut (live), and FR edits clause 3.
    await expect(fr.page.getByTestId('changes-since')).toHaveText(`Changes since Rev.${number}`);
    const words = ` with history marker ${randomBytes(3).toString('hex')}`;
    await fr.typeAtEnd(3, words);
    await expect(fr.editor(3)).toContainText(words.trim());

    // The timeline shows FR's edit session on clause 3.
    await history.view('Timeline').click();
    const session = history.timeline.locator('[data-testid="timeline-session"][data-delegation="FR"]').first();
    await expect(async () => {
      await history.page.reload();
      await expect(session).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    // Earlier specs may have had FR edit other clauses within the same session gap.
    await expect(session).toContainText(/edited clauses? (\d+, )*3\b/);
    await history.page.screenshot({ path: 'test-results/history-timeline.png', fullPage: true });

    // Compare Rev.N with now: clause 3 changed, the insertion highlighted and labelled FR.
    await history.revision(number).getByTestId('compare-with-now').click();
    await expect(history.compare).toBeVisible();
    await expect(history.compare.getByTestId('compare-summary')).toContainText(`Rev.${number}`);
    const clause = history.compare.locator('[data-testid="compare-clause"][data-clause-number="3"]');
    await expect(clause).toHaveAttribute('data-changed', 'true');
    const insertion = clause.locator('ins.hdiff--insert[data-delegation="FR"]');
    await expect(insertion).toContainText(words.trim());
    await expect(insertion.locator('.htag')).toHaveText('FR');
    await expect(insertion).toHaveAttribute('title', /Inserted by FR \(France\) · /);
    await expect(history.compare.getByTestId('unchanged-clauses')).toBeVisible();
    await history.page.screenshot({ path: 'test-results/history-compare.png', fullPage: true });

    await history.compare.getByRole('button', { name: 'Side by side' }).click();
    await expect(clause.getByText('After')).toBeVisible();

    // Who wrote what: FR's passage carries its code.
    await history.view('Who wrote what').click();
    const run = history.page.locator('[data-testid="authorship-clause"][data-clause-number="3"] .hrun[data-delegation="FR"]');
    await expect(run).toContainText(words.trim());
    await expect(history.page.getByTestId('authorship-legend')).toContainText('FR');
    await history.page.screenshot({ path: 'test-results/history-authorship.png', fullPage: true });
  });

  test('a delegate reads the history but has no cut or restore buttons', async ({ browser }) => {
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    rooms.push(fr);
    const history = new HistoryPage(fr.page);
    await history.openFromTabs();
    await expect(history.timeline).toBeVisible();
    await expect(history.revisions.getByTestId('cut-revision')).toHaveCount(0);
    await history.view('Compare').click();
    await expect(history.compare).toBeVisible();
    await expect(history.page.getByTestId('restore-draft')).toHaveCount(0);
    await expect(history.page.getByTestId('restore-clause')).toHaveCount(0);
  });
});
