/**
 * UI benchmark (`npm run bench:ui`): how fast the room shows text and becomes editable,
 * in Chromium (/usr/bin/chromium, driven by playwright-core), against the production
 * server, for the demo draft and a large generated treaty (seed:large: 150 clauses,
 * ~300 KB of text, 35 delegations with positions, 50,000 updates of history).
 *
 * For each draft, cold loads (a new browser context: empty cache, same session cookie)
 * and warm loads (one context, after a first load that is not counted), interleaved
 * round by round with the same loads of the baseline: a plain HTML page of the same
 * clause texts served by the same server (GET /api/drafts/:id/bench-text, answered only
 * with ACCORD_BENCH=1). Reported: medians of
 *
 *   text visible   the first clause text in the DOM (`.clause-text` with text), taken at
 *                  the animation frame that paints it, in ms since navigation start
 *                  (performance.now() in the page)
 *   editable       the first `.clause-text[contenteditable="true"]` with text
 *   CLS            layout shifts (PerformanceObserver 'layout-shift', without input)
 *                  until one second after the room became editable
 *
 * and each as a ratio to the baseline's text visible in the same run and mode. Also
 * first-load JS per route (from the build's manifests, gzip -6), and the machine.
 * `--scroll` also scrolls the large draft from top to bottom and records long tasks.
 *
 * Needs a production build (`npx next build`); builds nothing itself. The seeded data
 * directory is cached under the system's temp directory (--reseed rebuilds it) and
 * copied for each run, so every run starts from the same state.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { DraftSummary } from '@/lib/api/types';
import { signIn } from '../test/support/session';
import { pinoRecord, startChild, type ManagedChild } from './lib/child';
import { REPO_ROOT, RESULTS_DIR } from './lib/paths';
import { firstLoadJs, type RouteJs } from './lib/first-load-js';
import { measureScroll, type ScrollFigures } from './lib/ui-scroll';

const PASSWORD = 'bench-ui-password-123';
const SECRET = 'accord-bench-ui-secret-0123456789abcdefghijklmnop';
const USER = 'fr@accord.test';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    port: { type: 'string', default: process.env.BENCH_UI_PORT ?? '0' },
    clauses: { type: 'string', default: '150' },
    history: { type: 'string', default: '50000' },
    'text-kb': { type: 'string', default: '300' },
    label: { type: 'string', default: '' },
    reseed: { type: 'boolean', default: false },
    scroll: { type: 'boolean', default: false },
    'no-save': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (opts.help) {
  console.log(`npm run bench:ui -- [--runs 5] [--port 0] [--clauses 150 --history 50000 --text-kb 300] [--reseed] [--scroll] [--label text] [--no-save]
Needs a production build: run \`npx next build\` first.`);
  process.exit(0);
}

interface Load {
  text: number | null;
  editable: number | null;
  cls: number;
}

interface CaseFigures {
  draft: 'demo' | 'large';
  page: 'room' | 'baseline';
  mode: 'cold' | 'warm';
  loads: Load[];
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function requireBuild(): string {
  const id = path.join(REPO_ROOT, '.next', 'BUILD_ID');
  if (!fs.existsSync(id)) {
    console.error('bench:ui needs a production build and found none (.next/BUILD_ID is missing). Run `npx next build` first.');
    process.exit(2);
  }
  return fs.readFileSync(id, 'utf8').trim();
}

/** The seeded data directory (demo + the large draft), generated once per shape and kept. */
function seededDataDir(): { dir: string; largeId: string; seed: Record<string, unknown> } {
  const shape = `${opts.clauses}x${opts.history}x${opts['text-kb']}`;
  const dir = path.join(os.tmpdir(), `accord-bench-ui-${shape}`);
  const meta = path.join(dir, 'bench-ui.json');
  if (opts.reseed) fs.rmSync(dir, { recursive: true, force: true });
  if (!fs.existsSync(meta)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const env = { ...process.env, DATA_DIR: dir, DEMO_PASSWORD: PASSWORD, NEXTAUTH_SECRET: SECRET, DATABASE_URL: '' };
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    process.stdout.write(`Seeding ${dir} (demo, then the large draft: ${shape})…\n`);
    execFileSync(tsx, ['scripts/seed-demo.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const out = execFileSync(tsx, ['scripts/seed-large.ts', '--clauses', opts.clauses, '--history', opts.history, '--text-kb', opts['text-kb'], '--json'], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
    });
    const seed = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    fs.writeFileSync(meta, JSON.stringify(seed));
    process.stdout.write(`Seeded in ${Number(seed.seconds).toFixed(0)} s.\n`);
  }
  const seed = JSON.parse(fs.readFileSync(meta, 'utf8')) as Record<string, unknown>;
  return { dir, largeId: String(seed.id), seed };
}

