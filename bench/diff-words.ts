/**
 * Word-diff benchmark (`npm run bench:diff`): Accord's own Myers diff
 * (lib/history/diff-words.ts, `diffSequence` over our word tokens) against the `diff`
 * package (jsdiff) on the same inputs, to decide whether ours stays (#19: keep a
 * hand-written part only if a measurement says it is faster or more correct).
 *
 * Inputs are treaty-like clause texts edited the way history sees them: one word
 * changed, a sentence inserted, 5 % of the words replaced, a paragraph rewritten, and a
 * whole 300 KB draft with scattered edits. Both sides get the SAME tokens (our tokenizer),
 * via jsdiff's `diffArrays`, so the comparison is of the algorithm; jsdiff's own
 * `diffWordsWithSpace` (its tokenizer) is timed too for reference. Correctness: the edit
 * distance (tokens inserted + deleted) must be minimal; both report it.
 *
 *   npm run bench:diff                 # prints a table and writes bench/results/diff-words-<time>.md
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffArrays, diffWordsWithSpace } from 'diff';
import { diffSequence, tokenize } from '@/lib/history/diff-words';
import { RESULTS_DIR } from './lib/paths';

const WORDS =
  'the parties shall ensure that any measure taken under this article is proportionate necessary and consistent with international law including the obligations of each state party under the convention and its protocols within a reasonable period'.split(
    ' ',
  );

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function clauseText(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) {
    out.push(WORDS[Math.floor(rand() * WORDS.length)] + (rand() < 0.08 ? (rand() < 0.5 ? ',' : '.') : ''));
    if (rand() < 0.01) out.push('\n');
  }
  return out.join(' ');
}

function replaceShare(rand: () => number, text: string, share: number): string {
  return text
    .split(' ')
    .map((w) => (rand() < share ? WORDS[Math.floor(rand() * WORDS.length)] + 'x' : w))
    .join(' ');
}

interface Case {
  name: string;
  a: string;
  b: string;
}

function cases(): Case[] {
  const rand = prng(20261205);
  const clause = clauseText(rand, 350); // about 2.5 KB, a long article
  const words = clause.split(' ');
  const oneWord = [...words.slice(0, 170), 'substantially', ...words.slice(171)].join(' ');
  const sentence = [...words.slice(0, 120), 'Nothing in this paragraph shall prejudice the rights of any party.', ...words.slice(120)].join(' ');
  const rewritten = [...words.slice(0, 100), clauseText(rand, 150), ...words.slice(250)].join(' ');
  const draft = Array.from({ length: 150 }, () => clauseText(rand, 280)).join('\n'); // about 300 KB
  return [
    { name: 'clause, one word changed', a: clause, b: oneWord },
    { name: 'clause, a sentence inserted', a: clause, b: sentence },
    { name: 'clause, 5 % of words replaced', a: clause, b: replaceShare(rand, clause, 0.05) },
    { name: 'clause, a paragraph rewritten', a: clause, b: rewritten },
    { name: '300 KB draft, 0.5 % of words replaced', a: draft, b: replaceShare(rand, draft, 0.005) },
  ];
}

function time(fn: () => number, budgetMs = 400): { median: number; distance: number } {
  const runs: number[] = [];
  let distance = 0;
  const start = performance.now();
  while (runs.length < 5 || (performance.now() - start < budgetMs && runs.length < 200)) {
    const t = performance.now();
    distance = fn();
    runs.push(performance.now() - t);
  }
  runs.sort((x, y) => x - y);
  return { median: runs[Math.floor(runs.length / 2)], distance };
}

const ours = (a: string[], b: string[]) => diffSequence(a, b).reduce((n, [kind, count]) => n + (kind === 'equal' ? 0 : count), 0);
const jsdiffArrays = (a: string[], b: string[]) => diffArrays(a, b).reduce((n, part) => n + (part.added || part.removed ? part.count : 0), 0);
const jsdiffWords = (a: string, b: string) => diffWordsWithSpace(a, b).reduce((n, part) => n + (part.added || part.removed ? 1 : 0), 0);

const rows: string[] = [];
const lines = [
  '| case | tokens (old / new) | ours ms | jsdiff diffArrays ms | ratio jsdiff/ours | jsdiff diffWordsWithSpace ms | edit distance ours / jsdiff |',
  '|---|---|---|---|---|---|---|',
];
for (const c of cases()) {
  const a = tokenize(c.a);
  const b = tokenize(c.b);
  const o = time(() => ours(a, b));
  const j = time(() => jsdiffArrays(a, b));
  const w = time(() => jsdiffWords(c.a, c.b));
  lines.push(
    `| ${c.name} | ${a.length} / ${b.length} | ${o.median.toFixed(3)} | ${j.median.toFixed(3)} | ${(j.median / o.median).toFixed(2)}× | ${w.median.toFixed(3)} | ${o.distance} / ${j.distance} |`,
  );
  rows.push(c.name);
}
const stamp = new Date()
  .toISOString()
  .replace(/\.\d+Z$/, 'Z')
  .replace(/:/g, '-');
const report = [
  `# Word diff: ours against jsdiff (${new Date().toISOString()})`,
  '',
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}.`,
  'Medians of at least 5 runs. Same tokens on both sides (our tokenizer). Rerun: `npm run bench:diff`.',
  '',
  ...lines,
  '',
].join('\n');
console.log(report);
fs.mkdirSync(RESULTS_DIR, { recursive: true });
fs.writeFileSync(path.join(RESULTS_DIR, `diff-words-${stamp}.md`), report);
