#!/usr/bin/env node
// `npm test`: every test, browser tests in a real Chromium included.
//
//   1. Chromium: CHROMIUM_PATH or /usr/bin/chromium; as root, `apt-get install chromium`
//      when missing. Never `playwright install`, never a downloaded browser.
//   2. Test services: TEST_DATABASE_URL / TEST_REDIS_URL. Unset locally: those suites are
//      skipped, loudly. Under CI=true unset or unreachable is a failure.
//   3. A production build (`next build`) when .next/ is missing or older than the sources,
//      while tsc and eslint run alongside it.
//   4. Vitest: the unit and integration projects.
//   5. Playwright: the e2e specs against the production server, in two shards side by
//      side (E2E_SHARDS), each with a server of its own.
//
// Stops at the first failing step with its exit code. Always ends with a summary whose
// last line is `N passed, N failed` (CI reads it).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const isCI = process.env.CI === 'true';
const resultsDir = path.join(root, '.tmp', 'test-results');
const vitestJson = path.join(resultsDir, 'vitest.json');
const playwrightJson = path.join(resultsDir, 'playwright.json');

/** @type {{ name: string, status: 'passed' | 'failed' | 'skipped', detail: string }[]} */
const steps = [];
/** @type {string[]} */
const skippedNotices = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

// ---------------------------------------------------------------------------- helpers

function heading(text) {
  console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);
}

function box(lines) {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = '═'.repeat(width + 2);
  return [`╔${bar}╗`, ...lines.map((l) => `║ ${l.padEnd(width)} ║`), `╚${bar}╝`].join('\n');
}

