import { randomBytes } from 'node:crypto';
import { expect, test, type Browser } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

/** Someone in their own browser context (own cookies, own sockets), in the demo draft room, text synced. */
async function enterRoom(browser: Browser, email: string): Promise<DraftRoomPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  const room = new DraftRoomPage(page);
  await room.openFromList(DEMO_DRAFT_TITLE);
  return room;
}

/** Marks the page so that a reload (which would lose the mark) is detectable. */
async function markNoReload(room: DraftRoomPage): Promise<void> {
  await room.page.evaluate(() => {
    (window as unknown as { __noReload?: boolean }).__noReload = true;
  });
}

async function wasNotReloaded(room: DraftRoomPage): Promise<boolean> {
  return room.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}

test.describe('negotiating in the draft room', () => {
  const rooms: DraftRoomPage[] = [];

  test.afterEach(async () => {
    for (const room of rooms.splice(0)) await room.page.context().close();
  });

  test('a position stated from the clause appears live for another delegation, and is given on earlier text once the text changes', async ({ browser }) => {
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    const de = await enterRoom(browser, ACCOUNTS.de);
    rooms.push(fr, de);

    // DE watches clause 2's positions (on a fresh server FR has not spoken yet; the note below is new either way).
    const note = `The Assemblée nationale must approve the period (${randomBytes(3).toString('hex')}).`;
    await de.openPositions(2);
    await expect(de.chip(2, 'FR')).toHaveCount(1);
    await expect(de.history(2)).not.toContainText(note);
    await expect(de.consensus(2)).toHaveAttribute('data-state', 'pending');
    await markNoReload(de);

    await fr.setPosition(2, 'reservation', { reservation: 'parliamentary', note });
    await expect(fr.chip(2, 'FR')).toHaveAttribute('data-position', 'reservation');

    // DE sees it without a reload: the chip, the explanation and the history line.
    await expect(de.chip(2, 'FR')).toHaveAttribute('data-position', 'reservation');
    await expect(de.chip(2, 'FR')).toHaveAttribute('data-reservation', 'parliamentary');
    await expect(de.chip(2, 'FR')).toHaveAttribute('data-stale', 'false');
    await expect(de.clause(2)).toContainText(note);
    await expect(de.history(2).locator('li').last()).toContainText(/Camille Laurent \(FR\): [a-z ()]+ → reservation \(parliamentary\) — /);
    await expect(de.history(2).locator('li').last()).toContainText(note);
    expect(await wasNotReloaded(de)).toBe(true);

    // FR edits the clause: its position was given on the earlier text, everywhere.
    await fr.typeAtEnd(2, ` France proposes ninety days ${randomBytes(2).toString('hex')}.`);
    await expect(fr.chip(2, 'FR')).toHaveAttribute('data-stale', 'true');
    await expect(fr.staleNotice(2)).toContainText('Given on earlier text — confirm on the current text');
    await expect(de.chip(2, 'FR')).toHaveAttribute('data-stale', 'true');
    await expect(de.clause(2)).toContainText('given on earlier text');
    // Only the delegation whose position it is is asked to confirm it.
    await expect(de.staleNotice(2)).toHaveCount(0);

    // FR confirms it on the current text.
    await fr.staleNotice(2).getByRole('button', { name: 'Confirm', exact: true }).click();
    await expect(fr.staleNotice(2)).toHaveCount(0);
    await expect(de.chip(2, 'FR')).toHaveAttribute('data-stale', 'false');
    expect(await wasNotReloaded(de)).toBe(true);
  });

  test('silence over open brackets needs a recorded reason: the dialog asks for it and the procedure starts', async ({ browser }) => {
    const secretariat = await enterRoom(browser, ACCOUNTS.secretariat);
    rooms.push(secretariat);
    const page = secretariat.page;

    // Clause 16 carries typed brackets ("[six months] [year]").
    await secretariat.chooseStatusItem(16, 'Start silence procedure…');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '24 h', exact: true }).click();
    await dialog.getByRole('button', { name: 'Start silence procedure', exact: true }).click();
    const override = dialog.getByTestId('silence-override');
    await expect(override).toContainText('clause 16');
    await expect(secretariat.statusBadge(16)).not.toHaveAttribute('data-status', 'silence');

    // Starting anyway without a reason is refused in the dialog; with one, it starts.
    await dialog.getByRole('button', { name: 'Start silence anyway', exact: true }).click();
    await expect(dialog).toContainText('Give the reason');
    await override.getByRole('textbox').fill('Capitals asked for the text as it stands, brackets included.');
    await dialog.getByRole('button', { name: 'Start silence anyway', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(secretariat.statusBadge(16)).toHaveAttribute('data-status', 'silence');
  });

  test('the secretariat starts a silence procedure; a delegation breaks it with a reason and the clause negotiates again, live', async ({ browser }) => {
    const secretariat = await enterRoom(browser, ACCOUNTS.secretariat);
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    rooms.push(secretariat, fr);

    await expect(secretariat.statusBadge(8)).toHaveAttribute('data-status', 'negotiating');
    await markNoReload(secretariat);
    await markNoReload(fr);

    await secretariat.startSilence(8, '24 h', 'Text as agreed by the Friends of the Chair.');
    await expect(secretariat.statusBadge(8)).toHaveAttribute('data-status', 'silence');

    // FR sees the banner and a live countdown, and the clause locked.
    await expect(fr.statusBadge(8)).toHaveAttribute('data-status', 'silence');
    await expect(fr.countdown(8)).toHaveText(/^ends in (23 h \d\d min|1 d 00 h)$/);
    await expect(fr.silenceBanner(8)).toContainText('Text as agreed by the Friends of the Chair.');
    await expect(fr.editor(8)).toHaveAttribute('contenteditable', 'false');
    // An observer-like read: the secretariat may cancel but not break silence.
    await expect(secretariat.silenceBanner(8).getByRole('button', { name: 'Break silence' })).toHaveCount(0);
    await expect(secretariat.silenceBanner(8).getByRole('button', { name: 'Cancel procedure' })).toBeVisible();

    const reason = 'France must consult its Ministry of the Armed Forces first.';
    await fr.breakSilence(8, reason);

    // Everyone sees the clause back to negotiating, and who broke silence and why.
    await expect(fr.statusBadge(8)).toHaveAttribute('data-status', 'negotiating');
    await expect(fr.editor(8)).toHaveAttribute('contenteditable', 'true');
    await expect(secretariat.statusBadge(8)).toHaveAttribute('data-status', 'negotiating');
    await expect(secretariat.silenceBanner(8)).toHaveCount(0);
    await expect(secretariat.toasts('silence-broken')).toContainText(`Silence broken by FR on clause 8: ${reason}`);
    await expect(secretariat.clause(8).getByTestId('status-note')).toContainText(`Silence broken by FR: ${reason}`);
    expect(await wasNotReloaded(secretariat)).toBe(true);
    expect(await wasNotReloaded(fr)).toBe(true);
  });

  test('nobody breaks silence: at the deadline the clause is agreed for everyone and locked for delegates', async ({ browser }) => {
    const secretariat = await enterRoom(browser, ACCOUNTS.secretariat);
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    rooms.push(secretariat, fr);

    // Re-runnable on the same server: an earlier run leaves clause 10 agreed; the secretariat reopens it.
    if ((await secretariat.statusBadge(10).getAttribute('data-status')) !== 'negotiating') {
      await secretariat.chooseStatusItem(10, 'Reopen for negotiation');
      await expect(secretariat.statusBadge(10)).toHaveAttribute('data-status', 'negotiating');
    }
    await expect(fr.editor(10)).toHaveAttribute('contenteditable', 'true');
    await markNoReload(fr);

    // A deadline a few seconds ahead, to the second, through the datetime-local input. Clause 10
    // carries brackets: silence over them needs the secretariat's recorded reason.
    await secretariat.startSilence(10, { secondsFromNow: 6 }, undefined, 'The Friends of the Chair keep both options for capitals.');
    await expect(fr.silenceBanner(10)).toBeVisible();
    await expect(fr.countdown(10)).toHaveText(/^(ends in \d+ s|deadline passed)$/);
    await expect(fr.editor(10)).toHaveAttribute('contenteditable', 'false');

    for (const room of [secretariat, fr]) {
      await expect(room.statusBadge(10)).toHaveAttribute('data-status', 'agreed', { timeout: 30_000 });
      await expect(room.silenceBanner(10)).toHaveCount(0);
      await expect(room.toasts('silence-completed')).toContainText('Clause 10 agreed under silence procedure.');
    }
    await expect(fr.editor(10)).toHaveAttribute('contenteditable', 'false');
    await expect(fr.clause(10).getByTestId('readonly-notice')).toContainText('agreed and locked');
    expect(await wasNotReloaded(fr)).toBe(true);
  });

  test('agreeing a blocked clause asks the secretariat for the reason, which everyone then sees', async ({ browser }) => {
    const secretariat = await enterRoom(browser, ACCOUNTS.secretariat);
    const de = await enterRoom(browser, ACCOUNTS.de);
    rooms.push(secretariat, de);

    // Clause 4 is blocked by DE's substantive reservation (demo data). Re-runnable: reopen it if an earlier run agreed it.
    if ((await secretariat.statusBadge(4).getAttribute('data-status')) !== 'negotiating') {
      await secretariat.chooseStatusItem(4, 'Reopen for negotiation');
      await expect(secretariat.statusBadge(4)).toHaveAttribute('data-status', 'negotiating');
    }
    await expect(secretariat.consensus(4)).toHaveAttribute('data-state', 'blocked');
    await expect(secretariat.consensus(4)).toContainText('by DE');

    await secretariat.chooseStatusItem(4, /^Agreed(?! ad)/);
    const dialog = secretariat.page.getByRole('dialog');
    await expect(dialog).toContainText('Blocked by DE (substantive reservation)');
    // Without a reason nothing is sent.
    await dialog.getByRole('button', { name: 'Record as agreed' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Give the reason');
    const reason = `Heads of delegation agreed; DE to lift its reservation in capital (${randomBytes(2).toString('hex')}).`;
    await dialog.getByLabel('Reason for agreeing without consensus', { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: 'Record as agreed' }).click();
    await expect(dialog).toHaveCount(0);

    for (const room of [secretariat, de]) {
      await expect(room.statusBadge(4)).toHaveAttribute('data-status', 'agreed');
      await expect(room.clause(4).getByTestId('status-note')).toContainText(`Agreed without consensus: ${reason}`);
    }
    await expect(de.editor(4)).toHaveAttribute('contenteditable', 'false');
    // Only the moves the workflow allows from "agreed" are offered.
    await secretariat.clause(4).getByRole('button', { name: 'Change status' }).click();
    const items = secretariat.page.getByRole('menu', { name: 'Clause status' }).getByRole('menuitem');
    await expect(items).toHaveText(['Reopen for negotiation', 'Withdraw the clause']);
    await secretariat.page.keyboard.press('Escape');
    await expect(secretariat.page.getByRole('menu')).toHaveCount(0);
  });

  test('the room keeps one socket.io connection for presence and the negotiation state', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // An Engine.IO connection starts with a request (or websocket) to /socket.io/ without a session id.
    const handshakes: string[] = [];
    const count = (raw: string) => {
      const url = new URL(raw);
      if (url.pathname.startsWith('/socket.io/') && !url.searchParams.has('sid')) handshakes.push(url.href);
    };
    page.on('request', (request) => count(request.url()));
    page.on('websocket', (ws) => count(ws.url()));
    await new SignInPage(page).signIn(ACCOUNTS.observer, DEMO_PASSWORD);
    const room = new DraftRoomPage(page);
    rooms.push(room);
    await room.openFromList(DEMO_DRAFT_TITLE);

    // Both users of the connection are served: presence lists us, and live consensus is shown.
    await expect(room.presenceUsers.filter({ hasText: 'Sam Okafor' })).toHaveCount(1);
    await expect(room.consensus(1)).toHaveAttribute('data-state', /^(consensus|pending|blocked)$/);
    expect(handshakes).toHaveLength(1);
  });
});
