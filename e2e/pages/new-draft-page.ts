import { expect, type Locator, type Page } from '@playwright/test';

/** The secretariat's "New draft" page at /drafts/new (docs/ui-contract.md, "New draft"). */
export class NewDraftPage {
  readonly title: Locator;
  readonly planClauses: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId('draft-title');
    this.planClauses = page.getByTestId('plan-clause');
    this.error = page.getByTestId('new-draft-error');
  }

  /** From the drafts list, as a person would. */
  async openFromList(): Promise<void> {
    await this.page.goto('/drafts');
    await this.page.getByTestId('new-draft').click();
    await this.page.waitForURL(/\/drafts\/new$/);
  }

  async takePart(code: string, part: 'participant' | 'observer'): Promise<void> {
    await this.page.getByTestId(`part-${code}`).selectOption(part);
  }

  /** Chooses a .docx to upload and asks for the preview of its clauses. */
  async previewDocx(name: string, buffer: Buffer): Promise<void> {
    await this.page.getByTestId('source-docx').check();
    await this.page
      .getByTestId('draft-file')
      .setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer });
    await this.page.getByTestId('preview-import').click();
    await expect(this.page.getByTestId('plan-editor')).toBeVisible();
  }

  planTitles(): Promise<string[]> {
    return this.page.getByTestId('plan-title').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  }

  /** Merges detected clause `n` (1-based) into the one before it. */
  async mergeIntoPrevious(n: number): Promise<void> {
    await this.planClauses
      .nth(n - 1)
      .getByTestId('plan-merge')
      .click();
  }

  async create(): Promise<void> {
    await this.page.getByTestId('create-draft').click();
    await this.page.waitForURL(/\/drafts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  }
}
