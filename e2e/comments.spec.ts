import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Locator } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

async function enterRoom(browser: Browser, email: string): Promise<DraftRoomPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  const room = new DraftRoomPage(page);
  await page.goto('/drafts');
  await room.drafts.card(DEMO_DRAFT_TITLE).first().click();
  await page.waitForURL(/\/drafts\/[^/?#]+/);
  // The room's editor bundle is large; on a loaded machine it takes longer than the default 10 s to open.
  await expect(room.connectionStatus).toHaveAttribute('data-synced', 'true', { timeout: 45_000 });
  return room;
}

/** Selects the first occurrence of `words` in clause `n`'s editor, as a mouse drag would. */
async function selectWords(room: DraftRoomPage, n: number, words: string): Promise<void> {
  const editor = room.editor(n);
  await editor.click();
  await editor.evaluate((el, target) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${target}" is not in the clause`);
  }, words);
}

/** The words a thread highlights in clause `n` (a decoration may be split in several spans). */
function highlightedText(room: DraftRoomPage, n: number, threadId: string): Promise<string> {
  return room
    .editor(n)
    .locator(`[data-comment-id="${threadId}"]`)
    .evaluateAll((els) => els.map((e) => e.textContent ?? '').join(''));
}

async function reload(room: DraftRoomPage): Promise<void> {
  await room.page.reload();
  await expect(room.connectionStatus).toHaveAttribute('data-synced', 'true', { timeout: 45_000 });
}

function threads(room: DraftRoomPage, n: number): Locator {
  return room.clause(n).getByTestId('comment-thread');
}

/** Three consecutive plain words from the clause's first paragraph, with text before them. */
async function wordsToComment(room: DraftRoomPage, n: number): Promise<string> {
  const tokens = (await room.editor(n).locator('p').first().innerText()).split(' ');
  for (let i = 2; i + 3 <= tokens.length; i += 1) {
    const run = tokens.slice(i, i + 3);
    if (run.every((w) => /^[A-Za-z]{3,}$/.test(w))) return run.join(' ');
  }
  throw new Error(`no run of three plain words in clause ${n}`);
}

