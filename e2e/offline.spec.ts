import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type WebSocketRoute } from '@playwright/test';
import { ACCOUNTS, DEMO_DRAFT_TITLE, DEMO_PASSWORD } from './fixtures/env';
import { DraftRoomPage } from './pages/draft-room-page';
import { SignInPage } from './pages/sign-in-page';

/** The clause both tests type in: open for drafting in the seeded demo, and no other spec changes its status. */
const CLAUSE = 3;
/** y-websocket retries with a backoff of up to 10 s (maxBackoffTime in use-collab.ts). */
const RECONNECT_TIMEOUT = 25_000;

async function enterRoom(browser: Browser, email: string, before?: (context: BrowserContext) => Promise<void>): Promise<DraftRoomPage> {
  const context = await browser.newContext();
  await before?.(context);
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, DEMO_PASSWORD);
  const room = new DraftRoomPage(page);
  await room.openFromList(DEMO_DRAFT_TITLE);
  return room;
}

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

async function pending(room: DraftRoomPage): Promise<number> {
  return Number(await room.connectionStatus.getAttribute('data-pending'));
}

/**
 * A switch for the collaboration socket (/yjs) of one browser context, and only that one:
 * while it is on, the sockets pass through to the server; switching it off closes the open
 * ones and every new attempt is closed at once, as when the server cannot be reached.
 * Everything else (page HTML, API, socket.io) still has the network.
 */
async function yjsSwitch(context: BrowserContext): Promise<{ off: () => void; on: () => void }> {
  let up = true;
  const open = new Map<WebSocketRoute, WebSocketRoute>(); // page side → server side
  await context.routeWebSocket(/\/yjs(\/|$)/, (ws) => {
    if (!up) {
      ws.close();
      return;
    }
    const server = ws.connectToServer();
    open.set(ws, server);
    // With a handler, closing the page side no longer closes the server side by itself.
    ws.onClose(() => {
      open.delete(ws);
      void server.close();
    });
  });
  return {
    off: () => {
      up = false;
      for (const [page, server] of open) {
        void page.close();
        void server.close();
      }
      open.clear();
    },
    on: () => {
      up = true;
    },
  };
}

