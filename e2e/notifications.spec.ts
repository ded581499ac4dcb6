import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { demoDraftId } from './pages/negotiation-pages';
import { SignInPage } from './pages/sign-in-page';

/**
 * Nobody surprised (docs/ui-contract.md, "Notifications" and "Draft room"): the
 * secretariat's bell, choosing kinds, the notice in a clause whose text the secretariat
 * replaced, and the formatting toolbar of the clause being edited.
 */

interface Clause {
  id: string;
  number: number;
}

async function signedIn(browser: Browser, email: string, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  return page;
}

async function enterRoom(page: Page): Promise<DraftRoomPage> {
  const room = new DraftRoomPage(page);
  await room.openFromList(DEMO_DRAFT_TITLE);
  return room;
}

async function clauseOf(page: Page, draftId: string, n: number): Promise<Clause> {
  const detail = (await (await page.request.get(`/api/drafts/${draftId}`)).json()) as { clauses: Clause[] };
  const clause = detail.clauses.find((c) => c.number === n);
  if (!clause) throw new Error(`No clause ${n}`);
  return clause;
}

/** The secretariat puts clause `n` under silence (for a day) and FR breaks it; answers when both are stored. */
async function silenceBrokenByFr(secretariat: Page, fr: Page, draftId: string, n: number): Promise<void> {
  const clause = await clauseOf(secretariat, draftId, n);
  const started = await secretariat.request.post(`/api/drafts/${draftId}/silence`, {
    data: { clauseIds: [clause.id], deadline: new Date(Date.now() + 24 * 3600_000 + 60_000).toISOString(), override: 'e2e: notifications' },
  });
  expect(started.status()).toBe(201);
  const { id } = (await started.json()) as { id: string };
  const broken = await fr.request.post(`/api/drafts/${draftId}/silence/${id}/break`, { data: { reason: 'France needs instructions from Paris.' } });
  expect(broken.status()).toBe(200);
}