test.describe('comments anchored to the text', () => {
  // Two browser contexts and many live round trips: on a shared two-core machine this takes more than the default minute.
  test.setTimeout(180_000);
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

  test('a highlight stays on the same words while another delegation edits before them, live and after reload', async ({}, testInfo) => {
    const n = 5;
    const words = await wordsToComment(fr, n);
    const text = await fr.editor(n).locator('p').first().innerText();
    // The words must be unique in the paragraph, or "the same words" would be ambiguous.
    expect(text.indexOf(words)).toBe(text.lastIndexOf(words));

    await selectWords(fr, n, words);
    await fr.page.getByTestId('comment-selection').click();
    const composer = fr.clause(n).getByTestId('comment-composer');
    await expect(composer).toBeVisible();
    await expect(composer.locator('blockquote')).toHaveText(`“${words}”`);

    // While FR writes, DE inserts text at the start of the clause, before the selected words.
    const before = `DE-${randomBytes(3).toString('hex')} inserted first. `;
    await de.editor(n).click();
    await de.page.keyboard.press('ControlOrMeta+Home');
    await de.page.keyboard.type(before);
    await expect(fr.editor(n)).toContainText(before.trim());

    // Other specs on this server may have left DE unread notices (statuses, silence…): count from here.
    const unread = de.page.getByTestId('notification-unread');
    const unreadBefore = (await unread.count()) ? Number(await unread.innerText()) : 0;
    const body = `We need firmer wording here, @DE. Background: https://example.org/guarantees <b>not bold</b> ${randomBytes(3).toString('hex')}`;
    await composer.getByLabel('Your comment').fill(body);
    await composer.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(composer).toHaveCount(0);

    const frThread = threads(fr, n).filter({ hasText: 'firmer wording' });
    await expect(frThread).toHaveCount(1);
    const threadId = (await frThread.getAttribute('data-thread-id'))!;
    await expect.poll(() => highlightedText(fr, n, threadId)).toBe(words);

    // DE sees the public thread live, with its highlight on the same words; markup shows as text, the link is safe.
    const deThread = de.clause(n).locator(`[data-thread-id="${threadId}"]`);
    await expect(deThread).toBeVisible();
    await expect(deThread).toContainText('<b>not bold</b>');
    await expect(deThread.locator('b')).toHaveCount(0);
    await expect(deThread.getByRole('link', { name: 'https://example.org/guarantees' })).toHaveAttribute('rel', /noopener noreferrer/);
    await expect.poll(() => highlightedText(de, n, threadId)).toBe(words);
    await expect(de.clause(n).getByTestId('clause-comment-count')).toContainText('1');
    // The mention of DE rings DE's bell.
    await expect(unread).toHaveText(String(unreadBefore + 1));

    // More edits before the words, from both sides: the highlight does not move off them.
    await de.page.keyboard.type('Again. ');
    await fr.editor(n).click();
    await fr.page.keyboard.press('ControlOrMeta+Home');
    await fr.page.keyboard.type('FR too. ');
    await expect.poll(async () => (await fr.editorText(n)) === (await de.editorText(n))).toBe(true);
    await expect.poll(() => highlightedText(fr, n, threadId)).toBe(words);
    await expect.poll(() => highlightedText(de, n, threadId)).toBe(words);
    await fr.page.screenshot({ path: testInfo.outputPath('fr-room.png') });

    await reload(de);
    await expect.poll(() => highlightedText(de, n, threadId)).toBe(words);

    // Deleting the words detaches the thread; it is kept with its quote.
    await selectWords(de, n, words);
    await de.page.keyboard.press('Backspace');
    const detached = fr.clause(n).locator(`[data-thread-id="${threadId}"]`);
    await expect(detached).toHaveAttribute('data-detached', 'true');
    await expect(detached.getByTestId('comment-detached')).toContainText(words);
    await expect(fr.editor(n).locator(`[data-comment-id="${threadId}"]`)).toHaveCount(0);
    await fr.page.screenshot({ path: testInfo.outputPath('fr-detached.png') });

    // DE follows the bell to the thread.
    await de.page.getByTestId('notification-bell').click();
    await de.page.locator('[data-testid="notification"][data-kind="mention"]').first().click();
    await expect(de.clause(n).locator(`[data-thread-id="${threadId}"]`)).toHaveClass(/is-active/);
    if (unreadBefore === 0) await expect(unread).toHaveCount(0);
    else await expect(unread).toHaveText(String(unreadBefore));
  });

  test("an internal note of FR is never shown to DE, and resolving works for FR's own thread", async ({}, testInfo) => {
    const n = 6;
    const words = await wordsToComment(fr, n);
    const secret = `FR internal ${randomBytes(4).toString('hex')}`;

    await selectWords(fr, n, words);
    await fr.page.keyboard.press('ControlOrMeta+Alt+m');
    const composer = fr.clause(n).getByTestId('comment-composer');
    await expect(composer).toBeVisible();
    await composer.getByLabel('Your comment').fill(secret);
    await composer.getByLabel(/Only FR \(internal note\)/).check();
    await composer.getByRole('button', { name: 'Comment', exact: true }).click();
    const note = threads(fr, n).filter({ hasText: secret });
    await expect(note).toHaveAttribute('data-visibility', 'delegation');
    await expect(note).toContainText('Internal · FR only');
    await expect(fr.editor(n).locator('.comment-highlight--internal')).toHaveCount(1);

    // A public comment afterwards reaches DE: DE is listening, and still never gets the note.
    const marker = `public ${randomBytes(4).toString('hex')}`;
    await selectWords(fr, n, words.split(' ')[0]);
    await fr.page.getByTestId('comment-selection').click();
    await fr.clause(n).getByTestId('comment-composer').getByLabel('Your comment').fill(marker);
    await fr.clause(n).getByTestId('comment-composer').getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(de.clause(n).getByTestId('comment-thread').filter({ hasText: marker })).toBeVisible();
    await expect(de.page.getByText(secret)).toHaveCount(0);
    await expect(de.editor(n).locator('.comment-highlight--internal')).toHaveCount(0);
    await expect(de.clause(n).getByTestId('clause-comment-count')).toContainText('1');
    await expect(fr.clause(n).getByTestId('clause-comment-count')).toContainText('2');
    await reload(de);
    await expect(de.clause(n).getByTestId('comment-thread').filter({ hasText: marker })).toBeVisible();
    await expect(de.page.getByText(secret)).toHaveCount(0);

    // DE may reply to FR's public thread but not resolve it; FR resolves it, and it hides behind the toggle.
    const publicOnDe = de.clause(n).getByTestId('comment-thread').filter({ hasText: marker });
    await expect(publicOnDe.getByRole('button', { name: 'Resolve' })).toHaveCount(0);
    await publicOnDe.getByRole('button', { name: 'Reply' }).click();
    await publicOnDe.getByLabel('Your reply').fill('DE agrees in principle.');
    await publicOnDe.getByRole('button', { name: 'Reply', exact: true }).click();
    const publicOnFr = fr.clause(n).getByTestId('comment-thread').filter({ hasText: marker });
    await expect(publicOnFr.getByTestId('comment-reply')).toContainText('DE agrees in principle.');
    await fr.clause(n).screenshot({ path: testInfo.outputPath('fr-clause-comments.png') });
    await publicOnFr.getByRole('button', { name: 'Resolve' }).click();
    await expect(publicOnDe).toHaveCount(0);
    await de
      .clause(n)
      .getByLabel(/Show resolved/)
      .check();
    await expect(publicOnDe).toHaveAttribute('data-state', 'resolved');
  });
});