/** Runs a command with inherited stdio; resolves with its exit code (signals count as failures). */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    // Ctrl-C reaches the child through the terminal's process group; SIGTERM (e.g. a CI
    // timeout) may be sent to this process alone, so it is forwarded.
    const forward = () => child.kill('SIGTERM');
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      console.error(`Could not run ${command}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGKILL' ? 9 : 15) : 1));
    });
  });
}

function printSummary() {
  console.log('\n' + '─'.repeat(72));
  console.log('\x1b[1mTest summary\x1b[0m');
  for (const step of steps) {
    const mark = step.status === 'passed' ? '✔' : step.status === 'failed' ? '✘' : '–';
    console.log(`  ${mark} ${step.name.padEnd(30)} ${step.status.toUpperCase()}${step.detail ? `  (${step.detail})` : ''}`);
  }
  if (totals.skipped > 0) console.log(`  ${totals.skipped} test(s) skipped inside the suites (it.skip / test.skip / todo)`);
  for (const notice of skippedNotices) console.log('\n' + box([notice]));
  console.log('');
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
}

/** Records a failed step, prints the summary and exits with its code. */
function fail(name, detail, code) {
  steps.push({ name, status: 'failed', detail });
  // A step that fails without a failing test (build error, crash, unhandled error) still
  // counts as a failure, so the closing line never reads green on a red run.
  if (totals.failed === 0) totals.failed = 1;
  printSummary();
  process.exit(code || 1);
}

// ---------------------------------------------------------------------------- 1. Chromium

async function ensureChromium() {
  const name = 'Chromium';
  heading(name);
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) fail(name, `CHROMIUM_PATH=${configured} does not exist`, 1);
    console.log(`Using CHROMIUM_PATH=${configured}`);
    steps.push({ name, status: 'passed', detail: configured });
    return;
  }
  const debianPath = '/usr/bin/chromium';
  if (!existsSync(debianPath)) {
    if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
      console.error(
        box([
          'Chromium is missing: the browser tests need it.',
          "Install Debian's chromium:  sudo apt-get install -y chromium",
          'or set CHROMIUM_PATH to an installed Chromium binary.',
          '(Never `playwright install`: the tests use the system browser.)',
        ]),
      );
      fail(name, 'not installed', 1);
    }
    console.log("Chromium is missing; installing Debian's chromium with apt-get (about a minute)...");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // The lock timeout lets an apt run that is already under way finish first.
    const lock = ['-o', 'DPkg::Lock::Timeout=600'];
    let code = await run('apt-get', [...lock, 'update'], env);
    if (code === 0) code = await run('apt-get', [...lock, 'install', '-y', 'chromium'], env);
    if (code !== 0 || !existsSync(debianPath)) fail(name, `apt-get install chromium failed (exit ${code})`, code || 1);
  }
  console.log(`Using ${debianPath}`);
  steps.push({ name, status: 'passed', detail: debianPath });
}

// ---------------------------------------------------------------------------- 2. Services

function reachable(host, port, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const done = (ok, why) => {
      socket.destroy();
      resolve({ ok, why });
    };
    socket.once('connect', () => done(true, ''));
    socket.once('timeout', () => done(false, `no answer within ${timeoutMs / 1000} s`));
    socket.once('error', (err) => done(false, err.message));
  });
}

async function checkServices() {
  const name = 'Test services';
  heading(`${name} (PostgreSQL, Redis)`);
  const services = [
    { variable: 'TEST_DATABASE_URL', label: 'PostgreSQL integration suites', defaultPort: 5432 },
    { variable: 'TEST_REDIS_URL', label: 'Redis fan-out integration suites', defaultPort: 6379 },
  ];
  const problems = [];
  const details = [];
  for (const service of services) {
    const value = process.env[service.variable]?.trim();
    if (!value) {
      if (isCI) problems.push(`${service.variable} is not set (CI=true requires the ${service.label})`);
      else {
        skippedNotices.push(`SKIPPED: ${service.label} (${service.variable} not set)`);
        details.push(`${service.variable} unset`);
      }
      continue;
    }
    let url;
    try {
      url = new URL(value);
    } catch {
      problems.push(`${service.variable} is not a URL`);
      continue;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || service.defaultPort);
    if (!host) {
      console.log(`${service.variable}: no TCP host in the URL (socket?), not checked`);
      continue;
    }
    const { ok, why } = await reachable(host, port);
    if (ok) {
      console.log(`${service.variable}: ${host}:${port} reachable`);
      details.push(`${service.variable} ok`);
    } else problems.push(`${service.variable} ${host}:${port} is unreachable (${why})`);
  }
  if (problems.length > 0) {
    console.error(box(['Test services are not usable:', ...problems.map((p) => `  - ${p}`)]));
    fail(name, problems.join('; '), 1);
  }
  for (const notice of skippedNotices) console.log(box([notice]));
  steps.push({ name, status: 'passed', detail: details.join(', ') });
}

// ---------------------------------------------------------------------------- 3. Build

/** Newest mtime (ms) of the build's inputs, with the file that has it. */
function newestSource() {
  let newest = { mtime: 0, file: '' };
  const consider = (file) => {
    const mtime = statSync(file).mtimeMs;
    if (mtime > newest.mtime) newest = { mtime, file };
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) consider(full);
    }
  };
  for (const dir of ['app', 'lib', 'server']) if (existsSync(dir)) walk(dir);
  for (const file of ['next.config.js', 'package.json', 'tsconfig.json']) if (existsSync(file)) consider(file);
  return newest;
}

async function ensureBuild() {
  const name = 'Production build';
  heading(name);
  const buildId = path.join('.next', 'BUILD_ID');
  let reason = '';
  if (!existsSync(buildId)) reason = 'no .next/BUILD_ID';
  else {
    const built = statSync(buildId).mtimeMs;
    const newest = newestSource();
    if (newest.mtime > built) reason = `${path.relative(root, path.resolve(newest.file))} changed since the last build`;
  }
  if (!reason) {
    console.log('.next/ is up to date');
    steps.push({ name, status: 'passed', detail: 'up to date, not rebuilt' });
    return;
  }
  console.log(`Building (${reason}): npx next build`);
  const code = await run('npx', ['next', 'build']);
  if (code !== 0) fail(name, `next build exited with ${code}`, code);
  steps.push({ name, status: 'passed', detail: `rebuilt: ${reason}` });
}

// ---------------------------------------------------------------------------- Static checks

/** Runs a command with its output collected (printed by the caller); resolves with exit code and output. */
function runCaptured(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const forward = () => child.kill('SIGTERM');
    process.on('SIGTERM', forward);
    child.on('error', (err) => resolve({ code: 127, output: `Could not run ${command}: ${err.message}\n` }));
    child.on('close', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve({ code: code ?? (signal ? 143 : 1), output });
    });
  });
}

/**
 * tsc and eslint, with their output collected: they run while `next build` does (the
 * build waits on I/O and one thread much of the time), and print when they are done.
 */
async function staticChecks() {
  const tsc = await runCaptured('npx', ['tsc', '--noEmit', '-p', '.']);
  if (tsc.code !== 0) return { ok: false, detail: `tsc exited with ${tsc.code}`, code: tsc.code, output: tsc.output };
  const lint = await runCaptured('npx', ['eslint', '.', '--max-warnings=0']);
  if (lint.code !== 0) return { ok: false, detail: `eslint exited with ${lint.code}`, code: lint.code, output: tsc.output + lint.output };
  const format = await runCaptured('npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  if (format.code !== 0) {
    const hint = 'Files above are not formatted: run `npm run format` and commit the result.\n';
    return { ok: false, detail: `prettier --check exited with ${format.code}`, code: format.code, output: tsc.output + lint.output + format.output + hint };
  }
  return { ok: true, detail: 'no type errors, no lint findings, formatted', code: 0, output: tsc.output + lint.output + format.output };
}

async function staticChecksAndBuild() {
  const name = 'Types and lint (layering)';
  heading(`${name} (tsc --noEmit, eslint, prettier --check), alongside the production build`);
  const checks = staticChecks();
  await ensureBuild();
  const result = await checks;
  heading(`${name}: tsc --noEmit, eslint, prettier --check`);
  if (result.output.trim()) process.stdout.write(result.output);
  if (!result.ok) fail(name, result.detail, result.code);
  console.log('No type errors, no lint findings, every file formatted.');
  steps.push({ name, status: 'passed', detail: result.detail });
}

// ---------------------------------------------------------------------------- 4. Vitest

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function runVitest() {
  const name = 'Vitest (unit + integration)';
  heading(`${name}: npx vitest run`);
  rmSync(vitestJson, { force: true });
  const code = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
  const report = readJson(vitestJson);
  let detail = 'no JSON report';
  if (report) {
    const counts = { unit: { files: 0, tests: 0 }, integration: { files: 0, tests: 0 } };
    for (const file of report.testResults ?? []) {
      const kind = /\.int\.test\.tsx?$/.test(file.name ?? '') ? 'integration' : 'unit';
      counts[kind].files += 1;
      counts[kind].tests += (file.assertionResults ?? []).length;
    }
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    detail =
      `${report.numPassedTests ?? 0} passed, ${report.numFailedTests ?? 0} failed; ` +
      `unit ${counts.unit.tests} tests in ${counts.unit.files} files, ` +
      `integration ${counts.integration.tests} tests in ${counts.integration.files} files`;
  }
  if (code !== 0) fail(name, `exit ${code}; ${detail}`, code);
  steps.push({ name, status: 'passed', detail });
}

// ---------------------------------------------------------------------------- 5. Playwright

/**
 * Runs one command with its output streamed line by line behind a prefix, so that two
 * shards running side by side stay readable.
 */
function runPrefixed(prefix, command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const pipe = (stream, out) => {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) out.write(`${prefix} ${line}\n`);
      });
      stream.on('end', () => rest && out.write(`${prefix} ${rest}\n`));
    };
    pipe(child.stdout, process.stdout);
    pipe(child.stderr, process.stderr);
    const forward = () => child.kill('SIGTERM');
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      console.error(`${prefix} Could not run ${command}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 143 : 1));
    });
  });
}

