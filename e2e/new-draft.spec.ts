import { expect, test, type Browser, type Page } from '@playwright/test';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { ACCOUNTS, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { NewDraftPage } from './pages/new-draft-page';
import { SignInPage } from './pages/sign-in-page';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  return page;
}

/** A chair's zero draft: a mandate, then three articles as Word headings. */
function zeroDraft(): Promise<Buffer> {
  const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const h = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          p('Mandate: a coordination mechanism for reconstruction.'),
          h('Article 1 — Purpose'),
          p('The parties shall coordinate reconstruction efforts.'),
          h('Article 2 — Means'),
          p('They pool their expertise.'),
          h('Article 3 — Review'),
          p('The mechanism is reviewed every year.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

test('the secretariat imports a DOCX zero draft, merges two clauses in the preview, creates and opens the draft; closing it turns a delegate’s room read-only at once', async ({
  browser,
}) => {
  const secretariat = await signedIn(browser, ACCOUNTS.secretariat);
  const form = new NewDraftPage(secretariat);
  await form.openFromList();
  const title = `Reconstruction ${Date.now()}`;
  await form.title.fill(title);
  await form.takePart('FR', 'participant');
  await form.takePart('DE', 'participant');
  await form.takePart('NATO', 'observer');

  await form.previewDocx('zero-draft.docx', await zeroDraft());
  await expect(form.planClauses).toHaveCount(3);
  expect(await form.planTitles()).toEqual(['Purpose', 'Means', 'Review']);
  await expect(secretariat.getByTestId('draft-description')).toHaveValue('Mandate: a coordination mechanism for reconstruction.');

  await form.mergeIntoPrevious(2);
  await expect(form.planClauses).toHaveCount(2);
  expect(await form.planTitles()).toEqual(['Purpose', 'Review']);
  await expect(secretariat.getByTestId('create-draft')).toHaveText('Create draft with 2 clauses');
  await form.create();

  const room = new DraftRoomPage(secretariat);
  await room.waitForSynced();
  await expect(room.clauses).toHaveCount(2);
  await expect(room.clause(1)).toContainText('Purpose');
  await expect.poll(() => room.editorText(1)).toContain('The parties shall coordinate reconstruction efforts.Article 2 — MeansThey pool their expertise.');
  await expect(room.clause(2)).toContainText('Review');
  const draftUrl = secretariat.url();

  // A delegate opens it from the list and can type.
  const fr = await signedIn(browser, ACCOUNTS.fr);
  const frRoom = new DraftRoomPage(fr);
  await fr.goto('/drafts');
  await expect(frRoom.drafts.card(title)).toContainText('0 of 2 clauses agreed');
  await frRoom.openFromList(title);
  await frRoom.typeAtEnd(2, ' Typed by France.');
  await expect.poll(() => room.editorText(2)).toContain('Typed by France.');

  // The secretariat closes the draft from its settings: France's room turns read-only without reloading.
  await secretariat.getByTestId('draft-settings-link').click();
  await secretariat.getByTestId('state-reason').fill('Adopted by consensus.');
  await secretariat.getByTestId('toggle-state').click();
  await expect(secretariat.getByTestId('draft-state')).toContainText('Closed · read-only');
  await expect(fr.getByTestId('closed-banner')).toBeVisible();
  await expect(frRoom.editor(2)).toHaveAttribute('contenteditable', 'false');
  await fr.goto('/drafts');
  await expect(frRoom.drafts.card(title).getByTestId('draft-closed-tag')).toBeVisible();
  await fr.getByTestId('draft-search').fill(title.toLowerCase());
  await expect(frRoom.drafts.cards).toHaveCount(1);
  await secretariat.goto(draftUrl);
  await expect(secretariat.getByTestId('closed-banner')).toBeVisible();

  await fr.context().close();
  await secretariat.context().close();
});
