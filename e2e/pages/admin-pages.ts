import { expect, type Locator, type Page } from '@playwright/test';

/** The secretariat's Users page at /admin/users (docs/ui-contract.md, "Secretariat: Users"). */
export class UsersAdminPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly notice: Locator;
  readonly dialog: Locator;
  readonly secretariatOnly: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('users-table');
    this.rows = this.table.getByTestId('user-row');
    this.notice = page.getByTestId('users-notice');
    this.dialog = page.getByRole('dialog');
    this.secretariatOnly = page.getByTestId('secretariat-only');
  }

  async open(): Promise<void> {
    await this.page.goto('/admin/users');
    await expect(this.rows.first()).toBeVisible();
  }

  row(email: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  }

  /** "Disable" or "Enable" on the person's row, then the same word in the confirmation dialog. */
  async setAccess(email: string, verb: 'Disable' | 'Enable'): Promise<void> {
    await this.row(email).getByRole('button', { name: verb, exact: true }).click();
    await expect(this.dialog).toContainText(verb === 'Disable' ? 'Their open sessions end immediately' : 'sign in again');
    await this.dialog.getByRole('button', { name: verb, exact: true }).click();
    await expect(this.dialog).toHaveCount(0);
    await expect(this.row(email)).toHaveAttribute('data-disabled', verb === 'Disable' ? 'true' : 'false');
  }
}

/** The secretariat's Audit log at /admin/audit (docs/ui-contract.md, "Secretariat: Audit log"). */
export class AuditLogPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly actionFilter: Locator;
  readonly draftFilter: Locator;
  readonly exportLink: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('audit-table');
    this.rows = this.table.getByTestId('audit-row');
    this.actionFilter = page.getByTestId('audit-action-filter');
    this.draftFilter = page.getByTestId('audit-draft-filter');
    this.exportLink = page.getByTestId('audit-export');
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/admin/audit${query}`);
    await expect(this.table).toBeVisible();
  }

  /** Chooses an action in the filter and waits for the address (and so the list) to follow. */
  async filterByAction(action: string): Promise<void> {
    await this.actionFilter.selectOption(action);
    await this.page.waitForURL((url) => url.searchParams.get('action') === action);
    await expect(this.actionFilter).toBeEnabled();
  }

  rowsFor(action: string): Locator {
    return this.rows.and(this.page.locator(`[data-action="${action}"]`));
  }
}
