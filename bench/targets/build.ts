/**
 * The Accord targets run the production server, which needs a Next build in .next/.
 * Same staleness rule as scripts/start.mjs (that file runs the server when imported,
 * so the rule is repeated here): build when .next/BUILD_ID is missing or older than
 * app/, lib/, server/ (tests excluded), next.config.js, package.json or tsconfig.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../lib/paths';

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIsStale(): boolean {
  const buildId = path.join(REPO_ROOT, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = Math.max(
    ...['app', 'lib', 'server'].map((d) => newestMtime(path.join(REPO_ROOT, d))),
    ...['next.config.js', 'package.json', 'tsconfig.json'].map((f) => {
      const file = path.join(REPO_ROOT, f);
      return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
    }),
  );
  return sources > built;
}

/** Runs `next build` when stale (or when forced). Throws when the build fails. */
export function ensureBuild(opts: { force?: boolean; log: (message: string) => void }): 'fresh' | 'built' {
  if (!opts.force && !buildIsStale()) return 'fresh';
  opts.log('building the Next app (.next/ is missing or older than the sources; about a minute)...');
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: REPO_ROOT,
    // The build's output goes to stderr: stdout carries the report.
    stdio: ['ignore', 2, 2],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal}); see the messages above`);
  opts.log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 'built';
}
