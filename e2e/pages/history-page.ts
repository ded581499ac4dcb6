import { expect, type Locator, type Page } from '@playwright/test';

/** The history page of a draft: timeline, compare, authorship and the revisions rail. */
export class HistoryPage {
  readonly revisions: Locator;
  readonly timeline: Locator;
  readonly compare: Locator;
  /** The floating "N new edits — Show" notice over the timeline. */
  readonly timelineNews: Locator;

  constructor(readonly page: Page) {
    this.revisions = page.getByTestId('revisions');
    this.timeline = page.getByTestId('timeline-panel');
    this.compare = page.getByTestId('compare-panel');
    this.timelineNews = page.getByTestId('timeline-news');
  }

  /** The entries of the timeline as shown, newest first. */
  timelineEntries(): Locator {
    return this.timeline.locator('.htimeline__item');
  }

  /** From the draft room (or any view of the draft), through the History tab. */
  async openFromTabs(): Promise<void> {
    await this.page.getByTestId('draft-tabs').getByRole('link', { name: 'History' }).click();
    await this.page.waitForURL(/\/history/);
    await expect(this.page.getByTestId('history')).toBeVisible();
  }

  view(name: 'Timeline' | 'Compare' | 'Who wrote what'): Locator {
    return this.page.getByRole('group', { name: 'History views' }).getByRole('button', { name });
  }

  /** Cuts the next revision with a note; returns its number. */
  async cutRevision(note: string): Promise<number> {
    await this.revisions.getByTestId('cut-revision').click();
    const dialog = this.page.getByTestId('cut-revision-dialog');
    const title = (await dialog.getByRole('heading').textContent()) ?? '';
    const number = Number(/Rev\.(\d+)/.exec(title)?.[1]);
    await dialog.getByLabel('Note (optional)').fill(note);
    await dialog.getByRole('button', { name: `Cut Rev.${number}` }).click();
    await expect(dialog).toHaveCount(0);
    await expect(this.revision(number)).toBeVisible();
    return number;
  }

  revision(number: number): Locator {
    return this.revisions.locator(`[data-testid="revision"][data-number="${number}"]`);
  }
}
