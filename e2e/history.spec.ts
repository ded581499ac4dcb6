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
    await expect(session).toContainText(/FR · \S/);
    await history.page.screenshot({ path: 'test-results/history-timeline.png', fullPage: true });

    // "Show these changes" names both points by time and author, never by a log number.
    await session.getByRole('button', { name: 'Show these changes' }).click();
    await expect(history.compare.getByTestId('compare-to-label')).toContainText(/\d{2}:\d{2} UTC · FR · /);
    await expect(history.compare.getByTestId('compare-summary')).not.toContainText(/Change \d/);
    await expect(history.compare.getByTestId('compare-from')).not.toContainText(/Change \d/);

    // Compare Rev.N with now: clause 3 changed, the insertion highlighted and labelled FR.
    await history.revision(number).getByTestId('compare-with-now').click();
    await expect(history.compare).toBeVisible();
    await expect(history.compare.getByTestId('compare-from-label')).toHaveText(new RegExp(`^Rev\\.${number} · .+ UTC · Secretariat · `));
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

  test('the history page follows the draft live: new edits and revisions are offered without a reload, and "now" offers a refresh', async ({ browser }) => {
    const secretariat = await enterRoom(browser, ACCOUNTS.secretariat);
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    rooms.push(secretariat, fr);
    const history = new HistoryPage(secretariat.page);
    await history.openFromTabs();
    await expect(history.timelineEntries().first()).toBeVisible({ timeout: 30_000 });
    const firstBefore = (await history.timelineEntries().first().textContent()) ?? '';

    // FR types in clause 5; the history page is told once the edit is indexed and offers it.
    const words = ` live history ${randomBytes(3).toString('hex')}`;
    await fr.typeAtEnd(5, words);
    await expect(fr.editor(5)).toContainText(words.trim());
    await expect(history.timelineNews).toContainText(/\d+ new edits? \((\w+, )*FR(, \w+)*\)/, { timeout: 20_000 });
    // Nothing moved under the reader: the newest entry is still the one shown before.
    await expect(history.timelineEntries().first()).toHaveText(firstBefore);
    await history.page.screenshot({ path: 'test-results/history-live-news.png', fullPage: false });
    // It floats over the list and stays in view below the bars while the reader scrolls.
    await history.page.evaluate(() => window.scrollTo(0, 700));
    await expect(history.timelineNews).toBeInViewport();
    await history.page.screenshot({ path: 'test-results/history-live-news-scrolled.png', fullPage: false });

    await history.timelineNews.getByRole('button', { name: 'Show' }).click();
    await expect(history.timelineNews).toHaveCount(0);
    const session = history.timelineEntries().first().getByTestId('timeline-session');
    await expect(session).toHaveAttribute('data-delegation', 'FR');
    await expect(session).toContainText(/edited clauses? (\d+, )*5\b/);

    // A revision cut elsewhere (the secretariat's other window) is offered too, then shown as an entry.
    const other = await enterRoom(browser, ACCOUNTS.secretariat);
    rooms.push(other);
    const otherHistory = new HistoryPage(other.page);
    await otherHistory.openFromTabs();
    const number = await otherHistory.cutRevision('Cut in another window');
    await expect(history.timelineNews).toContainText(`Rev.${number} cut`, { timeout: 20_000 });
    await history.timelineNews.getByRole('button', { name: 'Show' }).click();
    await expect(history.timelineEntries().first()).toContainText(`Rev.${number}`);
    await expect(history.timelineEntries().first()).toContainText('Cut in another window');

    // Compare Rev.N with now, then FR types again: the comparison offers a refresh, which shows the new words.
    await history.revision(number).getByTestId('compare-with-now').click();
    const clause = history.compare.locator('[data-testid="compare-clause"][data-clause-number="5"]');
    await expect(history.compare.getByTestId('compare-summary')).toContainText(`Rev.${number}`);
    await expect(clause).toHaveAttribute('data-changed', 'false');
    const more = ` and more ${randomBytes(3).toString('hex')}`;
    await fr.typeAtEnd(5, more);
    const stale = history.page.getByTestId('compare-stale');
    await expect(stale).toBeVisible({ timeout: 20_000 });
    await history.page.screenshot({ path: 'test-results/history-live-compare.png', fullPage: false });
    await stale.getByRole('button', { name: 'Refresh' }).click();
    await expect(stale).toHaveCount(0);
    await expect(clause).toHaveAttribute('data-changed', 'true');
    await expect(clause.locator('ins.hdiff--insert[data-delegation="FR"]')).toContainText(more.trim());

    // The other window restores clause 5 to Rev.N: the timeline offers the restore, then lists it.
    await history.view('Timeline').click();
    await expect(history.timelineEntries().first()).toBeVisible();
    await otherHistory.revision(number).getByTestId('compare-with-now').click();
    await otherHistory.compare.locator('[data-testid="compare-clause"][data-clause-number="5"]').getByTestId('restore-clause').click();
    await other.page.getByTestId('restore-dialog').getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(other.page.getByTestId('history-notice')).toContainText(`Restored clause 5 to Rev.${number}`);
    await expect(history.timelineNews).toContainText('1 restore', { timeout: 20_000 });
    await history.timelineNews.getByRole('button', { name: 'Show' }).click();
    const restored = history.timeline.locator('.htimeline__item[data-kind="status"]').first();
    await expect(restored).toContainText(`Text restored · clause 5 to Rev.${number}`);
    await expect(fr.editor(5)).not.toContainText(more.trim());
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
    // Compare opens on the latest revision (or the draft's start), labelled by revision, time and author.
    await expect(history.revisions.getByText(/Loading/)).toHaveCount(0);
    const latest =
      (await history.revisions.getByTestId('revision').count()) > 0
        ? await history.revisions.getByTestId('revision').first().getAttribute('data-number')
        : null;
    await expect(history.compare.getByTestId('compare-from-label')).toHaveText(
      latest ? new RegExp(`^Rev\\.${latest} · .+ UTC · Secretariat · `) : /^Start of the draft/,
    );
    await expect(history.page.getByTestId('restore-draft')).toHaveCount(0);
    await expect(history.page.getByTestId('restore-clause')).toHaveCount(0);
  });

  test('the timeline holds alternatives with who proposed and withdrew them, filtered by kind; presence shows the clause', async ({ browser }) => {
    const secretariat = await enterRoom(browser, ACCOUNTS.secretariat);
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    rooms.push(secretariat, fr);

    // FR's caret in clause 4: the secretariat's presence list says where FR is.
    await fr.typeAtEnd(4, ' ');
    const frRow = secretariat.page
      .getByTestId('presence')
      .locator('li', { has: secretariat.page.locator('[data-testid="presence-user"][data-delegation="FR"]') });
    await expect(frRow.getByTestId('presence-clause')).toHaveText('in clause 4', { timeout: 20_000 });
    await secretariat.page.screenshot({ path: 'test-results/history-presence-clause.png', fullPage: false });

    // FR proposes a wording for the whole of clause 2, then withdraws it.
    const draftId = /\/drafts\/([^/?#]+)/.exec(fr.page.url())![1];
    const detail = (await (await fr.page.request.get(`/api/drafts/${draftId}`)).json()) as { clauses: Array<{ id: string; number: number }> };
    const clause2 = detail.clauses.find((c) => c.number === 2)!;
    const wording = `A wording for the record ${randomBytes(3).toString('hex')}`;
    const proposed = await fr.page.request.post(`/api/drafts/${draftId}/clauses/${clause2.id}/alternatives`, { data: { body: wording } });
    expect(proposed.status()).toBe(201);
    const alternative = (await proposed.json()) as { id: string; number: number };
    expect((await fr.page.request.post(`/api/drafts/${draftId}/alternatives/${alternative.id}/withdraw`)).status()).toBe(200);

    const history = new HistoryPage(secretariat.page);
    await history.openFromTabs();
    await history.page.getByTestId('timeline-kind').selectOption('alternative');
    const entries = history.timeline.locator('[data-testid="timeline-alternative"]');
    await expect(entries.filter({ hasText: wording })).toContainText(`ALT ${alternative.number} proposed on clause 2`);
    await expect(entries.filter({ hasText: wording })).toContainText(/by FR · \S/);
    await expect(history.timeline.locator('[data-testid="timeline-alternative"][data-event="withdrawn"]').first()).toContainText(
      `ALT ${alternative.number} withdrawn`,
    );
    // Only alternatives are listed under this filter.
    await expect(history.timelineEntries().and(history.page.locator(':not([data-kind="alternative"])'))).toHaveCount(0);
    await history.page.screenshot({ path: 'test-results/history-timeline-alternatives.png', fullPage: true });
  });
});
