import { expect, expectAccessible, test } from './fixtures/axe';
import { ACCOUNTS } from './fixtures/env';
import { MAIN_SCREENS, aRevision, signedIn } from './fixtures/screens';
import { demoDraftId } from './pages/negotiation-pages';
import { SignInPage } from './pages/sign-in-page';

test.describe('accessibility (axe, WCAG 2.1 AA): no serious or critical violation on any main screen', () => {
  test.describe.configure({ timeout: 240_000 });

  test('sign-in page, signed out and after a wrong password', async ({ page, axe }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await axe('sign-in');
    await signIn.submitCredentials(ACCOUNTS.fr, 'not-the-password');
    await expect(signIn.alert).toBeVisible();
    await axe('sign-in with an error');
  });

  for (const [role, email] of [
    ['delegate', ACCOUNTS.fr],
    ['secretariat', ACCOUNTS.secretariat],
    ['observer', ACCOUNTS.observer],
  ] as const) {
    test(`every main screen as ${role}`, async ({ browser }) => {
      const revision = await aRevision(browser);
      const page = await signedIn(browser, email);
      const draftId = await demoDraftId(page);
      for (const screen of MAIN_SCREENS) {
        await test.step(screen.label, async () => {
          await page.goto(screen.path(draftId, revision));
          if (screen.secretariatOnly && role !== 'secretariat') {
            // Others are turned away: that page must be accessible too.
            await expect(page.locator('main h1').first()).toBeVisible();
          } else {
            await screen.ready(page);
          }
          await expectAccessible(page, `${screen.label} as ${role}`);
        });
      }
      await page.context().close();
    });
  }
});