test.describe('notifications, the in-clause notice and the formatting toolbar', () => {
  test.describe.configure({ timeout: 180_000 });
  const pages: Page[] = [];

  test.afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });

  test('the secretariat bell receives silence events, and a kind turned off stops arriving', async ({ browser }) => {
    const secretariat = await signedIn(browser, ACCOUNTS.secretariat);
    const fr = await signedIn(browser, ACCOUNTS.fr);
    pages.push(secretariat, fr);
    const draftId = await demoDraftId(secretariat);
    await secretariat.goto('/drafts');
    const bell = secretariat.getByTestId('notification-bell');
    await expect(bell).toHaveAccessibleName(/^Notifications for the secretariat/);

    // Live: FR breaks silence on clause 14 and the secretariat's bell counts it without a reload.
    await silenceBrokenByFr(secretariat, fr, draftId, 14);
    await expect(secretariat.getByTestId('notification-unread')).toBeVisible();
    await bell.click();
    const panel = secretariat.locator('#notification-panel');
    // Other specs on this shared server may have broken silence before: look for this one.
    const thisBreak = /Clause 14\W+silence broken by FR\W+France needs instructions from Paris/;
    const brokenItems = panel.locator('[data-testid="notification"][data-kind="silence_broken"]').filter({ hasText: thisBreak });
    await expect(brokenItems).toHaveCount(1);
    await expect(brokenItems.first()).toContainText('FR · ');
    await expect(brokenItems.first()).toContainText('broke silence');
    await expect(brokenItems.first()).toContainText('Clause 14: silence broken by FR: France needs instructions from Paris.');
    await secretariat.screenshot({ path: 'test-results/notifications-bell-secretariat.png' });
    const phone = await signedIn(browser, ACCOUNTS.secretariat, { width: 390, height: 844 });
    pages.push(phone);
    // On a phone the header's right-hand side (the bell among it) folds behind Menu.
    await phone.getByRole('button', { name: 'Menu' }).click();
    await phone.getByTestId('notification-bell').click();
    await expect(phone.locator('#notification-panel [data-kind="silence_broken"]').filter({ hasText: thisBreak })).toHaveCount(1);
    await phone.screenshot({ path: 'test-results/notifications-bell-secretariat-phone.png' });

    // Turn "Silence broken" off: the next one is neither listed nor pushed.
    await panel.getByRole('button', { name: 'Choose…' }).click();
    const prefs = panel.getByTestId('notification-preferences');
    const brokenKind = prefs.getByRole('checkbox', { name: 'Silence broken' });
    await expect(brokenKind).toBeChecked();
    const saved = secretariat.waitForResponse((r) => r.url().endsWith('/api/me/notification-preferences') && r.request().method() === 'PUT');
    await brokenKind.uncheck();
    expect((await saved).status()).toBe(200);
    await expect(brokenKind).not.toBeChecked();
    await secretariat.screenshot({ path: 'test-results/notifications-preferences.png' });

    await silenceBrokenByFr(secretariat, fr, draftId, 15);
    const list = (await (await secretariat.request.get('/api/notifications?limit=100')).json()) as { notifications: Array<{ kind: string; text: string }> };
    expect(list.notifications.some((n) => n.kind === 'silence_broken')).toBe(false);
    await secretariat.reload();
    await secretariat.getByTestId('notification-bell').click();
    await expect(secretariat.locator('#notification-panel')).toBeVisible();
    await expect(secretariat.locator('#notification-panel [data-kind="silence_broken"]')).toHaveCount(0);

    // Back on: both are there again (muting hides, it does not delete).
    await secretariat.locator('#notification-panel').getByRole('button', { name: 'Choose…' }).click();
    const savedAgain = secretariat.waitForResponse((r) => r.url().endsWith('/api/me/notification-preferences') && r.request().method() === 'PUT');
    await secretariat.getByTestId('notification-preferences').getByRole('checkbox', { name: 'Silence broken' }).check();
    expect((await savedAgain).status()).toBe(200);
    await secretariat.reload();
    await secretariat.getByTestId('notification-bell').click();
    // Other specs on this shared server break silence too: count the two of this test.
    const bothBreaks = /Clause 1[45]\W+silence broken by FR\W+France needs instructions from Paris/;
    await expect(secretariat.locator('#notification-panel [data-kind="silence_broken"]').filter({ hasText: bothBreaks })).toHaveCount(2);
  });

  test('a delegate sees a notice in the clause when the secretariat adopts an alternative there', async ({ browser }) => {
    const fr = await signedIn(browser, ACCOUNTS.fr);
    const de = await signedIn(browser, ACCOUNTS.de);
    const secretariat = await signedIn(browser, ACCOUNTS.secretariat);
    pages.push(fr, de, secretariat);
    const draftId = await demoDraftId(secretariat);
    const room = await enterRoom(fr);
    const clause = await clauseOf(secretariat, draftId, 5);
    const wording = 'Participants establish military hubs and protected depots across Ukraine.';

    const proposed = await de.request.post(`/api/drafts/${draftId}/clauses/${clause.id}/alternatives`, { data: { body: wording } });
    expect(proposed.status()).toBe(201);
    const alternative = (await proposed.json()) as { id: string; number: number };
    expect((await secretariat.request.post(`/api/drafts/${draftId}/alternatives/${alternative.id}/adopt`, { data: {} })).status()).toBe(200);

    const notice = room.clause(5).getByTestId('replaced-notice');
    await expect(notice).toHaveRole('status');
    await expect(notice).toContainText(`Text replaced by the secretariat: ALT ${alternative.number} adopted — see the change`);
    await expect.poll(() => room.editorText(5)).toContain(wording);
    await expect(room.page.getByTestId('replaced-notice')).toHaveCount(1);
    const link = notice.getByRole('link', { name: 'see the change' });
    await expect(link).toHaveAttribute('href', new RegExp(`^/drafts/${draftId}/history\\?view=compare&from=[^&]+&to=now#clause-${clause.id}$`));
    await notice.scrollIntoViewIfNeeded();
    await fr.screenshot({ path: 'test-results/notifications-replaced-notice.png' });
    await notice.screenshot({ path: 'test-results/notifications-replaced-notice-detail.png' });

    // On a phone too.
    const phone = await signedIn(browser, ACCOUNTS.fr, { width: 390, height: 844 });
    pages.push(phone);
    const phoneRoom = await enterRoom(phone);
    const again = await de.request.post(`/api/drafts/${draftId}/clauses/${clause.id}/alternatives`, { data: { body: `${wording} They are protected.` } });
    const second = (await again.json()) as { id: string; number: number };
    expect((await secretariat.request.post(`/api/drafts/${draftId}/alternatives/${second.id}/adopt`, { data: {} })).status()).toBe(200);
    const phoneNotice = phoneRoom.clause(5).getByTestId('replaced-notice');
    await expect(phoneNotice).toContainText(`ALT ${second.number} adopted`);
    await phoneNotice.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: 'test-results/notifications-replaced-notice-phone.png' });

    // Dismissed, it goes; the secretariat's own screen never showed it.
    await notice.getByRole('button', { name: 'Dismiss the notice on clause 5' }).click();
    await expect(room.page.getByTestId('replaced-notice')).toHaveCount(0);

    // The bell of FR carries the adoption too.
    await fr.getByTestId('notification-bell').click();
    await expect(fr.locator('#notification-panel [data-kind="alternative_adopted"]').first()).toContainText('Clause 5: text replaced by the secretariat');
    await fr.screenshot({ path: 'test-results/notifications-bell-delegate.png' });
  });

  test('the toolbar of the focused clause makes words bold, undoes it, and is reachable by keyboard', async ({ browser }) => {
    const fr = await signedIn(browser, ACCOUNTS.fr);
    pages.push(fr);
    const room = await enterRoom(fr);
    const editor = room.editor(1);
    const toolbar = room.clause(1).getByTestId('format-toolbar');
    await expect(toolbar).toHaveCount(0);

    await editor.click();
    await expect(toolbar).toBeVisible();
    await expect(toolbar).toHaveRole('toolbar');
    // Only the focused clause has one.
    await expect(fr.getByTestId('format-toolbar')).toHaveCount(1);
    await editor.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf('durable') ?? -1;
        if (at >= 0) {
          document.getSelection()?.setBaseAndExtent(node, at, node, at + 'durable'.length);
          return;
        }
      }
    });
    const bold = toolbar.getByRole('button', { name: 'Bold' });
    await expect(bold).toHaveAttribute('aria-pressed', 'false');
    await bold.click();
    await expect(editor.locator('strong')).toHaveText('durable');
    await expect(bold).toHaveAttribute('aria-pressed', 'true');
    await expect(editor).toBeFocused();
    await fr.screenshot({ path: 'test-results/notifications-toolbar.png' });
    await toolbar.screenshot({ path: 'test-results/notifications-toolbar-detail.png' });

    // Keyboard: Alt+F10 to the toolbar, arrows along it, Enter on Undo takes the bold back.
    await fr.keyboard.press('Alt+F10');
    await expect(bold).toBeFocused();
    const undo = toolbar.getByRole('button', { name: 'Undo' });
    for (let i = 0; i < 4; i += 1) await fr.keyboard.press('ArrowRight');
    await expect(undo).toBeFocused();
    await fr.keyboard.press('Enter');
    await expect(editor.locator('strong')).toHaveCount(0);
    await fr.keyboard.press('Escape');
    await expect(editor).toBeFocused();
    // Tab from the text reaches the toolbar too (its one tab stop: the button last used).
    await fr.keyboard.press('Tab');
    await expect(undo).toBeFocused();

    const phone = await signedIn(browser, ACCOUNTS.fr, { width: 390, height: 844 });
    pages.push(phone);
    const phoneRoom = await enterRoom(phone);
    await phoneRoom.editor(1).click();
    await expect(phoneRoom.clause(1).getByTestId('format-toolbar')).toBeVisible();
    await phoneRoom.clause(1).screenshot({ path: 'test-results/notifications-toolbar-phone.png' });

    // Read-only clauses have no toolbar: an observer's focused clause shows none.
    const observer = await signedIn(browser, ACCOUNTS.observer);
    pages.push(observer);
    const observerRoom = await enterRoom(observer);
    await observerRoom.editor(1).click();
    await expect(observer.getByTestId('format-toolbar')).toHaveCount(0);
  });
});

