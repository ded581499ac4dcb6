import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/axe';
import { ACCOUNTS } from './fixtures/env';
import { MAIN_SCREENS, aRevision, signedIn } from './fixtures/screens';
import { DraftRoomPage } from './pages/draft-room-page';
import { demoDraftId } from './pages/negotiation-pages';
import { SignInPage } from './pages/sign-in-page';

/**
 * Runs in the `phone` project (playwright.config.ts): every context is a 390 × 844 touch
 * phone. Each screen is also measured at 768 px (a narrow window, a tablet held upright)
 * without loading it again (docs/ui-contract.md, "Accessibility and phones").
 */
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 768, height: 1024 };
const DESKTOP = { width: 1280, height: 900 };
/** Set to a directory to keep a screenshot of the top of every screen (to look at them). */
const SHOTS = process.env.PHONE_SCREENSHOTS;

/** The page never scrolls sideways: laid out at the window's width, its scroll width at most that. */
async function expectNoSidewaysScroll(page: Page, label: string, width: number): Promise<void> {
  const measure = () =>
    page.evaluate((limit) => {
      const root = document.scrollingElement ?? document.documentElement;
      // The innermost elements reaching past the window, to say what overflows when the check fails.
      const over = Array.from(document.body.querySelectorAll<HTMLElement>('*')).filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > limit + 0.5;
      });
      const innermost = over.filter((el) => !over.some((other) => other !== el && el.contains(other)));
      const widest = innermost
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} (right edge ${Math.round(el.getBoundingClientRect().right)})`)
        .join(', ');
      return { scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, widest };
    }, width);
  // A phone browser widens its layout viewport (zooming out) when the page is wider than the screen.
  await expect.poll(async () => (await measure()).innerWidth, { message: `${label} at ${width} px: laid out wider than the window` }).toBe(width);
  const { scrollWidth, innerWidth, widest } = await measure();
  expect.soft(scrollWidth, `${label} at ${width} px: the page scrolls sideways (${widest})`).toBeLessThanOrEqual(innerWidth);
}

async function shoot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/phone-${name.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: false });
}

/** The header's right-hand side is behind "Menu", which opens it and closes with Escape, focus back on it. */
async function expectHeaderMenu(page: Page): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  await expect(menu).toBeVisible();
  const panel = page.locator(`#${await menu.getAttribute('aria-controls')}`);
  await expect(panel).toBeHidden();
  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(menu).toBeFocused();
}

