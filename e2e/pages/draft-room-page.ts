import { expect, type Locator, type Page } from '@playwright/test';

/** The drafts list at /drafts (docs/ui-contract.md, "Drafts list"). */
export class DraftsPage {
  readonly cards: Locator;
  readonly currentUser: Locator;

  constructor(readonly page: Page) {
    this.cards = page.getByTestId('draft-card');
    this.currentUser = page.getByTestId('current-user');
  }

  card(title: string): Locator {
    return this.cards.filter({ hasText: title });
  }
}

/** One draft room at /drafts/<id> (docs/ui-contract.md, "Draft room"). */
export class DraftRoomPage {
  readonly drafts: DraftsPage;
  readonly clauses: Locator;
  readonly editors: Locator;
  readonly connectionStatus: Locator;
  readonly presenceUsers: Locator;
  readonly readonlyNotices: Locator;

  constructor(readonly page: Page) {
    this.drafts = new DraftsPage(page);
    this.clauses = page.getByTestId('clause');
    this.editors = this.clauses.locator('.ProseMirror');
    this.connectionStatus = page.getByTestId('connection-status');
    this.presenceUsers = page.getByTestId('presence').getByTestId('presence-user');
    this.readonlyNotices = page.getByTestId('readonly-notice');
  }

  /** Opens a draft from the list (the first one, or the one whose card shows `title`) and waits until it is synced. */
  async openFromList(title?: string): Promise<void> {
    if (!/\/drafts\/?$/.test(new URL(this.page.url()).pathname)) await this.page.goto('/drafts');
    const card = title ? this.drafts.card(title).first() : this.drafts.cards.first();
    await card.click();
    await this.page.waitForURL(/\/drafts\/[^/?#]+/);
    await this.waitForSynced();
  }

  /** Reloads the room and waits until the document is synced with the server again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForSynced();
  }

  async waitForSynced(): Promise<void> {
    await expect(this.connectionStatus).toHaveAttribute('data-synced', 'true');
  }

  clause(n: number): Locator {
    return this.page.locator(`[data-testid="clause"][data-clause-number="${n}"]`);
  }

  editor(n: number): Locator {
    return this.clause(n).locator('.ProseMirror');
  }

  /** The labels of other people's carets shown in clause `n`, e.g. "FR · Marie Dupont". */
  caretLabels(n: number): Locator {
    return this.clause(n).locator('.collaboration-carets__label');
  }

  presenceFor(delegation: string): Locator {
    return this.presenceUsers.and(this.page.locator(`[data-delegation="${delegation}"]`));
  }

  /** Puts the caret at the very end of clause `n` and types `text` there, as a user would. */
  async typeAtEnd(n: number, text: string): Promise<void> {
    const editor = this.editor(n);
    await editor.click();
    await expect(editor).toBeFocused();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.type(text);
  }

  /** The text of clause `n`'s editor without other people's caret labels (they are decorations inside the editor). */
  async editorText(n: number): Promise<string> {
    return this.editor(n).evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
      return copy.textContent ?? '';
    });
  }
}