test.describe('the comment margin', () => {
  test.setTimeout(120_000);

  test('at 1440 px each thread sits beside its words, level with them, and cards never overlap; the two are linked both ways', async ({
    browser,
  }, testInfo) => {
    const fr = await enterRoom(browser, ACCOUNTS.fr);
    try {
      const n = 8;
      const [first, , third] = (await wordsToComment(fr, n)).split(' ');
      const ids: string[] = [];
      for (const [words, body] of [
        [first, `Margin check one ${randomBytes(3).toString('hex')}`],
        [third, `Margin check two ${randomBytes(3).toString('hex')}`],
      ]) {
        await selectWords(fr, n, words);
        await fr.page.getByTestId('comment-selection').click();
        const composer = fr.clause(n).getByTestId('comment-composer');
        await expect(fr.clause(n).getByTestId('clause-comments')).toHaveAttribute('data-layout', 'margin');
        if (ids.length === 0) {
          // The composer opens in the margin, level with the selected words.
          await expect
            .poll(async () => Math.abs((await top(composer)) - (await top(fr.editor(n).locator('[data-comment-id="composer"]').first()))))
            .toBeLessThan(40);
        }
        await composer.getByLabel('Your comment').fill(body);
        await composer.getByRole('button', { name: 'Comment', exact: true }).click();
        await expect(composer).toHaveCount(0);
        const card = threads(fr, n).filter({ hasText: body });
        ids.push((await card.getAttribute('data-thread-id'))!);
      }
      const card = (id: string) => fr.clause(n).locator(`[data-testid="comment-thread"][data-thread-id="${id}"]`);
      const words = (id: string) => fr.editor(n).locator(`[data-comment-id="${id}"]`).first();

      // Nothing active (a click in the text elsewhere clears it): the first thread's card is level with its words.
      await fr
        .editor(n)
        .locator('p')
        .first()
        .click({ position: { x: 2, y: 2 } });
      await expect(card(ids[1])).not.toHaveClass(/is-active/);
      await expect.poll(async () => Math.abs((await top(card(ids[0]))) - (await top(words(ids[0]))))).toBeLessThan(40);
      const editorBox = (await fr.editor(n).boundingBox())!;
      for (const id of ids) {
        const box = (await card(id).boundingBox())!;
        expect(box.x).toBeGreaterThan(editorBox.x + editorBox.width);
      }
      // Two threads on nearby words: the second card is pushed below the first, never on top of it.
      await expect.poll(async () => (await top(card(ids[1]))) - (await bottom(card(ids[0])))).toBeGreaterThanOrEqual(0);
      await fr.clause(n).screenshot({ path: testInfo.outputPath('margin.png') });

      // Clicking the words of the second thread activates its card, which keeps the cards apart.
      await words(ids[1]).click();
      await expect(card(ids[1])).toHaveClass(/is-active/);
      await expect
        .poll(async () => {
          const [a, b] = [await card(ids[0]).boundingBox(), await card(ids[1]).boundingBox()];
          return a!.y + a!.height <= b!.y || b!.y + b!.height <= a!.y;
        })
        .toBe(true);

      // Hovering a card emphasises its words; the keyboard reaches the card and Enter opens a reply.
      await card(ids[0]).hover();
      await expect(words(ids[0])).toHaveClass(/comment-highlight--emphasis/);
      await card(ids[0]).focus();
      await fr.page.keyboard.press('Enter');
      await expect(card(ids[0])).toHaveClass(/is-active/);
      await expect(card(ids[0]).getByLabel('Your reply')).toBeFocused();

      // A reply being typed survives the window narrowing past the margin's width (the
      // card moves from the margin to the list under the clause) and widening again.
      const half = `Half a reply ${randomBytes(3).toString('hex')}`;
      await card(ids[0]).getByLabel('Your reply').fill(half);
      await fr.page.setViewportSize({ width: 800, height: 1000 });
      await expect(fr.clause(n).getByTestId('clause-comments')).toHaveAttribute('data-layout', 'list');
      await expect(card(ids[0]).getByLabel('Your reply')).toHaveValue(half);
      await fr.page.setViewportSize({ width: 1440, height: 1000 });
      await expect(fr.clause(n).getByTestId('clause-comments')).toHaveAttribute('data-layout', 'margin');
      await expect(card(ids[0]).getByLabel('Your reply')).toHaveValue(half);
    } finally {
      await fr.page.context().close();
    }
  });
});

async function top(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not laid out');
  return box.y;
}

async function bottom(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not laid out');
  return box.y + box.height;
}