async function startServer(dataDir: string): Promise<{ child: ManagedChild; url: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL', 'NEXTAUTH_URL', 'OIDC_ISSUER']) delete env[name];
  Object.assign(env, {
    PORT: opts.port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_PASSWORD: PASSWORD,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'never',
    NEXTAUTH_SECRET: SECRET,
    NEXT_TELEMETRY_DISABLED: '1',
    ACCORD_BENCH: '1',
  });
  const child = await startChild({
    name: 'accord',
    command: process.execPath,
    args: ['--import', 'tsx', 'server/index.ts'],
    env,
    pinning: { enabled: false, serverCpu: 0, loadCpu: 1 },
    cpu: 0,
    readyWhen: (line) => {
      const record = pinoRecord(line);
      return record?.msg === 'Accord listening' && typeof record.port === 'number' ? record.port : null;
    },
  });
  return { child, url: `http://127.0.0.1:${child.ready}` };
}

/**
 * Runs in every page before its own scripts: watches for the first clause text and the
 * first editable clause, and sums layout shifts. A string, not a function: tsx compiles
 * functions with helpers (`__name`) that do not exist in the page.
 */
const PROBE = `(() => {
  const state = { text: null, editable: null, cls: 0 };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) state.cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (e) {}
  const hasText = (selector) => Array.from(document.querySelectorAll(selector)).some((el) => (el.textContent || '').trim().length > 0);
  const check = () => {
    const now = performance.now();
    if (state.text === null && hasText('.clause-text')) state.text = now;
    if (state.editable === null && hasText('.clause-text[contenteditable="true"]')) state.editable = now;
    if (state.text === null || state.editable === null) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

async function newContext(browser: Browser, url: string, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const host = new URL(url).hostname;
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: host, path: '/' };
    }),
  );
  await context.addInitScript({ content: PROBE });
  return context;
}

async function loadOnce(page: Page, url: string, wantEditable: boolean): Promise<Load> {
  await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
  await page.waitForFunction(
    (editable) => {
      const b = (window as unknown as { __bench?: { text: number | null; editable: number | null } }).__bench;
      return Boolean(b && b.text !== null && (!editable || b.editable !== null));
    },
    wantEditable,
    { timeout: 60_000, polling: 50 },
  );
  // Shifts that follow (an editor replacing text, late styles) count too.
  await page.waitForTimeout(1000);
  const load = await page.evaluate(() => (window as unknown as { __bench: Load }).__bench);
  await page.goto('about:blank');
  return { text: load.text, editable: wantEditable ? load.editable : null, cls: load.cls };
}

interface Target {
  draft: 'demo' | 'large';
  page: 'room' | 'baseline';
  url: string;
}

async function measureLoads(browser: Browser, targets: Target[], cookie: string, runs: number): Promise<CaseFigures[]> {
  const cases: CaseFigures[] = [];
  const caseOf = (t: Target, mode: 'cold' | 'warm') => {
    let c = cases.find((x) => x.draft === t.draft && x.page === t.page && x.mode === mode);
    if (!c) cases.push((c = { draft: t.draft, page: t.page, mode, loads: [] }));
    return c;
  };
  const warm = new Map<Target, { context: BrowserContext; page: Page }>();
  for (const t of targets) {
    const context = await newContext(browser, t.url, cookie);
    const page = await context.newPage();
    await loadOnce(page, t.url, t.page === 'room'); // fills the cache; not counted
    warm.set(t, { context, page });
  }
  for (let run = 0; run < runs; run += 1) {
    for (const t of targets) {
      const context = await newContext(browser, t.url, cookie);
      const cold = await loadOnce(await context.newPage(), t.url, t.page === 'room');
      await context.close();
      caseOf(t, 'cold').loads.push(cold);
      caseOf(t, 'warm').loads.push(await loadOnce(warm.get(t)!.page, t.url, t.page === 'room'));
      process.stdout.write(`  run ${run + 1}/${runs} ${t.draft} ${t.page}: cold ${cold.text?.toFixed(0)} ms\n`);
    }
  }
  for (const { context } of warm.values()) await context.close();
  return cases;
}

interface Summary {
  draft: 'demo' | 'large';
  mode: 'cold' | 'warm';
  baselineText: number | null;
  text: number | null;
  editable: number | null;
  cls: number | null;
  textRatio: number | null;
  editableRatio: number | null;
}

function summarise(cases: CaseFigures[]): Summary[] {
  const out: Summary[] = [];
  for (const draft of ['demo', 'large'] as const)
    for (const mode of ['cold', 'warm'] as const) {
      const room = cases.find((c) => c.draft === draft && c.mode === mode && c.page === 'room');
      const base = cases.find((c) => c.draft === draft && c.mode === mode && c.page === 'baseline');
      if (!room || !base) continue;
      const values = (c: CaseFigures, k: keyof Load) => c.loads.map((l) => l[k]).filter((v): v is number => v !== null);
      const baselineText = median(values(base, 'text'));
      const text = median(values(room, 'text'));
      const editable = median(values(room, 'editable'));
      const ratio = (v: number | null) => (v !== null && baselineText ? v / baselineText : null);
      out.push({ draft, mode, baselineText, text, editable, cls: median(values(room, 'cls')), textRatio: ratio(text), editableRatio: ratio(editable) });
    }
  return out;
}

function machine() {
  const cpus = os.cpus();
  return { model: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version, loadAverage: os.loadavg(), memoryGb: os.totalmem() / 1e9 };
}

function gitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const ms = (v: number | null) => (v === null ? '–' : `${v.toFixed(0)} ms`);
const x = (v: number | null) => (v === null ? '–' : `${v.toFixed(2)}×`);

function report(record: {
  at: string;
  label: string;
  commit: string;
  machineStart: ReturnType<typeof machine>;
  loadAverageEnd: number[];
  runs: number;
  seed: Record<string, unknown>;
  summary: Summary[];
  js: RouteJs[];
  scroll: ScrollFigures | null;
}): string {
  const m = record.machineStart;
  const lines = [
    `# UI benchmark (${record.at}${record.label ? `, ${record.label}` : ''}, commit ${record.commit})`,
    '',
    `Machine: ${m.cores} × ${m.model}, ${m.memoryGb.toFixed(0)} GB, Node ${m.node}; load average ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')} at start, ${record.loadAverageEnd.map((l) => l.toFixed(2)).join(' ')} at the end (other work on the machine shares its cores).`,
    `Chromium ${'/usr/bin/chromium'}, 1280×900, production server (embedded database) on the same machine. Medians of ${record.runs} loads per case; ratios are to the baseline (a plain HTML page of the same clause texts from the same server) in the same run and mode.`,
    `Large draft: ${record.seed.clauses} clauses, ${Math.round(Number(record.seed.textChars) / 1000)} KB of text, ${record.seed.delegations} delegations, ${record.seed.positions} positions, ${record.seed.updates} updates of history.`,
    '',
    '| draft | loads | baseline: text | room: text visible | ratio | room: editable | ratio | CLS |',
    '|---|---|---|---|---|---|---|---|',
    ...record.summary.map(
      (s) =>
        `| ${s.draft} | ${s.mode} | ${ms(s.baselineText)} | ${ms(s.text)} | ${x(s.textRatio)} | ${ms(s.editable)} | ${x(s.editableRatio)} | ${s.cls === null ? '–' : s.cls.toFixed(3)} |`,
    ),
    '',
    'Targets (issue 20): demo text visible ≤ 1.0 s, editable ≤ 2.0 s; large text visible ≤ 1.5 s.',
    '',
    '## First-load JS per route (gzip)',
    '',
    '| route | files | raw | gzip | of which behind next/dynamic |',
    '|---|---|---|---|---|',
    ...record.js.map(
      (r) =>
        `| ${r.route} | ${r.files} | ${(r.rawBytes / 1024).toFixed(0)} KB | ${(r.gzipBytes / 1024).toFixed(0)} KB | ${(r.dynamicGzipBytes / 1024).toFixed(0)} KB |`,
    ),
  ];
  if (record.scroll) {
    const s = record.scroll;
    lines.push(
      '',
      '## Scrolling the large draft',
      '',
      `Scrolled top to bottom in ${s.steps} steps of ${s.stepPx} px (${s.durationMs.toFixed(0)} ms): ${s.longTasks} long tasks, longest ${s.longestMs.toFixed(0)} ms, ${s.over50} over 50 ms; ${s.editorsMounted} editors mounted at the end.`,
    );
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const buildId = requireBuild();
  const runs = Math.max(1, Number(opts.runs));
  const machineStart = machine();
  const { dir: seededDir, largeId, seed } = seededDataDir();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-ui-run-'));
  fs.cpSync(seededDir, dataDir, { recursive: true });
  const { child, url } = await startServer(dataDir);
  let browser: Browser | undefined;
  try {
    const cookie = await signIn(url, USER, PASSWORD);
    const list = (await (await fetch(`${url}/api/drafts`, { headers: { cookie } })).json()) as DraftSummary[];
    const demo = list.find((d) => d.id !== largeId);
    if (!demo || !list.some((d) => d.id === largeId)) throw new Error(`${USER} does not see both drafts: ${JSON.stringify(list.map((d) => d.title))}`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const targets: Target[] = [];
    for (const [draft, id] of [
      ['demo', demo.id],
      ['large', largeId],
    ] as const) {
      targets.push({ draft, page: 'room', url: `${url}/drafts/${id}` });
      targets.push({ draft, page: 'baseline', url: `${url}/api/drafts/${id}/bench-text` });
    }
    process.stdout.write(`Server ${url} (build ${buildId}); ${runs} cold and ${runs} warm loads per case…\n`);
    const cases = await measureLoads(browser, targets, cookie, runs);
    const scroll = opts.scroll ? await measureScroll(browser, `${url}/drafts/${largeId}`, cookie) : null;
    const at = new Date().toISOString();
    const record = {
      at,
      label: opts.label,
      commit: gitHead(),
      buildId,
      machineStart,
      loadAverageEnd: os.loadavg(),
      runs,
      seed,
      summary: summarise(cases),
      cases,
      js: firstLoadJs(['/drafts/[id]', '/drafts/[id]/history', '/drafts/[id]/dashboard', '/admin/users', '/admin/audit', '/']),
      scroll,
    };
    const md = report(record);
    process.stdout.write(`\n${md}`);
    if (!opts['no-save']) {
      const stamp = at.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      fs.writeFileSync(path.join(RESULTS_DIR, `ui-${stamp}.json`), JSON.stringify(record, null, 2) + '\n');
      fs.writeFileSync(path.join(RESULTS_DIR, `ui-${stamp}.md`), md);
      fs.writeFileSync(path.join(RESULTS_DIR, 'ui-latest.md'), md);
      process.stdout.write(`\nWritten bench/results/ui-${stamp}.json and .md\n`);
    }
  } finally {
    await browser?.close();
    await child.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
