import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import type { DraftDetail } from '@/lib/api/types';
import type { FourColumnDto } from '@/lib/history/four-column';
import { docxPart, docxText } from '../test/support/read-export';
import { ACCOUNTS, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

// A draft of its own (the shared demo draft is left as it is for the other specs): a
// recorded bracket by FR and an open ALT 2 by DE on clause 1, which must both be in what
// circulates; the four-column view of the same draft; the adopted text.

const CLAUSE_1 = 'The parties review the mechanism every six months and report to the ministers.';
const CLAUSE_2 = 'The secretariat keeps the records of every meeting.';
const EDIT = ' Minutes follow within a week.';
const CONTENT = `## Article 1 — Review\n\n${CLAUSE_1}\n\n## Article 2 — Records\n\n${CLAUSE_2}`;

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  return page;
}

function range(text: string, words: string) {
  const from = text.indexOf(words);
  return { range: { from, to: from + words.length } };
}

async function ok(request: APIRequestContext, method: 'post' | 'put' | 'patch', url: string, data: unknown, status = 200) {
  const res = await request[method](url, { data });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(status);
  return res;
}

async function openRoom(page: Page, draftId: string): Promise<void> {
  await page.goto(`/drafts/${draftId}`);
  await expect(new DraftRoomPage(page).connectionStatus).toHaveAttribute('data-synced', 'true', { timeout: 45_000 });
}