/**
 * The e2e specs in E2E_SHARDS shards (2 by default) side by side, each with its own
 * production server on its own port and data directory (scripts/e2e-server.mjs), so the
 * shards never see each other's changes. Most of an e2e test's time is waiting (for a
 * page, a socket, a live update), so two shards finish much sooner than one on two cores.
 */
async function runPlaywright() {
  const name = 'Playwright (e2e, Chromium)';
  const shards = Math.max(1, Number(process.env.E2E_SHARDS ?? 2) || 1);
  heading(`${name}: npx playwright test${shards > 1 ? `, ${shards} shards side by side` : ''}`);
  const runs = [];
  for (let i = 1; i <= shards; i += 1) {
    const json = shards === 1 ? playwrightJson : playwrightJson.replace(/\.json$/, `-${i}.json`);
    rmSync(json, { force: true });
    const env = {
      ...process.env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: json,
      ...(shards > 1 ? { E2E_PORT: String(3400 + 10 * i), E2E_OUTPUT_DIR: `test-results/shard-${i}` } : {}),
    };
    const args = ['playwright', 'test', ...(shards > 1 ? [`--shard=${i}/${shards}`] : [])];
    runs.push((shards > 1 ? runPrefixed(`[e2e ${i}/${shards}]`, 'npx', args, env) : run('npx', args, env)).then((code) => ({ code, json })));
  }
  const results = await Promise.all(runs);
  const stats = { expected: 0, unexpected: 0, flaky: 0, skipped: 0, errors: 0, files: 0, reports: 0 };
  for (const { json } of results) {
    const report = readJson(json);
    if (!report?.stats) continue;
    stats.reports += 1;
    for (const key of ['expected', 'unexpected', 'flaky', 'skipped']) stats[key] += report.stats[key] ?? 0;
    stats.files += Array.isArray(report.suites) ? report.suites.length : 0;
    stats.errors += Array.isArray(report.errors) ? report.errors.length : 0;
  }
  let detail = 'no JSON report';
  if (stats.reports > 0) {
    totals.passed += stats.expected;
    totals.failed += stats.unexpected + stats.flaky;
    totals.skipped += stats.skipped;
    detail = `${stats.expected} passed, ${stats.unexpected + stats.flaky} failed, ${stats.skipped} skipped; ${stats.files} spec files`;
    if (shards > 1) detail += ` in ${shards} shards${stats.reports < shards ? ` (${shards - stats.reports} without a report)` : ''}`;
    if (stats.errors > 0) detail += `, ${stats.errors} error(s) outside tests`;
  }
  const code = results.find((r) => r.code !== 0)?.code ?? 0;
  if (code !== 0) fail(name, `exit ${code}; ${detail}`, code);
  steps.push({ name, status: 'passed', detail });
}

// ---------------------------------------------------------------------------- main

mkdirSync(resultsDir, { recursive: true });
await ensureChromium();
await checkServices();
await staticChecksAndBuild();
await runVitest();
await runPlaywright();
printSummary();
process.exit(totals.failed > 0 ? 1 : 0);
