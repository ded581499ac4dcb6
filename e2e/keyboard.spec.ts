import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/axe';
import { ACCOUNTS } from './fixtures/env';
import { signedIn } from './fixtures/screens';
import { DraftRoomPage } from './pages/draft-room-page';
import { DashboardPage, demoDraftId } from './pages/negotiation-pages';

/**
 * Keyboard paths and what screen readers hear (docs/ui-contract.md, "Keyboard" and
 * "Dashboard"): the `?` sheet, focus back on the opener after dialogs, the consensus
 * matrix as a table moved through with the arrow keys, and its batched live announcements.
 */
test.describe('keyboard and screen readers', () => {
  test.describe.configure({ timeout: 120_000 });

  test('"?" opens the shortcuts sheet; dialogs give focus back to what opened them', async ({ browser }) => {
    const page = await signedIn(browser, ACCOUNTS.secretariat);
    try {
      // From the list: "?" with a link focused, Escape, focus back on the link.
      const card = page.getByTestId('draft-card').first();
      await card.focus();
      await page.keyboard.press('?');
      const sheet = page.getByTestId('shortcuts-sheet');
      await expect(sheet).toBeVisible();
      await expect(sheet.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expect(sheet).toContainText('Comment on the selected words');
      await expect(sheet).toContainText('Move from cell to cell');
      await page.keyboard.press('Escape');
      await expect(sheet).toHaveCount(0);
      await expect(card).toBeFocused();

      // From the top of the page: Skip to content, then "Keyboard shortcuts"; Close gives focus back.
      await page.goto('/drafts');
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
      await page.keyboard.press('Tab');
      const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
      await expect(opener).toBeFocused();
      await expect(opener).toBeInViewport();
      await page.keyboard.press('Enter');
      await expect(sheet.getByRole('button', { name: 'Close' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(sheet).toHaveCount(0);
      await expect(opener).toBeFocused();

      // In the room: the silence dialog gives focus back to its button when Escape closes it.
      const room = new DraftRoomPage(page);
      await page.goto(`/drafts/${await demoDraftId(page)}`);
      await room.waitForSynced();
      const silence = page.getByRole('button', { name: 'Silence procedure…' });
      await silence.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('silence-dialog')).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('silence-dialog')).toHaveCount(0);
      await expect(silence).toBeFocused();
    } finally {
      await page.context().close();
    }
  });

  test('the consensus matrix is a table with headers, one tab stop and arrow keys', async ({ browser }) => {
    const page = await signedIn(browser, ACCOUNTS.secretariat);
    try {
      const dashboard = new DashboardPage(page);
      await dashboard.open(await demoDraftId(page));
      const matrix = page.getByTestId('matrix');
      const columns = await matrix.locator('thead th[scope="col"]').count();
      expect(columns).toBeGreaterThan(2);
      await expect(matrix.locator('tbody th[scope="row"]')).toHaveCount(await dashboard.rows.count());
      await expect(matrix.getByRole('columnheader', { name: 'FR' })).toBeVisible();
      await expect(matrix.getByRole('rowheader').first()).toContainText('1.');

      // One tab stop: the first clause; the arrows move from there.
      const stops = matrix.locator('[tabindex="0"]');
      await expect(stops).toHaveCount(1);
      await stops.focus();
      await expect(dashboard.row(1).getByRole('link')).toBeFocused();
      await page.keyboard.press('ArrowRight');
      const first = dashboard.row(1).getByTestId('position-cell').first();
      await expect(first).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(dashboard.row(2).getByTestId('position-cell').first()).toBeFocused();
      await page.keyboard.press('End');
      await expect(dashboard.row(2).getByTestId('position-cell').last()).toBeFocused();
      await page.keyboard.press('Home');
      await expect(dashboard.row(2).getByRole('link')).toBeFocused();
      await page.keyboard.press('Control+End');
      await expect(dashboard.rows.last().getByTestId('position-cell').last()).toBeFocused();
      // Focus is visible on a cell, and the cell says what it holds.
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
      await expect(dashboard.rows.last().getByTestId('position-cell').last()).not.toHaveText('');
      // The tab stop followed; Tab leaves the matrix.
      await expect(stops).toHaveCount(1);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="matrix"]'))).toBe(false);
    } finally {
      await page.context().close();
    }
  });

  test('22 position changes are one polite announcement on the dashboard', async ({ browser }) => {
    const secretariat = await signedIn(browser, ACCOUNTS.secretariat);
    const delegates: Page[] = [];
    try {
      const draftId = await demoDraftId(secretariat);
      const changes = await restatements(secretariat, draftId, 22);
      const dashboard = new DashboardPage(secretariat);
      await dashboard.open(draftId);
      const announcer = secretariat.getByTestId('matrix-announcer');
      await expect(announcer).toHaveAttribute('aria-live', 'polite');
      await announcer.evaluate((el) => {
        const heard: string[] = [];
        (window as unknown as { heard: string[] }).heard = heard;
        new MutationObserver(() => {
          if (el.textContent) heard.push(el.textContent);
        }).observe(el, { childList: true, characterData: true, subtree: true });
      });

      // Each delegation states its positions again (same position, same words): 22 changes in a burst.
      const byDelegation = groupByDelegation(changes);
      for (const code of byDelegation.keys()) delegates.push(await signedIn(browser, `${code.toLowerCase()}@accord.test`));
      await Promise.all(
        [...byDelegation.values()].map((list, i) =>
          Promise.all(
            list.map(async (p) => {
              const res = await delegates[i].request.put(`/api/drafts/${draftId}/clauses/${p.clauseId}/positions/${p.delegation}`, {
                data: { position: p.position, reservation: p.reservation, note: p.note },
              });
              expect(res.status(), await res.text()).toBe(200);
            }),
          ),
        ),
      );

      await expect(announcer).toContainText(/^22 positions changed on \d+ clauses \(/);
      // One announcement, not 22: it counts all 22 changes, so none was said before it and
      // none is left to be said after it.
      expect(await secretariat.evaluate(() => (window as unknown as { heard: string[] }).heard)).toHaveLength(1);
    } finally {
      for (const p of delegates) await p.context().close();
      await secretariat.context().close();
    }
  });
});

interface Stated {
  clauseId: string;
  delegation: string;
  position: string;
  reservation?: string;
  note?: string;
  stale: boolean;
}

/** `count` current positions (not on earlier text) of the fewest delegations, to state again unchanged. */
async function restatements(page: Page, draftId: string, count: number): Promise<Stated[]> {
  const positions = (await (await page.request.get(`/api/drafts/${draftId}/positions`)).json()) as Stated[];
  const detail = (await (await page.request.get(`/api/drafts/${draftId}`)).json()) as { clauses: Array<{ id: string; status: string }> };
  const open = new Set(detail.clauses.filter((c) => c.status !== 'withdrawn').map((c) => c.id));
  const current = positions.filter((p) => !p.stale && open.has(p.clauseId));
  const byDelegation = [...groupByDelegation(current).values()].sort((a, b) => b.length - a.length);
  const picked = byDelegation.flat().slice(0, count);
  expect(picked).toHaveLength(count);
  return picked;
}

function groupByDelegation(list: Stated[]): Map<string, Stated[]> {
  const groups = new Map<string, Stated[]>();
  for (const p of list) groups.set(p.delegation, [...(groups.get(p.delegation) ?? []), p]);
  return groups;
}
