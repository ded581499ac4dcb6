import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './fixtures/env';
import { UsersAdminPage } from './pages/admin-pages';
import { SignInPage } from './pages/sign-in-page';

// Accounts no other spec uses: their sessions end here.
const GB = 'gb@accord.test';
const IE = 'ie@accord.test';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/drafts\/?$/);
  return page;
}

/** Whether the page's session is still accepted: reloading the drafts list stays there. */
async function stillSignedIn(page: Page): Promise<boolean> {
  await page.goto('/drafts');
  return /^\/drafts\/?$/.test(new URL(page.url()).pathname);
}

test.describe('sign out everywhere', () => {
  test('from the account menu ends this session and the one in another browser', async ({ browser }) => {
    const here = await signedIn(browser, GB);
    // A second browser (a different context signs in through the form: no shared cookie).
    const elsewhere = await (await browser.newContext()).newPage();
    const form = new SignInPage(elsewhere);
    await form.goto();
    await form.submitCredentials(GB, DEMO_PASSWORD);
    await expect(elsewhere).toHaveURL(/\/drafts\/?$/);

    await here.getByRole('button', { name: 'Account', exact: true }).click();
    await here.getByRole('menuitem', { name: /Sign out everywhere/ }).click();
    const dialog = here.getByRole('dialog', { name: 'Sign out everywhere?' });
    await expect(dialog).toContainText('this one included');
    await dialog.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();

    await expect(here).toHaveURL(/\/signin/);
    expect(await stillSignedIn(elsewhere)).toBe(false);
    await elsewhere.context().close();
    await here.context().close();
  });

  test('the secretariat signs a person out everywhere from their row, after confirming', async ({ browser }) => {
    const person = await signedIn(browser, IE);
    const secretariat = await signedIn(browser, 'secretariat@accord.test');
    const users = new UsersAdminPage(secretariat);
    await users.open();

    await users
      .row(IE)
      .getByRole('button', { name: `Sign out everywhere: ${IE}` })
      .click();
    await expect(users.dialog).toContainText('Every session of theirs ends immediately');
    await users.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(users.dialog).toHaveCount(0);
    expect(await stillSignedIn(person)).toBe(true);

    await users
      .row(IE)
      .getByRole('button', { name: `Sign out everywhere: ${IE}` })
      .click();
    await users.dialog.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();
    await expect(users.notice).toContainText(`Signed ${IE} out everywhere`);
    expect(await stillSignedIn(person)).toBe(false);
    await person.context().close();
    await secretariat.context().close();
  });
});
