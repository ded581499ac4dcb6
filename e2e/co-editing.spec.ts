import { randomBytes } from 'node:crypto';
import { expect, test, type Browser } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

/** A delegate in their own browser context (own cookies, own websocket), in the demo draft room. */
async function enterRoom(browser: Browser, email: string): Promise<DraftRoomPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  const room = new DraftRoomPage(page);
  await room.openFromList(DEMO_DRAFT_TITLE);
  return room;
}

test.describe('two delegations co-editing one clause', () => {
  let fr: DraftRoomPage;
  let de: DraftRoomPage;

  test.beforeEach(async ({ browser }) => {
    fr = await enterRoom(browser, ACCOUNTS.fr);
    de = await enterRoom(browser, ACCOUNTS.de);
  });

  test.afterEach(async () => {
    await fr?.page.context().close();
    await de?.page.context().close();
  });

  test('each sees the other typing, their caret and their presence', async () => {
    const fromFr = ` fr-${randomBytes(4).toString('hex')}`;
    const fromDe = ` de-${randomBytes(4).toString('hex')}`;

    // Both delegations are online and listed on both sides.
    for (const room of [fr, de]) {
      await expect(room.presenceFor('FR')).not.toHaveCount(0);
      await expect(room.presenceFor('DE')).not.toHaveCount(0);
    }

    await fr.typeAtEnd(2, fromFr);
    await expect(fr.editor(2)).toContainText(fromFr.trim());
    await expect(de.editor(2)).toContainText(fromFr.trim());
    await expect(de.caretLabels(2).filter({ hasText: 'FR ·' })).toHaveCount(1);

    await de.typeAtEnd(2, fromDe);
    await expect(de.editor(2)).toContainText(fromDe.trim());
    await expect(fr.editor(2)).toContainText(fromDe.trim());
    await expect(fr.caretLabels(2).filter({ hasText: 'DE ·' })).toHaveCount(1);

    // Both edits survive on both sides, in the same order, and a fresh load from the server shows them.
    await expect.poll(async () => (await fr.editorText(2)) === (await de.editorText(2))).toBe(true);
    const merged = await fr.editorText(2);
    expect(merged.indexOf(fromFr.trim())).toBeLessThan(merged.indexOf(fromDe.trim()));
    await de.reload();
    await expect.poll(() => de.editorText(2)).toContain(fromFr.trim());
    await expect.poll(() => de.editorText(2)).toContain(fromDe.trim());
  });
});
