/**
 * bench:ui --scroll: open the large draft, wait until it is editable, then scroll the
 * whole page from top to bottom in steps (one every 100 ms, as a reader paging down
 * would) while a PerformanceObserver records long tasks (main-thread work over 50 ms).
 */
import type { Browser } from 'playwright-core';

export interface ScrollFigures {
  steps: number;
  stepPx: number;
  durationMs: number;
  longTasks: number;
  longestMs: number;
  over50: number;
  /** Long tasks as [start ms since the scroll began, duration ms]. */
  tasks: Array<[number, number]>;
  editorsMounted: number;
}

const STEP_PX = 600;

export async function measureScroll(browser: Browser, url: string, cookie: string): Promise<ScrollFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const host = new URL(url).hostname;
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: host, path: '/' };
    }),
  );
  try {
    const page = await context.newPage();
    await page.goto(url, { timeout: 60_000 });
    await page.waitForSelector('.clause-text[contenteditable="true"]', { timeout: 60_000 });
    await page.waitForTimeout(2000);
    const result = await page.evaluate(async (stepPx) => {
      const tasks: Array<[number, number]> = [];
      const started = performance.now();
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push([e.startTime - started, e.duration]);
      });
      observer.observe({ type: 'longtask' });
      let steps = 0;
      while (window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 2) {
        window.scrollBy(0, stepPx);
        steps += 1;
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 1000));
      observer.disconnect();
      return { steps, durationMs: performance.now() - started, tasks, editorsMounted: document.querySelectorAll('.clause-text[contenteditable]').length };
    }, STEP_PX);
    return {
      steps: result.steps,
      stepPx: STEP_PX,
      durationMs: result.durationMs,
      longTasks: result.tasks.length,
      longestMs: Math.max(0, ...result.tasks.map((t) => t[1])),
      over50: result.tasks.filter((t) => t[1] > 50).length,
      tasks: result.tasks,
      editorsMounted: result.editorsMounted,
    };
  } finally {
    await context.close();
  }
}
