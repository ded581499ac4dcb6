import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD } from './fixtures/env';
import { DashboardPage, demoDraftId, MyDelegationPage } from './pages/negotiation-pages';
import { SignInPage } from './pages/sign-in-page';

const SECRETARIAT = 'secretariat@accord.test';
const PL = 'pl@accord.test';

/** A person in their own browser context (own cookies, own socket), signed in through the real form. */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  return page;
}

/** Marks the page so that a reload (which would lose the mark) is detectable. */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __noReload?: boolean }).__noReload = true;
  });
}

async function wasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}

test.describe('negotiation dashboard and My delegation', () => {
  let secretariat: Page;
  let pl: Page;
  let draftId: string;

  test.beforeEach(async ({ browser }) => {
    secretariat = await signedIn(browser, SECRETARIAT);
    pl = await signedIn(browser, PL);
    draftId = await demoDraftId(secretariat);
  });

  test.afterEach(async () => {
    await secretariat?.context().close();
    await pl?.context().close();
  });

  test("a delegation's position appears on the secretariat's dashboard without a reload", async () => {
    const dashboard = new DashboardPage(secretariat);
    await dashboard.open(draftId);
    const mine = new MyDelegationPage(pl);
    await mine.open(draftId);

    // Clause 14 starts without any position: PL has not spoken.
    const cell = dashboard.cell(14, 'PL');
    await expect(cell).toHaveAttribute('data-position', '');
    await expect(dashboard.row(14)).toHaveAttribute('data-consensus', 'pending');
    await markNoReload(secretariat);

    await mine.setPosition(14, 'reservation', { reservation: 'parliamentary', note: 'The Sejm must be consulted.' });

    await expect(cell).toHaveAttribute('data-position', 'reservation');
    await expect(cell).toHaveAttribute('data-stale', 'false');
    await expect(cell).toHaveText(/Rp/);
    await expect(cell).toHaveAttribute('title', /Parliamentary reservation/);
    await expect(cell).toHaveAttribute('title', /The Sejm must be consulted/);
    expect(await wasNotReloaded(secretariat)).toBe(true);

    // On PL's side the clause has left "No position yet" and is listed with its open reservation.
    await expect(pl.locator('[data-section="missing"]').locator('[data-testid="position-form"][data-clause-number="14"]')).toHaveCount(0);
    await expect(pl.locator('[data-section="holding"]').locator('[data-testid="position-form"][data-clause-number="14"]')).toHaveCount(1);

    // A reservation without its kind is refused next to the form, before anything is sent.
    await mine.form(2).getByLabel('Position', { exact: true }).selectOption('reservation');
    await mine.form(2).getByRole('button', { name: 'Save', exact: true }).click();
    await expect(mine.form(2).getByRole('alert')).toContainText('Choose which reservation');
  });

  test('a delegation breaks a running silence procedure and the dashboard shows the clause back to negotiating', async () => {
    const detail = (await (await secretariat.request.get(`/api/drafts/${draftId}`)).json()) as {
      clauses: Array<{ id: string; number: number; title: string }>;
    };
    const clause = detail.clauses.find((c) => c.number === 11)!;

    const dashboard = new DashboardPage(secretariat);
    await dashboard.open(draftId);
    await expect(dashboard.row(11)).toHaveAttribute('data-status', 'negotiating');
    await markNoReload(secretariat);

    // The secretariat puts the clause under silence for half an hour.
    const started = await secretariat.request.post(`/api/drafts/${draftId}/silence`, {
      data: {
        clauseIds: [clause.id],
        deadline: new Date(Date.now() + 30 * 60_000).toISOString(),
        note: 'e2e silence',
        override: 'The clause keeps its brackets for capitals.',
      },
    });
    expect(started.status()).toBe(201);
    const silenceId = ((await started.json()) as { id: string }).id;

    const running = dashboard.silenceItems.and(secretariat.locator(`[data-silence-id="${silenceId}"]`));
    await expect(running).toHaveAttribute('data-state', 'running');
    await expect(running.getByTestId('silence-countdown')).toHaveText(/^ends in (29|30) min \d\d s$/);
    await expect(dashboard.row(11)).toHaveAttribute('data-status', 'silence');

    // PL breaks it from "My delegation", with a reason.
    const mine = new MyDelegationPage(pl);
    await mine.open(draftId);
    const item = mine.silenceItemFor(clause.title);
    await expect(item).toHaveAttribute('data-state', 'running');
    await mine.breakSilence(item, 'Poland cannot accept this wording without instructions from Warsaw.');
    await expect(pl.getByTestId('mine-notice')).toContainText('Silence broken');
    await expect(mine.silenceItems).toHaveCount(0);

    // The dashboard follows live: the clause negotiates again and the procedure says who broke it, and why.
    await expect(dashboard.row(11)).toHaveAttribute('data-status', 'negotiating');
    await expect(running).toHaveAttribute('data-state', 'broken');
    await expect(running).toContainText('Silence broken by PL');
    await expect(running).toContainText('instructions from Warsaw');
    expect(await wasNotReloaded(secretariat)).toBe(true);
  });

  test('an observer reads the dashboard; My delegation points it there', async ({ browser }) => {
    const observer = await signedIn(browser, ACCOUNTS.observer);
    try {
      const dashboard = new DashboardPage(observer);
      await dashboard.open(draftId);
      await expect(dashboard.rows).not.toHaveCount(0);
      await expect(dashboard.progress).toBeVisible();
      // Observer delegations (US, NATO, EU) are not columns: their consent is not needed.
      await expect(dashboard.cell(1, 'FR')).toHaveCount(1);
      await expect(dashboard.cell(1, 'US')).toHaveCount(0);

      await observer.goto(`/drafts/${draftId}/mine`);
      await expect(observer.getByTestId('mine-not-delegate')).toBeVisible();
      await observer.getByRole('link', { name: 'Open the dashboard' }).click();
      await expect(dashboard.root).toBeVisible();
    } finally {
      await observer.context().close();
    }
  });
});