test.describe('what circulates shows every dispute', () => {
  test.describe.configure({ mode: 'serial' });
  let secretariat: Page;
  let fr: Page;
  let draft: DraftDetail;

  test.beforeAll(async ({ browser }) => {
    secretariat = await signedIn(browser, ACCOUNTS.secretariat);
    fr = await signedIn(browser, ACCOUNTS.fr);
    const de = await signedIn(browser, ACCOUNTS.de);
    const created = await ok(
      secretariat.request,
      'post',
      '/api/drafts',
      { title: `Review mechanism ${Date.now()}`, participants: ['DE', 'FR'], text: { format: 'markdown', content: CONTENT } },
      201,
    );
    draft = (await created.json()) as DraftDetail;
    const clause1 = draft.clauses[0].id;
    await ok(
      fr.request,
      'post',
      `/api/drafts/${draft.id}/clauses/${clause1}/brackets`,
      { span: range(CLAUSE_1, 'every six months'), quote: 'every six months' },
      201,
    );
    await ok(
      de.request,
      'post',
      `/api/drafts/${draft.id}/clauses/${clause1}/alternatives`,
      { body: 'once a year', span: range(CLAUSE_1, 'every six months'), quote: 'every six months' },
      201,
    );
    await ok(fr.request, 'put', `/api/drafts/${draft.id}/clauses/${draft.clauses[1].id}/positions/FR`, {
      position: 'reservation',
      reservation: 'scrutiny',
      note: 'Parliament to be consulted.',
    });
    await ok(de.request, 'put', `/api/drafts/${draft.id}/clauses/${clause1}/positions/DE`, { position: 'support' });
    await de.context().close();
    await ok(secretariat.request, 'post', `/api/drafts/${draft.id}/revisions`, { note: 'Before the second reading' }, 201);
  });

  test.afterAll(async () => {
    await secretariat?.context().close();
    await fr?.context().close();
  });

  test('the exported DOCX carries the recorded bracket with its delegation and ALT 2', async () => {
    await openRoom(fr, draft.id);
    const exportMenu = fr.getByTestId('export-menu');
    await exportMenu.getByRole('button', { name: 'Export' }).click();
    const menu = exportMenu.getByRole('menu', { name: 'Export the current text' });
    // A delegate is not offered the adopted text.
    await expect(menu.getByRole('menuitem')).toHaveCount(4);
    const [download] = await Promise.all([fr.waitForEvent('download'), menu.getByRole('menuitem', { name: /Word document \(DOCX\)/ }).click()]);
    const buffer = fs.readFileSync(await download.path());
    const xml = (await docxPart(buffer, 'word/document.xml'))!;
    const words = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(words).toContain('[every six months]FR');
    expect(xml).toMatch(/<w:vertAlign w:val="superscript"\/>[\s\S]{0,200}>FR<\/w:t>/);
    const text = await docxText(buffer);
    expect(text).toContain('ALT 2, replacing “every six months”:');
    expect(text).toContain('once a year');
    expect(text).toContain('Proposed by DE; backed by DE.');

    // FR then amends clause 2, for the four columns to show.
    await new DraftRoomPage(fr).typeAtEnd(2, EDIT);
    await expect
      .poll(async () => {
        const res = await fr.request.get(`/api/drafts/${draft.id}/four-column?from=rev:1&to=now`);
        return ((await res.json()) as FourColumnDto).rows.find((r) => r.number === 2)?.textB;
      })
      .toBe(CLAUSE_2 + EDIT);
  });

  test('the four-column tab shows both points; only the secretariat writes the comment', async () => {
    await secretariat.goto(`/drafts/${draft.id}/history?view=compare&from=rev:1&to=now`);
    await secretariat.getByRole('group', { name: 'History views' }).getByRole('button', { name: 'Four columns' }).click();
    await expect(secretariat).toHaveURL(/view=four-column&from=rev%3A1&to=now/);
    const panel = secretariat.getByTestId('four-column-panel');
    const row2 = panel.getByTestId('fourcol-changed').locator('[data-testid="fourcol-row"][data-clause-number="2"]');
    await expect(row2).toBeVisible({ timeout: 30_000 });
    await expect(row2.locator('td').first()).toHaveText(CLAUSE_2);
    await expect(row2.getByTestId('fourcol-text-b').locator('ins[data-delegation="FR"]')).toContainText(EDIT.trim());
    const frPosition = row2.getByTestId('fourcol-position').filter({ hasText: 'FR' });
    await expect(frPosition).toContainText('Scrutiny reservation');
    await expect(frPosition).toContainText('† on earlier text');
    await expect(frPosition).toContainText('Parliament to be consulted.');
    // Clause 1 did not change: collapsed, with its positions inside.
    const unchanged = panel.getByTestId('fourcol-unchanged');
    await expect(unchanged.locator('summary')).toHaveText('1 unchanged clause: 1');
    await expect(unchanged.locator('[data-testid="fourcol-row"][data-clause-number="1"]')).toBeHidden();
    await unchanged.locator('summary').click();
    await expect(unchanged.getByTestId('fourcol-position').filter({ hasText: 'DE' })).toContainText('Support');
    // FR's recorded bracket shows in both text columns, with FR raised after it.
    const row1 = unchanged.locator('[data-testid="fourcol-row"][data-clause-number="1"]');
    await expect(row1.locator('td').first()).toHaveText(CLAUSE_1.replace('every six months', '[every six months]FR'));
    await expect(row1.getByTestId('fourcol-text-b')).toHaveText(CLAUSE_1.replace('every six months', '[every six months]FR'));
    await expect(row1.getByTestId('fourcol-bracket-by').first()).toHaveText('FR');
    await row1.scrollIntoViewIfNeeded();
    await secretariat.screenshot({ path: 'test-results/four-column-brackets.png' });
    await unchanged.locator('summary').click();
    await row2.getByTestId('edit-comment').click();
    await row2.getByTestId('comment-input').fill('A compromise on yearly reviews is in sight.');
    await row2.getByTestId('save-comment').click();
    await expect(row2.getByTestId('fourcol-comment')).toContainText('A compromise on yearly reviews is in sight.');
    await secretariat.screenshot({ path: 'test-results/four-column-desktop.png', fullPage: true });

    const [docx] = await Promise.all([
      secretariat.waitForEvent('download'),
      panel.getByTestId('fourcol-docx').getByRole('button', { name: 'Download DOCX' }).click(),
    ]);
    const table = (await docxPart(fs.readFileSync(await docx.path()), 'word/document.xml'))!;
    expect(table).toContain('w:orient="landscape"');
    expect(table).toContain('A compromise on yearly reviews is in sight.');
    const [pdf] = await Promise.all([
      secretariat.waitForEvent('download'),
      panel.getByTestId('fourcol-pdf').getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    const pdfBytes = fs.readFileSync(await pdf.path());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    fs.writeFileSync('test-results/four-column.pdf', pdfBytes);

    // The delegate reads the comment but has nothing to edit it with, and the server refuses it too.
    await fr.setViewportSize({ width: 390, height: 844 });
    await fr.goto(`/drafts/${draft.id}/history?view=four-column&from=rev:1&to=now`);
    const frRow = fr.locator('[data-testid="fourcol-row"][data-clause-number="2"]');
    await expect(frRow.getByTestId('fourcol-comment')).toContainText('A compromise on yearly reviews is in sight.', { timeout: 30_000 });
    await expect(fr.getByTestId('edit-comment')).toHaveCount(0);
    await fr.screenshot({ path: 'test-results/four-column-phone.png', fullPage: true });
    const refused = await fr.request.put(`/api/drafts/${draft.id}/clauses/${draft.clauses[1].id}/comment`, { data: { comment: 'Mine now.' } });
    expect(refused.status()).toBe(403);
    await fr.setViewportSize({ width: 1280, height: 900 });
  });

  test('the adopted text is offered to the secretariat once the draft is closed', async () => {
    await openRoom(secretariat, draft.id);
    const exportMenu = secretariat.getByTestId('export-menu');
    await exportMenu.getByRole('button', { name: 'Export' }).click();
    const adopted = exportMenu.getByRole('menuitem', { name: /Adopted text \(DOCX\)/ });
    await expect(adopted).toHaveAttribute('aria-disabled', 'true');
    await expect(exportMenu.getByTestId('adopted-reason')).toContainText('not agreed yet: clauses 1, 2');
    await expect(adopted).toHaveAccessibleDescription(/not agreed yet: clauses 1, 2/);
    await secretariat.screenshot({ path: 'test-results/adopted-menu-disabled.png' });
    // Choosing it does nothing: the menu stays open and nothing is downloaded.
    await adopted.dispatchEvent('click');
    await expect(exportMenu.getByRole('menu')).toBeVisible();
    await secretariat.keyboard.press('Escape');

    await ok(secretariat.request, 'patch', `/api/drafts/${draft.id}`, { state: 'closed' });
    await expect(adopted).toHaveCount(0);
    await exportMenu.getByRole('button', { name: 'Export' }).click();
    await expect(adopted).not.toHaveAttribute('aria-disabled', 'true');
    const [docx] = await Promise.all([secretariat.waitForEvent('download'), adopted.click()]);
    expect(docx.suggestedFilename()).toMatch(/ adopted text \d{4}-\d{2}-\d{2}\.docx$/);
    const text = await docxText(fs.readFileSync(await docx.path()));
    expect(text).toContain('ADOPTED TEXT');
    expect(text).toContain(CLAUSE_1);
    expect(text).toContain(CLAUSE_2 + EDIT);
    expect(text).not.toContain('ALT 2');
    expect(text).toContain('Annex: interpretative statements and reservations');
    expect(text).toContain('Parliament to be consulted.');
    await ok(secretariat.request, 'patch', `/api/drafts/${draft.id}`, { state: 'open', reason: 'End of the test.' });
  });
});
