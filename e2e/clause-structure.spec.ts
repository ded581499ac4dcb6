import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, BASE_URL, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

async function signedIn(browser: Browser, email: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext(viewport ? { viewport } : {})).newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  return page;
}

const MARKDOWN = [
  '## Scope',
  'Scope one.',
  'Scope two.',
  '## Funding',
  'Funding is pooled.',
  '## Review',
  'The parties review yearly.',
  '## Final',
  'Entry into force.',
].join('\n\n');

/** The titles of the room's clauses in page order, each with its number ("–" when it has none). */
async function outline(page: Page): Promise<string[]> {
  return page.getByTestId('clause').evaluateAll((sections) =>
    sections.map(
      (s) =>
        `${s.getAttribute('data-clause-number') || '–'}:${s
          .querySelector('h2')
          ?.textContent?.replace(/^\s*(\d+\.|\[withdrawn\])\s*/, '')
          .trim()}`,
    ),
  );
}

function clauseTitled(page: Page, title: string) {
  return page.getByTestId('clause').filter({ has: page.getByRole('heading', { name: title, exact: false }) });
}

// Several browsers in one test on a shared two-core machine: give them time.
test.describe.configure({ timeout: 240_000 });

test('the secretariat adds, renames, moves, withdraws and reinstates clauses; a delegate sees each change live while typing', async ({ browser }) => {
  const secretariat = await signedIn(browser, ACCOUNTS.secretariat);
  const title = `Structure ${Date.now()}`;
  const created = await secretariat.request.post('/api/drafts', {
    headers: { origin: BASE_URL },
    data: { title, participants: ['FR', 'DE'], text: { format: 'markdown', content: MARKDOWN } },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const room = new DraftRoomPage(secretariat);
  await secretariat.goto(`/drafts/${id}`);
  await room.waitForSynced();
  const fr = await signedIn(browser, ACCOUNTS.fr);
  const frRoom = new DraftRoomPage(fr);
  await fr.goto(`/drafts/${id}`);
  await frRoom.waitForSynced();
  await expect(fr.getByTestId('clause-structure')).toHaveCount(0);

  // Add a clause at the start.
  await secretariat.getByTestId('add-clause-start').click();
  const add = secretariat.getByTestId('add-clause-dialog');
  await add.getByLabel('Title').fill('Preamble');
  await add.getByLabel(/First text/).fill('Recalling the mandate.');
  await add.getByRole('button', { name: 'Add clause' }).click();
  await expect(add).toHaveCount(0);
  await expect.poll(() => outline(fr)).toEqual(['1:Preamble', '2:Scope', '3:Funding', '4:Review', '5:Final']);
  await expect.poll(() => frRoom.editorText(1)).toContain('Recalling the mandate.');

  // France keeps typing in "Review" while the structure changes around it.
  await frRoom.typeAtEnd(4, ' France typed this.');

  // Rename "Scope" from its clause menu.
  await clauseTitled(secretariat, 'Scope').getByRole('button', { name: 'Clause' }).click();
  await secretariat.getByRole('menuitem', { name: /Rename/ }).click();
  const rename = secretariat.getByTestId('rename-clause-dialog');
  await rename.getByLabel('Title').fill('Scope and purpose');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect.poll(() => outline(fr)).toEqual(['1:Preamble', '2:Scope and purpose', '3:Funding', '4:Review', '5:Final']);

  // Move "Final" up with the keyboard (Alt+↑ on its outline entry), then drag "Review" to the top.
  const finalLink = secretariat.locator('.outline__link', { hasText: 'Final' });
  await finalLink.focus();
  await finalLink.press('Alt+ArrowUp');
  await expect.poll(() => outline(fr)).toEqual(['1:Preamble', '2:Scope and purpose', '3:Funding', '4:Final', '5:Review']);
  await expect(finalLink).toBeFocused();
  await secretariat
    .locator('.outline__item', { hasText: 'Review' })
    .dragTo(secretariat.locator('.outline__item', { hasText: 'Preamble' }), { targetPosition: { x: 20, y: 4 } });
  await expect.poll(() => outline(fr)).toEqual(['1:Review', '2:Preamble', '3:Scope and purpose', '4:Funding', '5:Final']);
  await frRoom.typeAtEnd(1, ' And after the move.');
  await expect.poll(() => room.editorText(1)).toContain('The parties review yearly. France typed this. And after the move.');

  // Withdraw "Funding": it keeps its text, shows collapsed and loses its number; the others are renumbered.
  await clauseTitled(secretariat, 'Funding').getByRole('button', { name: 'Change status' }).click();
  await secretariat.getByRole('menuitem', { name: 'Withdraw the clause' }).click();
  await expect.poll(() => outline(fr)).toEqual(['1:Review', '2:Preamble', '3:Scope and purpose', '–:Funding', '4:Final']);
  const withdrawn = clauseTitled(fr, 'Funding');
  await expect(withdrawn).toHaveAttribute('data-collapsed', 'true');
  await expect(withdrawn.getByRole('heading')).toContainText('[withdrawn]');
  await expect(withdrawn.locator('.ProseMirror')).toBeHidden();
  if (process.env.STRUCTURE_SCREENSHOTS) {
    await withdrawn.scrollIntoViewIfNeeded();
    await fr.screenshot({ path: 'test-results/structure-withdrawn-desktop.png' });
  }
  await withdrawn.getByTestId('withdrawn-toggle').click();
  await expect(withdrawn.locator('.ProseMirror')).toContainText('Funding is pooled.');

  // Reinstate it.
  await clauseTitled(secretariat, 'Funding').getByRole('button', { name: 'Change status' }).click();
  await secretariat.getByRole('menuitem', { name: /Reinstate: drafting/ }).click();
  await expect.poll(() => outline(fr)).toEqual(['1:Review', '2:Preamble', '3:Scope and purpose', '4:Funding', '5:Final']);
  await expect(clauseTitled(fr, 'Funding')).not.toHaveAttribute('data-collapsed', 'true');

  // Nothing France typed was lost, and the timeline lists the changes.
  await expect.poll(() => frRoom.editorText(1)).toContain('France typed this. And after the move.');
  await fr.goto(`/drafts/${id}/history`);
  await expect(fr.getByTestId('timeline-structure').first()).toBeVisible();

  if (process.env.STRUCTURE_SCREENSHOTS) {
    await clauseTitled(secretariat, 'Funding').getByRole('button', { name: 'Clause' }).click();
    await secretariat.screenshot({ path: 'test-results/structure-desktop.png' });
    await secretariat.keyboard.press('Escape');
    await clauseTitled(secretariat, 'Scope and purpose').getByRole('button', { name: 'Clause' }).click();
    await secretariat.getByRole('menuitem', { name: /Split/ }).click();
    await secretariat.screenshot({ path: 'test-results/structure-split-desktop.png' });
    const phone = await signedIn(browser, ACCOUNTS.secretariat, { width: 390, height: 844 });
    await phone.goto(`/drafts/${id}`);
    await new DraftRoomPage(phone).waitForSynced();
    await clauseTitled(phone, 'Preamble').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await phone.screenshot({ path: 'test-results/structure-room-phone.png' });
    await clauseTitled(phone, 'Preamble').getByRole('button', { name: 'Clause' }).click();
    await phone.screenshot({ path: 'test-results/structure-phone.png' });
    await phone.keyboard.press('Escape');
    await clauseTitled(phone, 'Preamble').getByRole('button', { name: 'Clause' }).click();
    await phone.getByRole('menuitem', { name: /Merge/ }).click();
    await phone.screenshot({ path: 'test-results/structure-merge-phone.png' });
  }
});

test('the secretariat splits and merges clauses while two delegates type; their words land in the right clause and none is lost', async ({ browser }) => {
  const secretariat = await signedIn(browser, ACCOUNTS.secretariat);
  const created = await secretariat.request.post('/api/drafts', {
    headers: { origin: BASE_URL },
    data: { title: `Split and merge ${Date.now()}`, participants: ['FR', 'DE'], text: { format: 'markdown', content: MARKDOWN } },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const room = new DraftRoomPage(secretariat);
  await secretariat.goto(`/drafts/${id}`);
  await room.waitForSynced();
  const fr = await signedIn(browser, ACCOUNTS.fr);
  const de = await signedIn(browser, ACCOUNTS.de);
  const frRoom = new DraftRoomPage(fr);
  const deRoom = new DraftRoomPage(de);
  for (const [page, r] of [
    [fr, frRoom],
    [de, deRoom],
  ] as const) {
    await page.goto(`/drafts/${id}`);
    await r.waitForSynced();
  }

  // France types at the end of "Scope" (its second paragraph); the secretariat has it before splitting.
  await frRoom.typeAtEnd(1, ' France wrote this.');
  await expect.poll(() => room.editorText(1)).toContain('Scope two. France wrote this.');

  // Germany keeps typing in "Review" while the secretariat splits "Scope" at its second paragraph.
  await deRoom.editor(3).click();
  await de.keyboard.press('ControlOrMeta+End');
  const typing = de.keyboard.type(' Germany typed during the split.', { delay: 60 });
  await clauseTitled(secretariat, 'Scope').getByRole('button', { name: 'Clause' }).click();
  await secretariat.getByRole('menuitem', { name: /Split/ }).click();
  const split = secretariat.getByTestId('split-clause-dialog');
  await split.getByRole('radio', { name: /Scope two/ }).check();
  await split.getByLabel('Title of the new clause').fill('Scope, second part');
  await split.getByRole('button', { name: 'Split clause' }).click();
  await expect(split).toHaveCount(0);
  await typing;

  // Everyone sees two clauses where there was one, live; France's words moved with their paragraph.
  for (const page of [fr, de, secretariat])
    await expect.poll(() => outline(page)).toEqual(['1:Scope', '2:Scope, second part', '3:Funding', '4:Review', '5:Final']);
  await expect.poll(() => frRoom.editorText(1)).toBe('Scope one.');
  await expect.poll(() => frRoom.editorText(2)).toBe('Scope two. France wrote this.');
  await expect.poll(() => room.editorText(4)).toContain('The parties review yearly. Germany typed during the split.');

  // France goes on typing in the new clause; then the secretariat merges it back while Germany types in "Final".
  await frRoom.typeAtEnd(2, ' And more.');
  await expect.poll(() => room.editorText(2)).toBe('Scope two. France wrote this. And more.');
  await deRoom.editor(5).click();
  await de.keyboard.press('ControlOrMeta+End');
  const typingAgain = de.keyboard.type(' Germany typed during the merge.', { delay: 60 });
  await clauseTitled(secretariat, 'Scope, second part').getByRole('button', { name: 'Clause' }).click();
  await secretariat.getByRole('menuitem', { name: /Merge/ }).click();
  const merge = secretariat.getByTestId('merge-clause-dialog');
  await merge.getByRole('button', { name: 'Merge clauses' }).click();
  await expect(merge).toHaveCount(0);
  await typingAgain;

  for (const page of [fr, de, secretariat]) await expect.poll(() => outline(page)).toEqual(['1:Scope', '2:Funding', '3:Review', '4:Final']);
  for (const r of [frRoom, deRoom, room]) {
    await expect.poll(() => r.editorText(1)).toBe('Scope one.Scope two. France wrote this. And more.');
    await expect.poll(() => r.editorText(4)).toContain('Entry into force. Germany typed during the merge.');
  }

  // The timeline lists both changes in words.
  await fr.goto(`/drafts/${id}/history`);
  await expect(fr.getByTestId('timeline-structure').filter({ hasText: 'split after paragraph 1' })).toHaveCount(1);
  await expect(fr.getByTestId('timeline-structure').filter({ hasText: 'merged into “Scope”' })).toHaveCount(1);
  for (const p of [secretariat, fr, de]) await p.context().close();
});
