import { expect, type Locator, type Page } from '@playwright/test';

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

  /** Signs in through the real form and waits for the drafts list. */
  async signIn(email: string, password: string): Promise<void> {
    await this.goto();
    await this.submitCredentials(email, password);
    await this.page.waitForURL(/\/drafts\/?(\?.*)?$/);
  }
}
