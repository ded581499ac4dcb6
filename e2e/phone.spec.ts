import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD } from './fixtures/env';
import { MAIN_SCREENS, aRevision } from './fixtures/screens';
import { DraftRoomPage } from './pages/draft-room-page';
import { demoDraftId } from './pages/negotiation-pages';
import { SignInPage } from './pages/sign-in-page';

/** An iPhone-sized viewport (docs/ui-contract.md, "Accessibility and phones"). */
const PHONE = { width: 390, height: 844 };
/** Set to a directory to keep a screenshot of the top of every screen (to look at them). */
const SHOTS = process.env.PHONE_SCREENSHOTS;

async function phonePage(browser: Browser, email?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  if (email) await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  return page;
}

/** The page never scrolls sideways: its scroll width is at most the viewport's. */
async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate((phoneWidth) => {
    const root = document.scrollingElement ?? document.documentElement;
    // The innermost elements reaching past the phone's width, to say what overflows when the check fails.
    const over = Array.from(document.body.querySelectorAll<HTMLElement>('*')).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > phoneWidth + 0.5;
    });
    const innermost = over.filter((el) => !over.some((other) => other !== el && el.contains(other)));
    const widest = innermost
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} (right edge ${Math.round(el.getBoundingClientRect().right)})`)
      .join(', ');
    return { scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, widest };
  }, PHONE.width);
  // A phone browser widens its layout viewport (zooming out) when the page is wider than the screen.
  expect(innerWidth, `${label}: the page was laid out wider than the phone (${widest})`).toBe(PHONE.width);
  expect(scrollWidth, `${label}: the page scrolls sideways (${widest})`).toBeLessThanOrEqual(innerWidth);
}

async function shoot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/phone-${name.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: false });
}

test.describe('phones (390 × 844)', () => {
  test.describe.configure({ timeout: 240_000 });

  test('the sign-in page fits', async ({ browser }) => {
    const page = await phonePage(browser);
    await new SignInPage(page).goto();
    await expectNoSidewaysScroll(page, 'sign-in');
    await shoot(page, 'sign-in');
    await page.context().close();
  });

  for (const [role, email] of [
    ['delegate', ACCOUNTS.fr],
    ['secretariat', ACCOUNTS.secretariat],
  ] as const) {
    test(`no main screen scrolls sideways, as ${role}`, async ({ browser }) => {
      const revision = await aRevision(browser);
      const page = await phonePage(browser, email);
      const draftId = await demoDraftId(page);
      for (const screen of MAIN_SCREENS.filter((s) => !s.secretariatOnly || role === 'secretariat')) {
        await test.step(screen.label, async () => {
          await page.goto(screen.path(draftId, revision));
          await screen.ready(page);
          await expectNoSidewaysScroll(page, screen.label);
          await shoot(page, `${role}-${screen.label}`);
        });
      }
      await page.context().close();
    });
  }

  test('a delegate reads a clause from the outline drawer and records a position with a thumb', async ({ browser }) => {
    const page = await phonePage(browser, ACCOUNTS.de);
    const room = new DraftRoomPage(page);
    await page.goto(`/drafts/${await demoDraftId(page)}`);
    await room.waitForSynced();

    // The outline is a drawer: opened from the bar, it jumps to a clause and closes.
    const outlineToggle = page.getByRole('button', { name: /^Clauses/ });
    await outlineToggle.tap();
    const outline = page.getByRole('navigation', { name: 'Clauses' });
    await expect(outline).toBeVisible();
    await shoot(page, 'room-outline-drawer');
    await outline.getByRole('link', { name: /^3\b/ }).first().tap();
    await expect(outline).toBeHidden();
    await expect(room.clause(3)).toBeInViewport();

    // People online is a drawer too.
    await page.getByRole('button', { name: /^People online/ }).tap();
    await expect(page.getByTestId('presence')).toBeVisible();
    await shoot(page, 'room-people-drawer');
    await page.getByRole('button', { name: 'Close', exact: true }).tap();
    await expect(page.getByTestId('presence')).toBeHidden();

    // The position toggle and the save button are thumb-sized.
    const toggle = room.clause(3).getByTestId('positions-toggle');
    expect((await toggle.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    await toggle.tap();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const form = room.positionForm(3);
    await form.getByLabel('Position', { exact: true }).selectOption('can_live_with');
    const save = form.getByRole('button', { name: 'Save position', exact: true });
    expect((await save.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    await shoot(page, 'room-position-form');
    await save.tap();
    await expect(form.getByRole('status')).toContainText('Saved');
    await expect(room.chip(3, 'DE')).toHaveAttribute('data-position', 'can_live_with');
    await expectNoSidewaysScroll(page, 'room with the positions panel open');
    await page.context().close();
  });
});
