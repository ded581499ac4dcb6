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

  /**
   * The first sync of a room includes compiling and loading its page and opening the
   * draft on the server: allow for a busy 2-core machine (later expectations keep the
   * default 10 s).
   */
  async waitForSynced(): Promise<void> {
    await expect(this.connectionStatus).toHaveAttribute('data-synced', 'true', { timeout: 30_000 });
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

  // ---- Negotiation in the room (docs/ui-contract.md, "Draft room: negotiation") ----

  /** The consensus summary of clause `n`: `data-state` is consensus | pending | blocked. */
  consensus(n: number): Locator {
    return this.clause(n).getByTestId('consensus');
  }

  statusBadge(n: number): Locator {
    return this.clause(n).getByTestId('clause-status');
  }

  /** Opens the positions panel of clause `n` (positions, explanations, history and, for a delegate, our position). */
  async openPositions(n: number): Promise<void> {
    const toggle = this.clause(n).getByTestId('positions-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  }

  positionForm(n: number): Locator {
    return this.clause(n).getByTestId('position-form');
  }

  /** States our delegation's position on clause `n` from the clause itself, and waits until it is saved. */
  async setPosition(n: number, position: string, options: { reservation?: string; note?: string } = {}): Promise<void> {
    await this.openPositions(n);
    const form = this.positionForm(n);
    await form.getByLabel('Position', { exact: true }).selectOption(position);
    if (options.reservation) await form.getByLabel('Reservation', { exact: true }).selectOption(options.reservation);
    if (options.note !== undefined) await form.getByLabel(/^Explanation of position/).fill(options.note);
    await form.getByRole('button', { name: 'Save position', exact: true }).click();
    await expect(form.getByRole('status')).toContainText('Saved');
  }

  /** A delegation's chip in clause `n`'s positions panel (open it first). */
  chip(n: number, delegation: string): Locator {
    return this.clause(n).locator(`[data-testid="position-chip"][data-delegation="${delegation}"]`);
  }

  history(n: number): Locator {
    return this.clause(n).getByTestId('position-history');
  }

  /** "Given on earlier text — confirm on the current text", shown to the delegation whose position it is. */
  staleNotice(n: number): Locator {
    return this.clause(n).getByTestId('stale-notice');
  }

  silenceBanner(n: number): Locator {
    return this.clause(n).getByTestId('silence-banner');
  }

  countdown(n: number): Locator {
    return this.silenceBanner(n).getByTestId('silence-countdown');
  }

  toasts(kind?: string): Locator {
    const all = this.page.getByTestId('toast');
    return kind ? all.and(this.page.locator(`[data-kind="${kind}"]`)) : all;
  }

  /** Secretariat: "Change status" on clause `n`, then the menu item whose name matches. */
  async chooseStatusItem(n: number, item: string | RegExp): Promise<void> {
    await this.clause(n).getByRole('button', { name: 'Change status' }).click();
    const menu = this.page.getByRole('menu', { name: 'Clause status' });
    await menu.getByRole('menuitem', { name: item }).click();
  }

  /**
   * Secretariat: starts a silence procedure on clause `n` from its status menu. `deadline` is
   * a quick pick ("24 h", "48 h", "1 week"), or `{ secondsFromNow }`: an instant reckoned just
   * before typing it into the datetime-local input, in the browser's own time zone, to the second.
   */
  /** Secretariat: starts silence on clause `n`; `override` answers the refusal over open brackets (the reason is recorded). */
  async startSilence(n: number, deadline: string | { secondsFromNow: number }, note?: string, override?: string): Promise<void> {
    await this.chooseStatusItem(n, 'Start silence procedure…');
    const dialog = this.page.getByRole('dialog');
    await expect(dialog.getByRole('checkbox', { checked: true })).toHaveCount(1);
    if (note !== undefined) await dialog.getByLabel(/^Note to delegations/).fill(note);
    if (typeof deadline === 'string') {
      await dialog.getByRole('button', { name: deadline, exact: true }).click();
    } else {
      const local = await this.page.evaluate((seconds) => {
        const d = new Date(Date.now() + seconds * 1000);
        const p = (x: number) => String(x).padStart(2, '0');
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
      }, deadline.secondsFromNow);
      await dialog.getByLabel('Deadline', { exact: true }).fill(local);
    }
    await dialog.getByRole('button', { name: 'Start silence procedure', exact: true }).click();
    if (override !== undefined) {
      await dialog.getByTestId('silence-override').getByRole('textbox').fill(override);
      await dialog.getByRole('button', { name: 'Start silence anyway', exact: true }).click();
    }
    await expect(dialog).toHaveCount(0);
  }

  /** Delegate: "Break silence" on clause `n`, gives the reason and confirms. */
  async breakSilence(n: number, reason: string): Promise<void> {
    await this.silenceBanner(n).getByRole('button', { name: 'Break silence', exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Reason', { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: 'Break silence', exact: true }).click();
    await expect(dialog).toHaveCount(0);
  }
}

/** Brackets and alternatives of a clause in the draft room (docs/ui-contract.md, "Brackets and alternatives"). */
export class ClauseAnnotationsPart {
  constructor(
    readonly room: DraftRoomPage,
    readonly n: number,
  ) {}

  get panel(): Locator {
    return this.room.clause(this.n).getByTestId('clause-annotations');
  }

  /** The `[` glyphs of recorded brackets drawn in the clause text. */
  get glyphs(): Locator {
    return this.room.editor(this.n).locator('[data-testid="recorded-bracket-glyph"]');
  }

  get brackets(): Locator {
    return this.panel.getByTestId('bracket-item');
  }

  alternative(number: number): Locator {
    return this.panel.locator(`[data-testid="alternative"][data-alt-number="${number}"]`);
  }

  /** Selects `words` in the clause's editor, as a user dragging over them would. */
  async select(words: string): Promise<void> {
    const editor = this.room.editor(this.n);
    await editor.click();
    await editor.evaluate((el, target) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(target) ?? -1;
        if (at >= 0) {
          document.getSelection()?.setBaseAndExtent(node, at, node, at + target.length);
          return;
        }
      }
      throw new Error(`"${target}" is not in the clause text`);
    }, words);
    await expect(this.panel.getByTestId('bracket-selection')).toBeEnabled();
  }

  async bracket(words: string): Promise<void> {
    await this.select(words);
    await this.panel.getByTestId('bracket-selection').click();
    await expect(this.panel.getByTestId('annotations-message')).toContainText('Bracketed');
  }

  async proposeForSelection(words: string, wording: string): Promise<void> {
    await this.select(words);
    await this.panel.getByTestId('propose-alternative').click();
    const dialog = this.room.page.getByTestId('propose-dialog');
    await dialog.getByLabel('Alternative wording', { exact: true }).fill(wording);
    await dialog.getByRole('button', { name: 'Propose alternative', exact: true }).click();
    await expect(dialog).toHaveCount(0);
  }
}
