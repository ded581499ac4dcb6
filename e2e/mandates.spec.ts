import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { demoDraftId, MyDelegationPage } from './pages/negotiation-pages';
import { SignInPage } from './pages/sign-in-page';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  return page;
}

test("DE mandates PL on My delegation; PL states DE's position in the room, shown as PL for DE", async ({ browser }) => {
  const de = await signedIn(browser, 'de@accord.test');
  const pl = await signedIn(browser, 'pl@accord.test');
  const draftId = await demoDraftId(de);

  const mine = new MyDelegationPage(de);
  await mine.open(draftId);
  const form = de.getByTestId('mandate-form');
  await form.getByLabel('Give a mandate to').selectOption('PL');
  await form.getByLabel(/^Clauses/).fill('9');
  await form.getByRole('button', { name: 'Give mandate' }).click();
  await expect(de.locator('[data-testid="mandate"][data-to="PL"]')).toContainText('PL speaks for us');

  await pl.goto(`/drafts/${draftId}`);
  const clause = pl.locator('[data-testid="clause"][data-clause-number="9"]');
  await clause.getByTestId('positions-toggle').click();
  const proxy = clause.locator('[data-testid="proxy-form"][data-for="DE"]');
  await expect(proxy).toBeVisible();
  await proxy.locator('select').first().selectOption('can_live_with');
  await proxy.getByRole('button', { name: 'Save position' }).click();
  await expect(clause.locator('[data-testid="position-chip"][data-delegation="DE"]')).toHaveAttribute('data-position', 'can_live_with');
  await expect(clause.locator('[data-testid="position-chip"][data-delegation="DE"] [data-testid="proxy-mark"]')).toHaveText('via PL');
  await expect(clause.getByTestId('position-history')).toContainText('PL for DE');

  await de.context().close();
  await pl.context().close();
});

interface ClauseRef {
  id: string;
  number: number;
  title: string;
}

