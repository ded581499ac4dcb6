/**
 * The documentation stays usable: a short README that starts with the two commands,
 * no reference to files outside the repository, and no relative link in the docs that
 * leads nowhere.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README_LIMIT_BYTES = 10_000;

/** Files under version control; a walk of the tree (minus generated folders) without git. */
function repositoryFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\0').filter((f) => f && fs.existsSync(path.join(root, f)));
  } catch {
    const skip = new Set(['node_modules', '.next', '.git', 'data', 'test-results', 'playwright-report', '.tmp']);
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!skip.has(entry.name)) walk(rel);
        } else files.push(rel);
      }
    };
    walk('.');
    return files;
  }
}

function readText(file: string): string | null {
  const buf = fs.readFileSync(path.join(root, file));
  return buf.includes(0) ? null : buf.toString('utf8');
}

/** References to files that live outside the repository (this file names them, so it is not scanned). */
const THIS_FILE = 'scripts/docs.test.ts';
const OUTSIDE_REFERENCES: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /\.\.\/shared\b/, what: 'a path into ../shared' },
  { pattern: /\bDESIGN\.md\b/, what: 'DESIGN.md (the domain is docs/design.md)' },
  { pattern: /\bCONVENTIONS\.md\b/, what: 'CONVENTIONS.md (the conventions are in docs/architecture.md)' },
  { pattern: /\bSTACK-NOTES\b/, what: 'STACK-NOTES (the stack is in docs/architecture.md)' },
];

/** Every occurrence of an outside reference in the given files, as "file:line: what". */
export function findOutsideReferences(files: Array<{ file: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    text.split('\n').forEach((line, i) => {
      for (const { pattern, what } of OUTSIDE_REFERENCES) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}`);
    });
  }
  return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of withoutCodeBlocks(markdown).split('\n')) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (m) anchors.add(slug(m[1]));
  }
  return anchors;
}

function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Relative links of a markdown file whose target file (or heading) does not exist, as "file: target". */
export function brokenRelativeLinks(file: string, markdown: string, exists: (rel: string) => string | null): string[] {
  const broken: string[] = [];
  const linkPattern = /\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
  for (const match of withoutCodeBlocks(markdown).matchAll(linkPattern)) {
    const target = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [filePart, anchor] = target.split('#', 2);
    const resolved = filePart ? path.normalize(path.join(path.dirname(file), filePart)) : file;
    const content = exists(resolved);
    if (content === null) {
      broken.push(`${file}: ${target} (no such file)`);
    } else if (anchor && resolved.endsWith('.md') && !anchorsOf(content).has(anchor)) {
      broken.push(`${file}: ${target} (no such heading)`);
    }
  }
  return broken;
}

function existsInRepo(rel: string): string | null {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return null;
  return fs.statSync(full).isDirectory() ? '' : fs.readFileSync(full, 'utf8');
}

describe('README.md', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  it(`stays under ${README_LIMIT_BYTES} bytes`, () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(README_LIMIT_BYTES);
  });

  it('gives the two commands in its first screen', () => {
    const firstScreen = readme.split('\n').slice(0, 15).join('\n');
    expect(firstScreen).toContain('npm install && npm start');
    expect(firstScreen).toMatch(/^npm test\b/m);
  });
});

describe('references', () => {
  it('no tracked file refers to a file outside the repository', () => {
    const files = repositoryFiles()
      .filter((file) => file.split(path.sep).join('/') !== THIS_FILE)
      .map((file) => ({ file, text: readText(file) }))
      .filter((f): f is { file: string; text: string } => f.text !== null);
    expect(files.length).toBeGreaterThan(100);
    expect(findOutsideReferences(files)).toEqual([]);
  });

  it('the check catches each kind of outside reference', () => {
    const samples = ['see ../shared/demo/x.md', 'see DESIGN' + '.md', 'CONVENTIONS' + '.md says', 'STACK' + '-NOTES'];
    expect(findOutsideReferences(samples.map((text, i) => ({ file: `f${i}`, text })))).toHaveLength(4);
    expect(findOutsideReferences([{ file: 'ok', text: 'see docs/design.md' }])).toEqual([]);
  });
});

describe('links in the documentation', () => {
  const markdownFiles = [
    'README.md',
    'SECURITY.md',
    'bench/README.md',
    ...fs
      .readdirSync(path.join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];

  it.each(markdownFiles)('every relative link in %s leads to an existing file and heading', (file) => {
    const markdown = fs.readFileSync(path.join(root, file), 'utf8');
    expect(brokenRelativeLinks(file, markdown, existsInRepo)).toEqual([]);
  });

  it('the check catches a missing file and a missing heading', () => {
    const docs = new Map([['docs/a.md', '# A\n\n## Some heading\n']]);
    const lookup = (rel: string) => docs.get(rel) ?? null;
    const md = '[ok](a.md#some-heading) [gone](b.md) [bad](a.md#nope) [web](https://x.org/b.md) `[code](c.md)`';
    expect(brokenRelativeLinks('docs/x.md', md, lookup)).toEqual(['docs/x.md: b.md (no such file)', 'docs/x.md: a.md#nope (no such heading)']);
  });
});