test.describe('offline editing', () => {
  const contexts: BrowserContext[] = [];

  test.afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  test('edits made offline wait, show their count, and reach the others when the connection returns', async ({ browser }, testInfo) => {
    let yjs!: Awaited<ReturnType<typeof yjsSwitch>>;
    const fr = await enterRoom(browser, ACCOUNTS.fr, async (context) => {
      yjs = await yjsSwitch(context);
    });
    const de = await enterRoom(browser, ACCOUNTS.de);
    contexts.push(fr.page.context(), de.page.context());
    const text = unique('offline');

    // The browser goes offline. Chromium's offline emulation (setOffline) fails new
    // requests but leaves an already-open WebSocket up (checked: the room stayed
    // "connected"), so the open /yjs socket is closed as well: FR's connection is really down.
    await fr.page.context().setOffline(true);
    yjs.off();
    await expect(fr.connectionStatus).not.toHaveAttribute('data-state', 'connected');
    await expect(fr.connectionStatus).toHaveAttribute('data-synced', 'false');
    await expect(fr.connectionStatus).toContainText('Offline — no changes waiting');

    // FR keeps typing; the change is counted as waiting.
    await fr.typeAtEnd(CLAUSE, ` ${text}`);
    await expect(fr.editor(CLAUSE)).toContainText(text);
    await expect.poll(() => pending(fr)).toBeGreaterThanOrEqual(1);
    await expect(fr.connectionStatus).toContainText(/Offline — \d+ changes? waiting/);
    await expect(fr.connectionStatus).not.toHaveAttribute('data-state', 'connected');
    await fr.page.screenshot({ path: testInfo.outputPath('offline-room.png') });

    // The server does not have it: a fresh load on DE's side does not show it.
    await de.reload();
    expect(await de.editorText(CLAUSE)).not.toContain(text);

    // Back online: FR reconnects by itself, the count drops to zero and DE gets the text live.
    await fr.page.context().setOffline(false);
    yjs.on();
    await expect(fr.connectionStatus).toHaveAttribute('data-state', 'connected', { timeout: RECONNECT_TIMEOUT });
    await expect(fr.connectionStatus).toHaveAttribute('data-synced', 'true');
    await expect(fr.connectionStatus).toHaveAttribute('data-pending', '0');
    await expect(fr.connectionStatus).toHaveText('Live');
    await expect(de.editor(CLAUSE)).toContainText(text);
    // Stored on the server, not only relayed: a fresh load shows it too.
    await de.reload();
    await expect.poll(() => de.editorText(CLAUSE)).toContain(text);
  });

  test('a tab closed offline and reopened offline shows the edit from IndexedDB, which syncs later', async ({ browser }) => {
    // The page itself (HTML, scripts, session) is served by the Next server: without a
    // service worker (not in scope) a page cannot be loaded with no network at all, so
    // "offline" here means that the collaboration socket (/yjs) cannot reach the server
    // while the page can still be fetched. The draft text of the reopened tab then comes
    // only from this browser's IndexedDB copy (y-indexeddb), never from the server.
    let yjs!: Awaited<ReturnType<typeof yjsSwitch>>;
    const fr = await enterRoom(browser, ACCOUNTS.fr, async (context) => {
      yjs = await yjsSwitch(context);
    });
    const context = fr.page.context();
    contexts.push(context);
    const url = fr.page.url();
    const text = unique('reopened');

    yjs.off();
    await expect(fr.connectionStatus).not.toHaveAttribute('data-synced', 'true');
    await fr.typeAtEnd(CLAUSE, ` ${text}`);
    await expect(fr.editor(CLAUSE)).toContainText(text);
    await expect.poll(() => pending(fr)).toBeGreaterThanOrEqual(1);
    const waiting = await pending(fr);
    await fr.page.close();

    // A new tab in the same browser, the socket still blocked: the text and the count are back.
    const page = await context.newPage();
    const reopened = new DraftRoomPage(page);
    await page.goto(url);
    await expect(reopened.editor(CLAUSE)).toContainText(text);
    await expect(reopened.connectionStatus).toHaveAttribute('data-pending', String(waiting));
    await expect(reopened.connectionStatus).toContainText(/Offline — \d+ changes? waiting/);
    await expect(reopened.connectionStatus).not.toHaveAttribute('data-synced', 'true');
    // ... and it takes more typing while still offline.
    const more = unique('more');
    await reopened.typeAtEnd(CLAUSE, ` ${more}`);
    await expect(reopened.editor(CLAUSE)).toContainText(more);
    await expect.poll(() => pending(reopened)).toBeGreaterThan(waiting);

    // Nobody else has it yet.
    const de = await enterRoom(browser, ACCOUNTS.de);
    contexts.push(de.page.context());
    expect(await de.editorText(CLAUSE)).not.toContain(text);

    // The socket comes back: both edits reach the server and DE.
    yjs.on();
    await expect(reopened.connectionStatus).toHaveAttribute('data-synced', 'true', { timeout: RECONNECT_TIMEOUT });
    await expect(reopened.connectionStatus).toHaveAttribute('data-pending', '0');
    await expect(de.editor(CLAUSE)).toContainText(text);
    await expect(de.editor(CLAUSE)).toContainText(more);
    await de.reload();
    await expect.poll(() => de.editorText(CLAUSE)).toContain(more);
  });

  test('signing out removes the local copies, and asks first when changes are still waiting', async ({ browser }) => {
    let yjs!: Awaited<ReturnType<typeof yjsSwitch>>;
    const fr = await enterRoom(browser, ACCOUNTS.fr, async (context) => {
      yjs = await yjsSwitch(context);
    });
    contexts.push(fr.page.context());
    const page = fr.page;
    const localCopies = () => page.evaluate(async () => (await indexedDB.databases()).flatMap((db) => (db.name?.startsWith('accord:') ? [db.name] : [])));
    await expect(fr.connectionStatus).toHaveAttribute('data-synced', 'true');
    await expect.poll(localCopies).toHaveLength(1);

    yjs.off();
    await expect(fr.connectionStatus).not.toHaveAttribute('data-synced', 'true');
    await fr.typeAtEnd(CLAUSE, ` ${unique('unsent')}`);
    await expect.poll(() => pending(fr)).toBeGreaterThanOrEqual(1);

    // With changes waiting, signing out asks first; staying keeps everything.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out with unsent changes?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(/not reached\s+the server yet/);
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/drafts\//);
    expect(await localCopies()).toHaveLength(1);

    // Signing out anyway removes the copy and the waiting count from this browser.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await dialog.getByRole('button', { name: 'Sign out and discard' }).click();
    await expect(page).toHaveURL(/\/signin/);
    await expect.poll(localCopies).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('accord:')))).toEqual([]);
  });
});
