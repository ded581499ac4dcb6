import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Namespace } from '../lib/i18n/catalogue';
import { flattenCatalogue, icuLiterals } from '../lib/i18n/catalogue-check';
import { ACCOUNTS, DEMO_PASSWORD } from './fixtures/env';
import { SignInPage } from './pages/sign-in-page';

/**
 * English and French (issue 17): the switch on the sign-in page (a cookie) and in the
 * account menu (stored with the account), the choice surviving a reload and a new
 * sign-in on a fresh browser, the converted pages showing nothing of the English
 * catalogue, and dates in the browser's zone with UTC on hover. A person of its own,
 * so that the shared demo accounts stay in English for the other specs.
 */

/**
 * The English texts a French page must not show: every message of the namespaces
 * (its literal parts when it has arguments), left out when French says the same
 * ("Notifications", "Format", "Action") or when it is too short to search for alone.
 */
function englishLeftovers(namespaces: Namespace[]): string[] {
  // Read as files: Playwright loads specs as ES modules, where JSON imports need attributes Next's bundler does not take.
  const catalogue = (locale: string, ns: Namespace) =>
    JSON.parse(readFileSync(join(import.meta.dirname, '..', 'messages', locale, `${ns}.json`), 'utf8')) as unknown;
  const out = new Set<string>();
  for (const ns of namespaces) {
    const fr = flattenCatalogue(catalogue('fr', ns));
    for (const [key, value] of flattenCatalogue(catalogue('en', ns))) {
      if (value === fr.get(key)) continue;
      const frLiterals = new Set(icuLiterals(String(fr.get(key))));
      for (const literal of icuLiterals(String(value))) if (literal.length >= 4 && /[a-z]{3}/i.test(literal) && !frLiterals.has(literal)) out.add(literal);
    }
  }
  return [...out];
}

/** The page's visible text, without what people wrote (draft titles, e-mail addresses) and without the audit details summaries (still English: see the report). */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('.audit-table__details, .audit-table__subject, .draft-card__title, .draft-card__description, script, style'))
      el.remove();
    const attrs = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].map((el) =>
      ['aria-label', 'placeholder'].map((a) => el.getAttribute(a) ?? '').join(' '),
    );
    // E-mail addresses are people's data too ("observer@accord.test"); audit action codes ("draft.created") are identifiers, shown on purpose.
    return `${clone.innerText}\n${attrs.join('\n')}`.replace(/\S+@\S+/g, ' ').replace(/\b[a-z]+\.[a-z_]+\b/g, ' ');
  });
}

async function expectNoEnglish(page: Page, namespaces: Namespace[]): Promise<void> {
  const text = await pageText(page);
  const found = englishLeftovers(namespaces).filter((s) => text.includes(s));
  expect(found, `English left on ${page.url()}`).toEqual([]);
}

async function freshBrowser(browser: Browser): Promise<Page> {
  // An English-speaking browser in Paris: the language comes from the choice, the times from the zone.
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris' });
  return context.newPage();
}

test('a person switches to French: kept with the account, every converted page in French, dates local with UTC on hover', async ({ browser }) => {
  test.setTimeout(120_000);
  const email = `i18n-${randomBytes(4).toString('hex')}@accord.test`;
  const password = `pw-${randomBytes(8).toString('hex')}`;

  // The secretariat adds a secretariat colleague (who may see every converted page).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await new SignInPage(admin).signIn(ACCOUNTS.secretariat, DEMO_PASSWORD);
  const created = await admin.request.post('/api/users', { data: { email, name: 'Claire Martin', role: 'secretariat', delegation: null, password } });
  expect(created.status()).toBe(201);
  await adminContext.close();

  // Signed out: the sign-in page's switch sets the cookie and the page turns French at once.
  let page = await freshBrowser(browser);
  await page.goto('/signin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('signin-language').getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expectNoEnglish(page, ['signin', 'common']);
  await page.getByLabel('Adresse électronique', { exact: true }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(/\/drafts\/?$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Projets' })).toBeVisible();
  await page.context().close();

  // A fresh browser (no cookie): English until the person chooses French in the account menu.
  page = await freshBrowser(browser);
  await new SignInPage(page).goto();
  await new SignInPage(page).submitCredentials(email, password);
  await page.waitForURL(/\/drafts\/?$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Drafts' })).toBeVisible();
  await page.getByRole('button', { name: 'Account' }).click();
  const menu = page.getByRole('menu', { name: 'Account' });
  await expect(menu.getByRole('menuitemradio', { name: 'English' })).toHaveAttribute('aria-checked', 'true');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PATCH');
  await menu.getByRole('menuitemradio', { name: 'Français' }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Projets' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/drafts');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Projets' })).toBeVisible();
  await page.getByRole('button', { name: 'Compte' }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Français' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await page.context().close();

  // Yet another browser, no cookie, an English sign-in page: the account's choice wins once signed in.
  page = await freshBrowser(browser);
  await new SignInPage(page).goto();
  await new SignInPage(page).submitCredentials(email, password);
  await page.waitForURL(/\/drafts\/?$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Projets' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expectNoEnglish(page, ['header', 'drafts', 'common', 'domain']);

  // A date: in Paris time on the page, the same instant in UTC on hover.
  const date = page.getByTestId('draft-card').first().getByTestId('date-time');
  const iso = await date.getAttribute('datetime');
  expect(iso).toBeTruthy();
  const title = await date.getAttribute('title');
  expect(title).toMatch(/ UTC$/);
  const clock = (timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso as string));
  expect(title).toContain(clock('UTC'));
  await expect(date).toContainText(clock('Europe/Paris'));
  await expect(date).not.toContainText('UTC');
  await date.hover();
  await expect(date).toHaveAttribute('title', /UTC/);

  await page.goto('/drafts/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau projet' })).toBeVisible();
  await expectNoEnglish(page, ['header', 'drafts', 'common', 'domain']);

  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Utilisateurs' })).toBeVisible();
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  await expectNoEnglish(page, ['header', 'admin', 'common', 'domain']);

  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: "Journal d'audit" })).toBeVisible();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await expectNoEnglish(page, ['header', 'admin', 'common', 'domain']);
  await page.context().close();
});

test('the language endpoints: the account one needs a session, both refuse an unknown language', async ({ playwright }) => {
  const { BASE_URL } = await import('./fixtures/env');
  const api = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { origin: BASE_URL } });
  expect((await api.patch('/api/me/preferences', { data: { locale: 'fr' } })).status()).toBe(401);
  expect((await api.post('/api/locale', { data: { locale: 'de' } })).status()).toBe(400);
  const ok = await api.post('/api/locale', { data: { locale: 'fr' } });
  expect(ok.status()).toBe(200);
  expect(ok.headers()['set-cookie']).toContain('accord-locale=fr');
  const crossSite = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { origin: 'https://evil.example' } });
  expect((await crossSite.post('/api/locale', { data: { locale: 'fr' } })).status()).toBe(403);
  await api.dispose();
  await crossSite.dispose();
});
