import { expect, test } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftsPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

test.describe('sign-in', () => {
  test('a wrong password is refused with a message and no session', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.submitCredentials(ACCOUNTS.fr, `${DEMO_PASSWORD}-wrong`);

    await expect(signIn.alert).toBeVisible();
    await expect(signIn.alert).toContainText('Wrong email or password');
    await expect(page).toHaveURL(/\/signin/);
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name)).not.toContainEqual(expect.stringMatching(/session-token/));
  });

  test('the right password lands on the drafts list with the demo draft', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.signIn(ACCOUNTS.fr, DEMO_PASSWORD);

    const drafts = new DraftsPage(page);
    await expect(page).toHaveURL(/\/drafts\/?$/);
    await expect(drafts.card(DEMO_DRAFT_TITLE)).toBeVisible();
    await expect(drafts.card(DEMO_DRAFT_TITLE)).toHaveAccessibleName(new RegExp(DEMO_DRAFT_TITLE));
    await expect(drafts.currentUser).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });
});
