/**
 * No function in `server/` or `app/` is longer than 150 lines: a longer one is split by
 * use case (services) or into smaller components (React). Every function counts —
 * declarations, methods, arrows and function expressions — from its first line to its
 * last, nested functions included in their parent's length. Tests are not checked.
 *
 * `NOT_YET_SPLIT` lists the functions that were longer when this check came in, each
 * with its length then: they may only shrink, and an entry goes once its function is
 * split (the test says so). Nothing new joins the list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_LINES = 150;
const FOLDERS = ['server', 'app'];

/** `file name` → its length when the check came in. Shrinks only. */
const NOT_YET_SPLIT: Record<string, number> = {
  'app/_components/clause-section.tsx ClauseSectionImpl': 222,
  'app/_components/draft-room.tsx DraftRoom': 255,
  'app/_components/negotiation/dashboard.tsx Dashboard': 215,
  'app/_components/room/clause-negotiation.tsx ClauseNegotiation': 217,
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

export interface LongFunction {
  file: string;
  name: string;
  line: number;
  lines: number;
}

function nameOf(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(source);
  if (ts.isExportAssignment(parent)) return 'default export';
  if (ts.isCallExpression(parent)) return `callback of ${parent.expression.getText(source).slice(0, 40)}`;
  return '(anonymous)';
}

/** Functions of one source text longer than `max` lines. */
export function longFunctions(file: string, text: string, max = MAX_LINES): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const start = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
      const lines = end - start + 1;
      if (lines > max) found.push({ file, name: nameOf(fn, source), line: start + 1, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('function length', () => {
  it('measures declarations, arrows and methods', () => {
    const body = Array.from({ length: 4 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = `function a() {\n${body}\n}\nconst b = () => {\n${body}\n};\nconst o = { m() {\n${body}\n} };\n`;
    expect(longFunctions('x.ts', text, 5).map((f) => [f.name, f.lines])).toEqual([
      ['a', 6],
      ['b', 6],
      ['m', 6],
    ]);
    expect(longFunctions('x.ts', text, 6)).toEqual([]);
  });

  const all = FOLDERS.flatMap(sourceFiles).flatMap((file) => longFunctions(file, fs.readFileSync(path.join(root, file), 'utf8')));

  it(`finds no function over ${MAX_LINES} lines in ${FOLDERS.join('/ and ')}/`, () => {
    const offenders = all.filter((f) => !(`${f.file} ${f.name}` in NOT_YET_SPLIT));
    expect(offenders.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
  });

  it('lets the functions not yet split only shrink, and forgets those that were', () => {
    const grown = all.filter((f) => NOT_YET_SPLIT[`${f.file} ${f.name}`] < f.lines).map((f) => `${f.file} ${f.name}: ${f.lines} lines`);
    expect(grown, 'grew: split them instead').toEqual([]);
    const found = new Set(all.map((f) => `${f.file} ${f.name}`));
    expect(
      Object.keys(NOT_YET_SPLIT).filter((key) => !found.has(key)),
      'now within the limit: remove from NOT_YET_SPLIT',
    ).toEqual([]);
  });
});