test('a delegate typing in a clause sees a notice when the secretariat restores its text', async ({ browser }) => {
  test.setTimeout(180_000);
  const fr = await signedIn(browser, ACCOUNTS.fr);
  const secretariat = await signedIn(browser, ACCOUNTS.secretariat);
  const draftId = await demoDraftId(secretariat);
  const clause = await clauseOf(secretariat, draftId, 8);
  const cut = await secretariat.request.post(`/api/drafts/${draftId}/revisions`, { data: { note: 'e2e: before a restore' } });
  expect(cut.status()).toBe(201);
  const revision = ((await cut.json()) as { number: number }).number;

  const room = await enterRoom(fr);
  await room.typeAtEnd(8, ' France adds words to be undone.');
  await expect
    .poll(async () => {
      const res = await secretariat.request.get(`/api/drafts/${draftId}/history/text?at=now`);
      return ((await res.json()) as { clauses: Array<{ clauseId: string; text: string }> }).clauses.find((c) => c.clauseId === clause.id)?.text ?? '';
    })
    .toContain('France adds words to be undone.');
  const restored = await secretariat.request.post(`/api/drafts/${draftId}/history/restore`, { data: { to: `rev:${revision}`, clauseId: clause.id } });
  expect(restored.status(), await restored.text()).toBe(200);

  const notice = room.clause(8).getByTestId('replaced-notice');
  await expect(notice).toContainText(`Text replaced by the secretariat: Rev.${revision} restored — see the change`);
  await expect.poll(() => room.editorText(8)).not.toContain('France adds words to be undone.');
  await expect(notice.getByRole('link', { name: 'see the change' })).toHaveAttribute('href', new RegExp(`#clause-${clause.id}$`));
  for (const p of [fr, secretariat]) await p.context().close();
});
