import { expect, test, type Browser } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { ClauseAnnotationsPart, DraftRoomPage } from './pages/draft-room-page';
import { DashboardPage, demoDraftId } from './pages/negotiation-pages';
import { SignInPage } from './pages/sign-in-page';

/** Someone in their own browser context (own cookies, own sockets), in the demo draft room, text synced. */
async function enterRoom(browser: Browser, email: string): Promise<DraftRoomPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  const room = new DraftRoomPage(page);
  await page.goto('/drafts');
  await room.drafts.card(DEMO_DRAFT_TITLE).first().click();
  await page.waitForURL(/\/drafts\/[^/?#]+/);
  // Three browsers and the server share two cores here: the first sync may take longer than the default wait.
  await expect(room.connectionStatus).toHaveAttribute('data-synced', 'true', { timeout: 30_000 });
  return room;
}

test.describe('brackets and alternatives', () => {
  const rooms: DraftRoomPage[] = [];
  test.describe.configure({ timeout: 180_000 });

  test.afterEach(async () => {
    for (const room of rooms.splice(0)) await room.page.context().close();
  });

  test('brackets added by FR appear for DE live and make the dashboard show the clause as pending', async ({ browser }) => {
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    const de = await enterRoom(browser, ACCOUNTS.de);
    rooms.push(fr, de);
    const dashboardPage = await (await browser.newContext()).newPage();
    await new SignInPage(dashboardPage).signIn(ACCOUNTS.secretariat, DEMO_PASSWORD);
    const dashboard = new DashboardPage(dashboardPage);
    await dashboard.open(await demoDraftId(dashboardPage));
    rooms.push(new DraftRoomPage(dashboardPage));
    await expect(dashboard.row(1)).toHaveAttribute('data-consensus', 'consensus');
    await expect(de.consensus(1)).toHaveAttribute('data-state', 'consensus');

    const frClause = new ClauseAnnotationsPart(fr, 1);
    await frClause.bracket('renewed aggression');
    await expect(frClause.glyphs).toHaveCount(1);

    // DE sees the bracket in the text, the card with who proposed it, and no remove button (not its bracket).
    const deClause = new ClauseAnnotationsPart(de, 1);
    await expect(deClause.glyphs).toHaveCount(1);
    await expect(de.editor(1).locator('.rbracket-span')).toHaveText('renewed aggression');
    await expect(deClause.brackets).toHaveCount(1);
    await expect(deClause.brackets.first()).toContainText('FR · Camille Laurent');
    await deClause.glyphs.first().hover();
    const card = de.page.getByTestId('bracket-card');
    await expect(card).toContainText('Bracketed by FR');
    await expect(card.getByRole('button', { name: 'Remove bracket' })).toHaveCount(0);
    await expect(de.consensus(1)).toHaveAttribute('data-state', 'pending');
    await expect(de.consensus(1)).toContainText('1 bracket');
    await de.page.screenshot({ path: 'test-results/brackets-de-room.png' });
    await card.screenshot({ path: 'test-results/brackets-card.png' });

    // The dashboard follows without a reload.
    await expect(dashboard.row(1)).toHaveAttribute('data-consensus', 'pending');
    await expect(dashboard.row(1)).toContainText('1 bracket');

    // FR removes its own bracket from the card: consensus returns everywhere.
    await frClause.glyphs.first().hover();
    await fr.page.getByTestId('bracket-card').getByRole('button', { name: 'Remove bracket' }).click();
    await expect(deClause.glyphs).toHaveCount(0);
    await expect(dashboard.row(1)).toHaveAttribute('data-consensus', 'consensus');
    await expect(deClause.panel.getByTestId('annotations-history')).toContainText('removed by FR · Camille Laurent');
  });

  test('an alternative proposed by DE, backed by FR and adopted by the secretariat replaces the text for everyone', async ({ browser }) => {
    const de = await enterRoom(browser, ACCOUNTS.de);
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    const secretariat = await enterRoom(browser, ACCOUNTS.secretariat);
    rooms.push(de, fr, secretariat);
    const words = 'commercial shipping';
    const wording = 'merchant shipping of all flags';

    await new ClauseAnnotationsPart(de, 7).proposeForSelection(words, wording);

    const frClause = new ClauseAnnotationsPart(fr, 7);
    const alt2 = frClause.alternative(2);
    await expect(alt2).toContainText(wording);
    await expect(alt2).toContainText('DE · ');
    await expect(alt2.getByTestId('alternative-backers')).toContainText('DE');
    await expect(frClause.alternative(1)).toContainText(words);
    await expect(fr.editor(7).locator('.ralt-tag')).toHaveText('ALT 2');
    await alt2.getByRole('button', { name: 'Back ALT 2' }).click();
    const secClause = new ClauseAnnotationsPart(secretariat, 7);
    await expect(secClause.alternative(2).getByTestId('alternative-backers')).toContainText('FR');
    await expect(secretariat.consensus(7)).toContainText('1 alternative');
    await secClause.panel.scrollIntoViewIfNeeded();
    await secretariat.page.screenshot({ path: 'test-results/brackets-alternatives.png' });

    await secClause.alternative(2).getByRole('button', { name: 'Adopt ALT 2' }).click();
    const dialog = secretariat.page.getByTestId('adopt-dialog');
    await dialog.getByLabel(/^Note for the record/).fill('As agreed at the coordination meeting');
    await dialog.getByRole('button', { name: 'Adopt ALT 2', exact: true }).click();
    await expect(dialog).toHaveCount(0);

    for (const room of [de, fr, secretariat]) {
      await expect.poll(() => room.editorText(7)).toContain(wording);
      expect(await room.editorText(7)).not.toContain(words);
    }
    await expect(frClause.alternative(2)).toHaveCount(0);
    await expect(frClause.panel.getByTestId('archived-alternative')).toContainText('ALT 2 (adopted)');
  });

  test('adopting a wording for words selected with the space before them keeps the words apart and resolves the bracket on them', async ({ browser }) => {
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    const secretariat = await enterRoom(browser, ACCOUNTS.secretariat);
    rooms.push(fr, secretariat);
    // As a double-click and drag selects them: with the space before.
    const selected = ' several hundred thousand';
    const frClause = new ClauseAnnotationsPart(fr, 8);
    await frClause.bracket(selected);
    await expect(frClause.panel.getByTestId('annotation-counts')).toHaveText(' · 1 open bracket');
    await frClause.proposeForSelection(selected, 'up to 800,000');
    const secClause = new ClauseAnnotationsPart(secretariat, 8);
    await expect(secClause.panel.getByTestId('annotation-counts')).toHaveText(' · 1 open bracket · 1 open alternative');

    await secClause.alternative(2).getByRole('button', { name: 'Adopt ALT 2' }).click();
    const dialog = secretariat.page.getByTestId('adopt-dialog');
    await expect(dialog).toContainText('“several hundred thousand” becomes “up to 800,000”');
    await dialog.getByRole('button', { name: 'Adopt ALT 2', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(secClause.panel.getByTestId('annotations-message')).toHaveText(
      'ALT 2 adopted: the text now reads as proposed. 1 bracket on the replaced words resolved.',
    );

    for (const room of [fr, secretariat]) await expect.poll(() => room.editorText(8)).toContain('a Ukrainian force of up to 800,000 personnel');
    for (const part of [frClause, secClause]) {
      await expect(part.brackets).toHaveCount(0);
      await expect(part.glyphs).toHaveCount(0);
      await expect(part.panel.getByTestId('annotation-counts')).toHaveText('');
      await expect(part.panel.locator('[data-testid="removed-bracket"][data-state="resolved"]')).toContainText(
        '[several hundred thousand] — bracketed by FR · Camille Laurent, resolved by adoption of ALT 2 (Secretariat · Hélène Marchand',
      );
    }
    await expect(fr.consensus(8)).not.toContainText('bracket');
    await secClause.panel.getByTestId('annotations-history').locator('summary').click();
    await secClause.panel.scrollIntoViewIfNeeded();
    await secretariat.page.screenshot({ path: 'test-results/brackets-adopted-resolved.png' });
  });

  test('a bracket whose words are deleted by typing is listed as detached and counted nowhere', async ({ browser }) => {
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    rooms.push(fr);
    const frClause = new ClauseAnnotationsPart(fr, 13);
    await frClause.bracket('bilateral');
    await expect(frClause.panel.getByTestId('annotation-counts')).toHaveText(' · 1 open bracket');
    await expect(fr.consensus(13)).toContainText('1 bracket');

    await frClause.select('bilateral');
    await fr.page.keyboard.press('Backspace');
    await expect.poll(() => fr.editorText(13)).not.toContain('bilateral');

    await expect(frClause.brackets).toHaveAttribute('data-detached', 'true');
    // No empty [ ] is left in the text where the words were.
    await expect(frClause.glyphs).toHaveCount(0);
    await expect(frClause.brackets).toContainText('detached: these words were deleted (not counted)');
    await expect(frClause.panel.getByTestId('annotation-counts')).toHaveText(' · 1 detached bracket (not counted)');
    await expect(fr.consensus(13)).not.toContainText('bracket');
    // Its proposer can still clear it from the list.
    await frClause.brackets.getByRole('button', { name: /Remove the bracket/ }).click();
    await expect(frClause.brackets).toHaveCount(0);
    await expect(frClause.panel.locator('[data-testid="removed-bracket"][data-state="removed"]')).toContainText('removed by FR · Camille Laurent');
  });
});
