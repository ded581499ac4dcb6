/**
 * No stylesheet over 800 lines: styles live beside their components (CSS Modules, or an
 * area's global file loaded by app/layout.tsx), not in one monolith.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_LINES = 800;

function cssFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(rel);
    return entry.name.endsWith('.css') ? [rel] : [];
  });
}

describe('stylesheets', () => {
  it(`are each at most ${MAX_LINES} lines`, () => {
    const files = cssFiles('app');
    expect(files.length).toBeGreaterThan(5);
    const long = files
      .map((file) => ({ file, lines: fs.readFileSync(path.join(root, file), 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file} (${f.lines} lines)`);
    expect(long).toEqual([]);
  });

  it('are all loaded: every global stylesheet is imported by app/layout.tsx', () => {
    const layout = fs.readFileSync(path.join(root, 'app/layout.tsx'), 'utf8');
    const global = cssFiles('app').filter((f) => !f.endsWith('.module.css'));
    const missing = global.filter((f) => !layout.includes(`'./${path.relative('app', f)}'`));
    expect(missing).toEqual([]);
  });
});
