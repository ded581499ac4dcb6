/**
 * First-load JS of an app route, from the Next build's manifests (Turbopack layout):
 * the route's build-manifest.json (`rootMainFiles`: the runtime, React, Next) and its
 * client-reference manifest (`entryJSFiles` of the root layout and of the page), plus
 * the chunks of the dynamic imports the page starts at once (react-loadable-manifest.json,
 * e.g. the room's editors behind next/dynamic), each file counted once, gzip -6.
 * Polyfills (nomodule, not loaded by current browsers) are left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT } from './paths';

export interface RouteJs {
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
  /** Of which: behind next/dynamic, loaded right after the page. */
  dynamicGzipBytes: number;
}

const NEXT = path.join(REPO_ROOT, '.next');

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function entryFiles(routeDir: string, page: string): string[] {
  const file = path.join(routeDir, 'page_client-reference-manifest.js');
  if (!fs.existsSync(file)) return [];
  const sandbox: { globalThis: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } } = { globalThis: {} };
  new Function('globalThis', fs.readFileSync(file, 'utf8'))(sandbox.globalThis);
  const manifest = Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})[0];
  const entries = manifest?.entryJSFiles ?? {};
  return [...(entries['[project]/app/layout'] ?? []), ...(entries[`[project]/app${page === '/' ? '' : page}/page`] ?? [])];
}

export function firstLoadJs(routes: string[]): RouteJs[] {
  const out: RouteJs[] = [];
  const sizes = new Map<string, [number, number]>();
  const sizeOf = (file: string): [number, number] => {
    let s = sizes.get(file);
    if (!s) {
      const body = fs.readFileSync(path.join(NEXT, file));
      s = [body.length, zlib.gzipSync(body, { level: 6 }).length];
      sizes.set(file, s);
    }
    return s;
  };
  for (const route of routes) {
    const routeDir = path.join(NEXT, 'server', 'app', ...route.split('/').filter(Boolean));
    const build = readJson<{ rootMainFiles?: string[] }>(path.join(routeDir, 'page', 'build-manifest.json'));
    if (!build) continue;
    const loadable = readJson<Record<string, { files: string[] }>>(path.join(routeDir, 'page', 'react-loadable-manifest.json')) ?? {};
    const dynamic = new Set(Object.values(loadable).flatMap((e) => e.files.filter((f) => f.endsWith('.js'))));
    const files = new Set([...(build.rootMainFiles ?? []), ...entryFiles(routeDir, route), ...dynamic]);
    let raw = 0;
    let gzip = 0;
    let dynamicGzip = 0;
    for (const file of files) {
      const [r, g] = sizeOf(file);
      raw += r;
      gzip += g;
      if (dynamic.has(file) && !(build.rootMainFiles ?? []).includes(file)) dynamicGzip += g;
    }
    out.push({ route, files: files.size, rawBytes: raw, gzipBytes: gzip, dynamicGzipBytes: dynamicGzip });
  }
  return out;
}