async function clausesOf(page: Page, draftId: string): Promise<ClauseRef[]> {
  const res = await page.request.get(`/api/drafts/${draftId}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { clauses: ClauseRef[] }).clauses;
}

/** Types words at the end of clause `n` in the room, as a delegate editing the text would. */
async function typeInClause(page: Page, draftId: string, n: number, words: string): Promise<void> {
  await page.goto(`/drafts/${draftId}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-synced', 'true', { timeout: 30_000 });
  const editor = page.locator(`[data-testid="clause"][data-clause-number="${n}"] .ProseMirror`);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(words);
  await expect(editor).toContainText(words.trim());
}

test('the secretariat records a mandate given by letter on the dashboard; both sides and the timeline show it', async ({ browser }) => {
  const secretariat = await signedIn(browser, 'secretariat@accord.test');
  const ie = await signedIn(browser, 'ie@accord.test');
  const be = await signedIn(browser, 'be@accord.test');
  const draftId = await demoDraftId(secretariat);

  await secretariat.goto(`/drafts/${draftId}/dashboard`);
  await expect(secretariat.getByTestId('dashboard')).toHaveAttribute('data-live', 'true');
  const form = secretariat.getByTestId('dash-mandates').getByTestId('mandate-form');
  await expect(form).toContainText('Record a mandate given by letter');
  await form.getByLabel('Mandate of').selectOption('IE');
  await form.getByLabel('To speak for it').selectOption('BE');
  await form.getByLabel(/^Clauses/).fill('13');
  await form.getByRole('button', { name: 'Record mandate' }).click();
  const recorded = secretariat.getByTestId('dash-mandates').locator('[data-testid="mandate"][data-from="IE"][data-to="BE"]');
  await expect(recorded).toContainText('BE for IE');
  await expect(recorded).toContainText('clause 13');
  await expect(recorded).toContainText('recorded from a letter');

  // Both sides see it on "My delegation"; a delegate's dashboard lists it without the secretariat's form.
  await new MyDelegationPage(ie).open(draftId);
  await expect(ie.locator('[data-testid="mandate"][data-to="BE"]')).toContainText('BE speaks for us');
  await new MyDelegationPage(be).open(draftId);
  await expect(be.locator('[data-testid="mandate"][data-from="IE"]')).toContainText('We speak for IE');
  await be.goto(`/drafts/${draftId}/dashboard`);
  await expect(be.getByTestId('dash-mandates').locator('[data-testid="mandate"][data-from="IE"]')).toContainText('BE for IE');
  await expect(be.getByTestId('dash-mandates').getByTestId('mandate-form')).toHaveCount(0);

  // The timeline has it, filtered by kind.
  await secretariat.goto(`/drafts/${draftId}/history`);
  await secretariat.getByTestId('timeline-kind').selectOption('mandate');
  const entry = secretariat.getByTestId('timeline-mandate').first();
  await expect(entry).toContainText('Mandate given: BE for IE');
  await expect(entry).toContainText('recorded from a letter');

  for (const p of [secretariat, ie, be]) await p.context().close();
});

test('the secretariat marks a typo fix editorial: positions given on earlier text stay current', async ({ browser }) => {
  const fr = await signedIn(browser, 'fr@accord.test');
  const secretariat = await signedIn(browser, 'secretariat@accord.test');
  const draftId = await demoDraftId(fr);

  await secretariat.goto(`/drafts/${draftId}`);
  const clause = secretariat.locator('[data-testid="clause"][data-clause-number="13"]');
  await expect(clause.getByTestId('consensus')).toBeVisible();

  // FR corrects a word: the words changed, so positions on clause 13 are given on earlier text.
  await typeInClause(fr, draftId, 13, ' Arrangments apply.');
  const control = clause.getByTestId('editorial');
  await expect(control).toBeVisible();
  await expect(control).toContainText('given on earlier text');
  await expect(control).toHaveAttribute('data-stale', /UA/);

  await control.getByTestId('editorial-open').click();
  await control.getByLabel(/What was corrected/).fill('Typo: arrangements');
  await control.getByRole('button', { name: 'Mark editorial' }).click();
  await expect(clause.getByTestId('editorial-done')).toContainText('Marked editorial');
  await expect(clause.getByTestId('editorial')).toHaveCount(0);
  await clause.getByTestId('positions-toggle').click();
  await expect(clause.locator('[data-testid="position-chip"][data-stale="true"]')).toHaveCount(0);

  const audit = await secretariat.request.get(`/api/audit?draftId=${draftId}&action=clause.editorial`);
  const entries = ((await audit.json()) as { entries: Array<{ subject: string; details: { note?: string } }> }).entries;
  expect(entries[0]).toMatchObject({ subject: 'clause 13', details: { note: 'Typo: arrangements' } });

  await fr.context().close();
  await secretariat.context().close();
});

test('confirm all my positions on the current text lists what changed since each, then confirms them at once', async ({ browser }) => {
  const fr = await signedIn(browser, 'fr@accord.test');
  const de = await signedIn(browser, 'de@accord.test');
  const draftId = await demoDraftId(de);

  await typeInClause(fr, draftId, 12, ' Costs are reviewed yearly.');

  const mine = new MyDelegationPage(de);
  await mine.open(draftId);
  const box = de.getByTestId('confirm-all');
  await expect(box).toBeVisible();
  const item = box.locator('li[data-clause-number="12"]');
  await expect(item).toContainText('clause 12');
  await expect(item).toContainText('reservation');
  // A seeded position compares from the seeded text (its own point in the log), never from the empty draft.
  await expect(item.getByTestId('confirm-all-compare')).toHaveAttribute('href', /view=compare&from=log%3A[1-9]\d*&to=now/);
  const count = await box.locator('li').count();
  await box.getByRole('button', { name: new RegExp(`^Confirm all ${count} on the current text$`) }).click();

  const report = de.getByTestId('confirmed-report');
  await expect(report).toContainText(`Confirmed on the current text: ${count} position`);
  await expect(report.locator('li[data-clause-number="12"]')).toContainText('what had changed');
  await expect(de.getByTestId('confirm-all')).toHaveCount(0);

  // The history of the position says it was confirmed, not changed.
  const clauses = await clausesOf(de, draftId);
  const c12 = clauses.find((c) => c.number === 12)!;
  const history = await de.request.get(`/api/drafts/${draftId}/clauses/${c12.id}/positions/history`);
  const changes = (await history.json()) as Array<{ delegation: string; kind?: string }>;
  expect(changes.some((c) => c.delegation === 'DE' && c.kind === 'confirmed')).toBe(true);

  await fr.context().close();
  await de.context().close();
});

test('breaking silence under a mandate is offered only when the mandate allows it', async ({ browser }) => {
  const secretariat = await signedIn(browser, 'secretariat@accord.test');
  const lv = await signedIn(browser, 'lv@accord.test');
  const lt = await signedIn(browser, 'lt@accord.test');
  const draftId = await demoDraftId(secretariat);
  const clause = (await clausesOf(secretariat, draftId)).find((c) => c.number === 15)!;

  const plain = await lv.request.post(`/api/drafts/${draftId}/mandates`, { data: { from: 'LV', to: 'LT', clauseIds: [clause.id] } });
  expect(plain.status()).toBe(201);
  const started = await secretariat.request.post(`/api/drafts/${draftId}/silence`, {
    data: { clauseIds: [clause.id], deadline: new Date(Date.now() + 30 * 60_000).toISOString(), note: 'e2e silence under a mandate' },
  });
  expect(started.status()).toBe(201);
  const silenceId = ((await started.json()) as { id: string }).id;

  const mine = new MyDelegationPage(lt);
  await mine.open(draftId);
  const item = lt.locator(`[data-silence-id="${silenceId}"]`);
  await expect(item.getByRole('button', { name: 'Break silence', exact: true })).toBeVisible();
  await expect(item.getByRole('button', { name: 'Break silence for LV' })).toHaveCount(0);

  // LV's mandate now allows breaking silence: LT is offered it, live.
  const allowing = await lv.request.post(`/api/drafts/${draftId}/mandates`, { data: { from: 'LV', to: 'LT', clauseIds: [clause.id], breakSilence: true } });
  expect(allowing.status()).toBe(201);
  await item.getByRole('button', { name: 'Break silence for LV' }).click();
  await item.getByLabel(/Reason for breaking silence for LV/).fill('Riga has not cleared this wording yet.');
  await item.locator('[data-testid="break-silence-form"][data-for="LV"]').getByRole('button', { name: 'Break silence for LV' }).click();
  await expect(lt.getByTestId('mine-notice')).toContainText('Silence broken');

  const procedures = (await (await secretariat.request.get(`/api/drafts/${draftId}/silence`)).json()) as Array<{
    id: string;
    state: string;
    brokenBy?: string;
  }>;
  expect(procedures.find((p) => p.id === silenceId)?.state).toBe('broken');
  const audit = await secretariat.request.get(`/api/audit?draftId=${draftId}&action=silence.broken`);
  const entries = ((await audit.json()) as { entries: Array<{ details: { delegation?: string; statedBy?: string } }> }).entries;
  expect(entries[0].details).toMatchObject({ delegation: 'LV', statedBy: 'LT' });

  for (const p of [secretariat, lv, lt]) await p.context().close();
});

test("the room's silence banner offers breaking silence for a delegation whose mandate allows it", async ({ browser }) => {
  const secretariat = await signedIn(browser, 'secretariat@accord.test');
  const lv = await signedIn(browser, 'lv@accord.test');
  const lt = await signedIn(browser, 'lt@accord.test');
  const draftId = await demoDraftId(secretariat);
  const clauses = await clausesOf(secretariat, draftId);
  const clause = clauses.find((c) => c.number === 3)!;

  const room = new DraftRoomPage(lt);
  await lt.goto(`/drafts/${draftId}`);
  await room.waitForSynced();
  const started = await secretariat.request.post(`/api/drafts/${draftId}/silence`, {
    data: { clauseIds: [clause.id], deadline: new Date(Date.now() + 30 * 60_000).toISOString(), note: 'e2e silence in the room', override: 'e2e' },
  });
  expect(started.status()).toBe(201);
  const banner = room.silenceBanner(3);
  await expect(banner.getByRole('button', { name: 'Break silence', exact: true })).toBeVisible();
  await expect(banner.getByTestId('break-silence-for')).toHaveCount(0);

  // LV's mandate on clause 3 allows breaking silence: LT's banner offers it, live.
  const given = await lv.request.post(`/api/drafts/${draftId}/mandates`, { data: { from: 'LV', to: 'LT', clauseIds: [clause.id], breakSilence: true } });
  expect(given.status()).toBe(201);
  await banner.getByRole('button', { name: 'Break silence for LV' }).click();
  const dialog = lt.getByRole('dialog');
  await expect(dialog).toContainText('Under LV');
  await dialog.getByLabel('Reason', { exact: true }).fill('Riga asks for one more day.');
  await dialog.getByRole('button', { name: 'Break silence', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(banner).toHaveCount(0);

  const audit = await secretariat.request.get(`/api/audit?draftId=${draftId}&action=silence.broken`);
  const entries = ((await audit.json()) as { entries: Array<{ details: { delegation?: string; statedBy?: string } }> }).entries;
  expect(entries[0].details).toMatchObject({ delegation: 'LV', statedBy: 'LT' });

  for (const p of [secretariat, lv, lt]) await p.context().close();
});
