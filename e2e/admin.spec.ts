import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { AuditLogPage, UsersAdminPage } from './pages/admin-pages';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

const RO = 'ro@accord.test';

/** A person in their own browser context (own cookies, own websocket), signed in through the real form. */
async function signedIn(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, password);
  return page;
}

test.describe('secretariat: users and audit log', () => {
  const pages: Page[] = [];

  async function open(browser: Browser, email: string, password?: string): Promise<Page> {
    const page = await signedIn(browser, email, password);
    pages.push(page);
    return page;
  }

  test.afterEach(async ({ browser }) => {
    // Leave RO enabled for whatever runs next, even when a step above failed half-way.
    const admin = await signedIn(browser, ACCOUNTS.secretariat);
    const users = (await (await admin.request.get('/api/users')).json()) as Array<{ id: string; email: string; disabled: boolean }>;
    const ro = users.find((u) => u.email === RO);
    if (ro?.disabled) {
      const res = await admin.request.patch(`/api/users/${ro.id}`, { data: { disabled: false } });
      expect(res.ok()).toBe(true);
    }
    await admin.context().close();
    for (const page of pages.splice(0)) await page.context().close();
  });

  test('disabling a delegate who has the draft open ends their session at once, and the audit log records it', async ({ browser }) => {
    const roPage = await open(browser, RO);
    const room = new DraftRoomPage(roPage);
    await room.openFromList(DEMO_DRAFT_TITLE);
    await expect(room.connectionStatus).toHaveAttribute('data-state', 'connected');

    const secretariat = await open(browser, ACCOUNTS.secretariat);
    const users = new UsersAdminPage(secretariat);
    await users.open();
    await expect(users.row(RO).getByTestId('user-status')).toHaveText('Active');
    await users.setAccess(RO, 'Disable');
    await expect(users.row(RO).getByTestId('user-status')).toHaveText('Disabled');
    await expect(users.row(RO).getByRole('button', { name: 'Enable', exact: true })).toBeVisible();
    await expect(users.notice).toContainText(`Disabled ${RO}`);

    // RO's room loses its connection (closed with 4001; reconnecting is refused) and then says why.
    await expect(room.connectionStatus).not.toHaveAttribute('data-state', 'connected');
    await expect(roPage.getByRole('alert').filter({ hasText: 'Your session has ended' })).toBeVisible({ timeout: 30_000 });
    await expect(room.connectionStatus).toHaveText('Disconnected');
    await expect(roPage.getByRole('link', { name: 'Sign in again' })).toBeVisible();

    // Their next navigation lands on the sign-in page, and the password no longer opens the door.
    await roPage.goto('/drafts');
    await roPage.waitForURL(/\/signin\?/);
    const signIn = new SignInPage(roPage);
    await signIn.submitCredentials(RO, DEMO_PASSWORD);
    await expect(signIn.alert).toBeVisible();

    // The audit log lists the change, by whom, in words.
    const audit = new AuditLogPage(secretariat);
    await audit.open();
    await audit.filterByAction('user.updated');
    const entry = audit.rowsFor('user.updated').filter({ hasText: RO }).first();
    await expect(entry).toContainText('Person changed');
    await expect(entry).toContainText('active → disabled');
    await expect(entry).toContainText(ACCOUNTS.secretariat);
    await expect(audit.rows.and(secretariat.locator(':not([data-action="user.updated"])'))).toHaveCount(0);
    await expect(audit.exportLink).toHaveAttribute('href', '/api/audit/export?action=user.updated');

    // Its full record opens in place.
    await entry.getByRole('button', { name: /^Full record of entry/ }).click();
    await expect(secretariat.getByTestId('audit-record')).toContainText('"disabled": true');

    // Enabled again, RO signs in as before.
    await users.open();
    await users.setAccess(RO, 'Enable');
    await expect(users.row(RO).getByTestId('user-status')).toHaveText('Active');
    await new SignInPage(roPage).signIn(RO, DEMO_PASSWORD);
  });

  test('adding a person: the server’s refusal shows in the dialog; a generated password is shown once and works', async ({ browser }) => {
    const secretariat = await open(browser, ACCOUNTS.secretariat);
    const users = new UsersAdminPage(secretariat);
    await users.open();

    await secretariat.getByRole('button', { name: 'Add person', exact: true }).click();
    const dialog = users.dialog;
    await dialog.getByLabel('Email', { exact: true }).fill(ACCOUNTS.fr);
    await dialog.getByLabel('Name', { exact: true }).fill('Second French account');
    await dialog.getByLabel('Role', { exact: true }).selectOption('delegate');
    await dialog.getByLabel('Delegation', { exact: true }).selectOption('FR');
    await dialog.getByRole('button', { name: 'Add person', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(`An account for ${ACCOUNTS.fr} already exists.`);

    const email = `attache-${randomBytes(4).toString('hex')}@accord.test`;
    await dialog.getByLabel('Email', { exact: true }).fill(email);
    await dialog.getByRole('button', { name: 'Add person', exact: true }).click();
    const box = dialog.getByTestId('generated-password');
    await expect(box).toContainText('Share it through a secure channel');
    const password = await box.getByRole('textbox').inputValue();
    expect(password.length).toBeGreaterThanOrEqual(10);
    await dialog.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(users.row(email)).toContainText('Second French account');
    await expect(users.row(email).getByTestId('user-status')).toHaveText('Active');

    // The password works, once, for the new FR delegate.
    const newcomer = await open(browser, email, password);
    await expect(newcomer.getByTestId('current-user')).toContainText('FR delegate');
  });

  test('a delegate is told the secretariat pages are not for them, and sent back to their drafts', async ({ browser }) => {
    const fr = await open(browser, ACCOUNTS.fr);
    await expect(fr.getByRole('navigation', { name: 'Secretariat' })).toHaveCount(0);
    for (const path of ['/admin/users', '/admin/audit']) {
      await fr.goto(path);
      await expect(fr.getByTestId('secretariat-only')).toContainText('This page is for the secretariat');
      await expect(fr.getByTestId('users-table')).toHaveCount(0);
      await expect(fr.getByTestId('audit-table')).toHaveCount(0);
    }
    await fr.getByRole('link', { name: 'Back to your drafts' }).click();
    await fr.waitForURL(/\/drafts\/?$/);
  });

  test('signed out, a secretariat page asks to sign in and comes back to it, filters kept', async ({ page }) => {
    await page.goto('/admin/audit?action=user.signed_in');
    await page.waitForURL(/\/signin\?callbackUrl=/);
    const signIn = new SignInPage(page);
    await signIn.submitCredentials(ACCOUNTS.secretariat, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/admin/audit' && url.searchParams.get('action') === 'user.signed_in');
    const audit = new AuditLogPage(page);
    await expect(audit.actionFilter).toHaveValue('user.signed_in');
    // The sign-in is recorded just after the session is issued: look again until it is listed.
    await expect(async () => {
      await page.reload();
      await expect(audit.rowsFor('user.signed_in').first()).toContainText(ACCOUNTS.secretariat, { timeout: 1_000 });
    }).toPass();
    await page.getByRole('navigation', { name: 'Secretariat' }).getByRole('link', { name: 'Users' }).click();
    await expect(new UsersAdminPage(page).row(ACCOUNTS.secretariat)).toContainText('You');
  });
});
