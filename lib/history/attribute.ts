/**
 * Turning per-character attribution into what people read: runs of text by one
 * author (the authorship view) and clause diffs whose insertions carry their author
 * and whose deletions carry who deleted them (when known).
 */
import { diffWords, type DiffOp } from './diff-words';
import type { Author, AuthorRun, ClauseDiff, DiffSegment } from './types';

/**
 * Per-character attribution of a text: an Author, null when the author is unknown
 * (e.g. the initial text), or undefined for structural characters (the newline
 * between paragraphs), which join the run before them.
 */
export type CharAuthors = ReadonlyArray<Author | null | undefined>;

const NO_AUTHOR: Author = { userId: null, userName: null, delegation: null, at: null };

function sameAuthor(a: Author | null, b: Author | null): boolean {
  const x = a ?? NO_AUTHOR;
  const y = b ?? NO_AUTHOR;
  return x.userId === y.userId && x.delegation === y.delegation && x.at === y.at && x.userName === y.userName;
}

/** Split a stretch of text into pieces of one author each (structural characters join their neighbour). */
function splitByAuthor(text: string, authors: CharAuthors, start: number, end: number): Array<{ text: string; author: Author | null }> {
  const pieces: Array<{ text: string; author: Author | null; known: boolean }> = [];
  for (let i = start; i < end; i += 1) {
    const a = authors[i];
    const last = pieces[pieces.length - 1];
    if (a === undefined) {
      if (last) last.text += text[i];
      else pieces.push({ text: text[i], author: null, known: false });
      continue;
    }
    if (last && !last.known) {
      // Leading structural characters take the first real author.
      last.author = a;
      last.known = true;
      last.text += text[i];
      continue;
    }
    if (last && sameAuthor(last.author, a)) last.text += text[i];
    else pieces.push({ text: text[i], author: a, known: true });
  }
  return pieces.map(({ text: t, author }) => ({ text: t, author }));
}

/** Runs of text with one author each, covering the whole text in order. */
export function authorRuns(text: string, authors: CharAuthors): AuthorRun[] {
  if (authors.length !== text.length) throw new Error(`attribution covers ${authors.length} characters of a ${text.length}-character text`);
  return splitByAuthor(text, authors, 0, text.length).map(({ text: t, author }) => ({
    text: t,
    delegation: author?.delegation ?? null,
    userName: author?.userName ?? null,
    userId: author?.userId ?? null,
    at: author?.at ?? null,
  }));
}

/** Characters per author over some runs, most first (ties by delegation, then name). */
export function authorTotals(runs: Iterable<AuthorRun>): Array<{ delegation: string | null; userName: string | null; chars: number }> {
  const totals = new Map<string, { delegation: string | null; userName: string | null; chars: number }>();
  for (const run of runs) {
    const chars = run.text.replace(/\n/g, '').length;
    if (chars === 0) continue;
    const key = `${run.delegation ?? ''}|${run.userName ?? ''}`;
    const entry = totals.get(key);
    if (entry) entry.chars += chars;
    else totals.set(key, { delegation: run.delegation, userName: run.userName, chars });
  }
  const byName = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  return [...totals.values()].sort((a, b) => b.chars - a.chars || byName(a.delegation, b.delegation) || byName(a.userName, b.userName));
}

export interface DiffSide {
  text: string;
  /** For the old side: who deleted each character (by the later point); for the new side: who wrote it. */
  authors: CharAuthors;
}

/**
 * Compare a clause between two points, word by word. Insertions are attributed to the
 * authors of the inserted characters at the later point, deletions to who deleted them
 * (null when unknown). Adjacent segments of the same kind and author are merged.
 */
export function buildClauseDiff(
  meta: { clauseId: string; number: number | null; title: string },
  before: DiffSide,
  after: DiffSide,
  /** The word diff of the two texts, when the caller already has it. */
  ops: DiffOp[] = diffWords(before.text, after.text),
): ClauseDiff {
  if (before.authors.length !== before.text.length || after.authors.length !== after.text.length) {
    throw new Error('attribution must cover every character of both texts');
  }
  const segments: DiffSegment[] = [];
  const push = (kind: DiffSegment['kind'], text: string, author: Author | null) => {
    if (text === '') return;
    const delegation = kind === 'equal' ? null : (author?.delegation ?? null);
    const userName = kind === 'equal' ? null : (author?.userName ?? null);
    const last = segments[segments.length - 1];
    if (last && last.kind === kind && last.delegation === delegation && last.userName === userName) last.text += text;
    else segments.push({ kind, text, delegation, userName });
  };
  for (const op of ops) {
    if (op.kind === 'equal') push('equal', after.text.slice(op.newStart, op.newEnd), null);
    else if (op.kind === 'insert') for (const p of splitByAuthor(after.text, after.authors, op.newStart, op.newEnd)) push('insert', p.text, p.author);
    else for (const p of splitByAuthor(before.text, before.authors, op.oldStart, op.oldEnd)) push('delete', p.text, p.author);
  }
  return { ...meta, changed: segments.some((s) => s.kind !== 'equal'), segments };
}

/** Characters inserted and deleted in a clause diff (newlines not counted). */
export function diffSize(diff: ClauseDiff): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const s of diff.segments) {
    const n = s.text.replace(/\n/g, '').length;
    if (s.kind === 'insert') inserted += n;
    else if (s.kind === 'delete') deleted += n;
  }
  return { inserted, deleted };
}
