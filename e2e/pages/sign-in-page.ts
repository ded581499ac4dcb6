import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

type Cookie = Awaited<ReturnType<BrowserContext['cookies']>>[number];
const sessionCookies = new Map<string, Cookie[]>();

/** The sign-in form at /signin (docs/ui-contract.md, "Sign-in"). */
export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel('Email', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('button', { name: 'Sign in', exact: true });
    this.alert = page.getByRole('alert').filter({ hasText: 'Wrong email or password' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/signin');
    await expect(this.submit).toBeVisible();
  }

  async submitCredentials(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /**
   * Signs in and waits for the drafts list. The first time an account signs in during a run
   * it goes through the real form; later contexts reuse that session cookie (one worker, so
   * this module's cache spans the run), falling back to the form when the session is no
   * longer accepted (signed out, disabled, revoked).
   */
  async signIn(email: string, password: string): Promise<void> {
    const cached = sessionCookies.get(email);
    if (cached) {
      await this.page.context().addCookies(cached);
      await this.page.goto('/drafts');
      if (/^\/drafts\/?$/.test(new URL(this.page.url()).pathname)) return;
      sessionCookies.delete(email);
      await this.page.context().clearCookies();
    }
    await this.goto();
    await this.submitCredentials(email, password);
    await this.page.waitForURL(/\/drafts\/?(\?.*)?$/);
    sessionCookies.set(
      email,
      (await this.page.context().cookies()).filter((c) => c.name.includes('session-token')),
    );
  }
}
