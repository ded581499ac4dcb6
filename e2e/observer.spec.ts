import { expect, test } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

test.describe('observer', () => {
  test('reads the draft but cannot change a word', async ({ page }) => {
    await new SignInPage(page).signIn(ACCOUNTS.observer, DEMO_PASSWORD);
    const room = new DraftRoomPage(page);
    await room.openFromList(DEMO_DRAFT_TITLE);

    await expect(room.editors).not.toHaveCount(0);
    const count = await room.editors.count();
    for (let i = 0; i < count; i++) {
      await expect(room.editors.nth(i)).toHaveAttribute('contenteditable', 'false');
    }
    await expect(room.readonlyNotices.first()).toBeVisible();

    const editor = room.editor(2);
    await expect(editor).toHaveText(/\S/);
    const before = await room.editorText(2);
    const attempt = 'observer-was-here';

    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(attempt);

    await expect(editor).not.toContainText(attempt);
    expect(await room.editorText(2)).toBe(before);

    // What the server holds: a fresh load shows the text unchanged.
    await room.reload();
    await expect.poll(() => room.editorText(2)).toBe(before);
  });
});
