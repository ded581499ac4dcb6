import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_DRAFT_TITLE } from '../fixtures/env';

/** The id of the demo draft, asked of the API with the page's own (signed-in) cookies. */
export async function demoDraftId(page: Page): Promise<string> {
  const res = await page.request.get('/api/drafts');
  expect(res.ok()).toBe(true);
  const drafts = (await res.json()) as Array<{ id: string; title: string }>;
  const draft = drafts.find((d) => d.title === DEMO_DRAFT_TITLE);
  if (!draft) throw new Error(`The demo draft "${DEMO_DRAFT_TITLE}" is not shared with this account.`);
  return draft.id;
}

/** The consensus dashboard at /drafts/<id>/dashboard (docs/ui-contract.md, "Dashboard"). */
export class DashboardPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly progress: Locator;
  readonly silenceList: Locator;
  readonly silenceItems: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('dashboard');
    this.rows = page.getByTestId('dashboard-row');
    this.progress = page.getByTestId('progress');
    this.silenceList = page.getByTestId('silence-list');
    this.silenceItems = this.silenceList.getByTestId('silence-item');
  }

  /** Opens the dashboard and waits until it receives changes live (socket.io room joined). */
  async open(draftId: string): Promise<void> {
    await this.page.goto(`/drafts/${draftId}/dashboard`);
    await expect(this.root).toHaveAttribute('data-live', 'true');
  }

  row(n: number): Locator {
    return this.page.locator(`[data-testid="dashboard-row"][data-clause-number="${n}"]`);
  }

  cell(n: number, delegation: string): Locator {
    return this.row(n).locator(`[data-testid="position-cell"][data-delegation="${delegation}"]`);
  }

  /** Procedures listed for a clause, by its title. */
  silenceItemFor(clauseTitle: string): Locator {
    return this.silenceItems.filter({ hasText: clauseTitle });
  }
}

/** "My delegation" at /drafts/<id>/mine (docs/ui-contract.md, "My delegation"). */
export class MyDelegationPage {
  readonly root: Locator;
  readonly silenceItems: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('mine');
    this.silenceItems = page.getByTestId('silence-item');
  }

  async open(draftId: string): Promise<void> {
    await this.page.goto(`/drafts/${draftId}/mine`);
    await expect(this.root).toHaveAttribute('data-live', 'true');
  }

  form(n: number): Locator {
    return this.page.locator(`[data-testid="position-form"][data-clause-number="${n}"]`);
  }

  /** Fills clause `n`'s position form as a delegate would, and saves it. */
  async setPosition(n: number, position: string, options: { reservation?: string; note?: string } = {}): Promise<void> {
    const form = this.form(n);
    await form.getByLabel('Position', { exact: true }).selectOption(position);
    if (options.reservation) await form.getByLabel('Reservation', { exact: true }).selectOption(options.reservation);
    if (options.note !== undefined) await form.getByLabel(/^Explanation of position/).fill(options.note);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
  }

  silenceItemFor(clauseTitle: string): Locator {
    return this.silenceItems.filter({ hasText: clauseTitle });
  }

  /** "Break silence", give the reason, confirm with "Break silence". */
  async breakSilence(item: Locator, reason: string): Promise<void> {
    await item.getByRole('button', { name: 'Break silence', exact: true }).click();
    await item.getByLabel('Reason for breaking silence', { exact: true }).fill(reason);
    await item.getByRole('button', { name: 'Break silence', exact: true }).click();
  }
}