test.describe('phones (390 × 844) and narrow windows (768 px)', () => {
  // Fourteen screens at two widths each. axe runs on every screen in e2e/accessibility.spec.ts
  // (desktop, every role); here it runs on the sign-in page only, to keep the suite's time.
  test.describe.configure({ timeout: 240_000 });

  test('the sign-in page fits and passes axe', async ({ page, axe }) => {
    expect(page.viewportSize()).toEqual(PHONE);
    await new SignInPage(page).goto();
    await expectNoSidewaysScroll(page, 'sign-in', PHONE.width);
    await axe('sign-in on a phone');
    await shoot(page, 'sign-in');
    await page.setViewportSize(NARROW);
    await expectNoSidewaysScroll(page, 'sign-in', NARROW.width);
  });

  // Observers see the delegate's screens with fewer controls; e2e/accessibility.spec.ts checks them on a desktop.
  for (const [role, email] of [
    ['delegate', ACCOUNTS.fr],
    ['secretariat', ACCOUNTS.secretariat],
  ] as const) {
    test(`every main screen fits at 390 and 768 px, as ${role}`, async ({ browser }) => {
      const revision = await aRevision(browser);
      const page = await signedIn(browser, email);
      expect(page.viewportSize()).toEqual(PHONE);
      const draftId = await demoDraftId(page);
      await expectHeaderMenu(page);
      for (const screen of MAIN_SCREENS) {
        await test.step(screen.label, async () => {
          await page.setViewportSize(PHONE);
          await page.goto(screen.path(draftId, revision));
          if (screen.secretariatOnly && role !== 'secretariat') await expect(page.locator('main h1').first()).toBeVisible();
          else await screen.ready(page);
          await expectNoSidewaysScroll(page, screen.label, PHONE.width);
          if (screen.label === 'draft room') await expectRoomFitsAPhone(page);
          await shoot(page, `${role}-${screen.label}`);
          await page.setViewportSize(NARROW);
          await expectNoSidewaysScroll(page, screen.label, NARROW.width);
        });
      }
      await page.context().close();
    });
  }

  test('a delegate picks a clause, comments, records a position and breaks silence with a thumb', async ({ browser }) => {
    const secretariat = await signedIn(browser, ACCOUNTS.secretariat);
    const draftId = await demoDraftId(secretariat);
    const clause = await clauseForSilence(secretariat, draftId);
    const page = await signedIn(browser, ACCOUNTS.de);
    const room = new DraftRoomPage(page);
    try {
      await page.goto(`/drafts/${draftId}`);
      await room.waitForSynced();

      // Read: the clause picker (the outline as a drawer) jumps to a clause and closes.
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
      await page.getByRole('button', { name: 'Close', exact: true }).tap();
      await expect(page.getByTestId('presence')).toBeHidden();

      // Comment: select words, tap "Comment", write, tap "Comment".
      await selectFirstWords(room, 3);
      const commentButton = page.getByTestId('comment-selection');
      expect((await commentButton.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
      await commentButton.tap();
      const composer = room.clause(3).getByTestId('comment-composer');
      const body = `Thumb comment ${Date.now()}`;
      await composer.getByLabel('Your comment').fill(body);
      await composer.getByRole('button', { name: 'Comment', exact: true }).tap();
      await expect(composer).toHaveCount(0);
      await expect(room.clause(3).getByTestId('comment-thread').filter({ hasText: body })).toBeVisible();

      // Position: the toggle and the save button are thumb-sized.
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
      await expectNoSidewaysScroll(page, 'room with the positions panel open', PHONE.width);

      // Silence: the secretariat puts a clause under silence; DE breaks it from the clause.
      const started = await secretariat.request.post(`/api/drafts/${draftId}/silence`, {
        data: { clauseIds: [clause.id], deadline: new Date(Date.now() + 30 * 60_000).toISOString(), override: 'Phone e2e: brackets stay for capitals.' },
      });
      expect(started.status()).toBe(201);
      const banner = room.silenceBanner(clause.number);
      const breakButton = banner.getByRole('button', { name: 'Break silence', exact: true });
      await breakButton.scrollIntoViewIfNeeded();
      expect((await breakButton.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
      await breakButton.tap();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Reason', { exact: true }).fill('Berlin needs another day on this wording.');
      await shoot(page, 'room-break-silence');
      await expectNoSidewaysScroll(page, 'room with the break-silence dialog', PHONE.width);
      await dialog.getByRole('button', { name: 'Break silence', exact: true }).tap();
      await expect(dialog).toHaveCount(0);
      await expect(banner).toHaveCount(0);
    } finally {
      await page.context().close();
      await secretariat.context().close();
    }
  });

  test('the room keeps its state and unsent comments when the window crosses to a phone and back', async ({ browser }) => {
    const page = await signedIn(browser, ACCOUNTS.fr);
    const room = new DraftRoomPage(page);
    try {
      await page.setViewportSize(DESKTOP);
      await page.goto(`/drafts/${await demoDraftId(page)}`);
      await room.waitForSynced();
      await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeHidden();

      // An open positions panel and a comment being written.
      await room.openPositions(2);
      await selectFirstWords(room, 2);
      await page.getByTestId('comment-selection').click();
      const composer = room.clause(2).getByTestId('comment-composer');
      const half = `Half a comment ${Date.now()}`;
      await composer.getByLabel('Your comment').fill(half);
      await composer.getByLabel(/Only FR/).check();

      for (const size of [PHONE, DESKTOP]) {
        await page.setViewportSize(size);
        await expectNoSidewaysScroll(page, `room resized to ${size.width} px`, size.width);
        await expect(composer.getByLabel('Your comment')).toHaveValue(half);
        await expect(composer.getByLabel(/Only FR/)).toBeChecked();
        await expect(room.clause(2).getByTestId('positions-toggle')).toHaveAttribute('aria-expanded', 'true');
        await expect(page.getByTestId('connection-status')).toHaveAttribute('data-synced', 'true');
      }
      await composer.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect(composer).toHaveCount(0);
    } finally {
      await page.context().close();
    }
  });
});

/** The room on a phone: the outline is a clause picker behind "Clauses", the view tabs fit, the bar is two rows. */
async function expectRoomFitsAPhone(page: Page): Promise<void> {
  await expect(page.getByRole('navigation', { name: 'Clauses' })).toBeHidden();
  await expect(page.getByRole('button', { name: /^Clauses/ })).toBeVisible();
  const tabs = page.locator('.room-bar .draft-tabs');
  const fit = await tabs.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect.soft(fit, 'the view tabs fit the phone without scrolling').toBe(true);
  // Two rows for a delegate (tabs, then actions); the secretariat's Settings may wrap to a third.
  const bar = await page.locator('.room-bar').boundingBox();
  expect.soft(bar?.height ?? 0, 'the room bar is compact').toBeLessThanOrEqual(3 * 48 + 8);
}

/** Selects the first three words of clause `n`'s first paragraph, as a finger dragging over them would. */
async function selectFirstWords(room: DraftRoomPage, n: number): Promise<void> {
  const editor = room.editor(n);
  await editor.locator('p').first().tap();
  await editor.evaluate((el) => {
    const walker = document.createTreeWalker(el.querySelector('p') ?? el, NodeFilter.SHOW_TEXT);
    const node = walker.nextNode();
    const match = node?.textContent?.match(/^\s*\S+\s+\S+\s+\S+/);
    if (!node || !match) throw new Error('no three words to select');
    document.getSelection()?.setBaseAndExtent(node, 0, node, match[0].length);
  });
  await expect(room.page.getByTestId('comment-selection')).toBeVisible();
}

/** A clause the secretariat may put under silence now: negotiating, highest number first. */
async function clauseForSilence(page: Page, draftId: string): Promise<{ id: string; number: number }> {
  const detail = (await (await page.request.get(`/api/drafts/${draftId}`)).json()) as { clauses: Array<{ id: string; number: number | null }> };
  const snapshot = (await (await page.request.get(`/api/drafts/${draftId}/negotiation`)).json()) as { statuses: Array<{ clauseId: string; status: string }> };
  const negotiating = new Set(snapshot.statuses.filter((s) => s.status === 'negotiating').map((s) => s.clauseId));
  const clause = detail.clauses.filter((c) => c.number !== null && c.number !== 3 && negotiating.has(c.id)).sort((a, b) => b.number! - a.number!)[0];
  if (!clause) throw new Error('no negotiating clause to put under silence');
  return { id: clause.id, number: clause.number! };
}
