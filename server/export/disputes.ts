/**
 * The disputes of a clause as a printed copy shows them: recorded brackets drawn into the
 * paragraphs as `[ … ]` with the proposing delegations as superscript notes after the
 * closing bracket, and the open alternatives listed under the clause (`ALT 2`, `ALT 3`…)
 * with the words they would replace and their backers. Pure: the caller passes the
 * document (live, or a revision's stored state) and the rows open at that moment.
 */
import * as Y from 'yjs';
import { clauseParagraphsWithOffsets } from '@/lib/collab/clause-paragraphs';
import { resolveSpan } from '@/lib/collab/text-anchor';
import type { ExportAlternative, ExportNote } from './types';

/** How the secretariat is named where a delegation code would be. */
export const SECRETARIAT_MARK = 'Secr.';

export interface OpenBracketRow {
  clauseId: string;
  anchorStart: Uint8Array;
  anchorEnd: Uint8Array;
  delegationCode: string | null;
}

export interface OpenAlternativeRow {
  clauseId: string;
  number: number;
  scope: 'clause' | 'span';
  anchorStart: Uint8Array | null;
  anchorEnd: Uint8Array | null;
  /** The words it would replace, as they were when proposed. */
  quote: string;
  body: string;
  delegationCode: string | null;
  /** Delegations backing it, in code order. */
  backers: string[];
}

export interface DisputeRows {
  brackets: OpenBracketRow[];
  alternatives: OpenAlternativeRow[];
}

export interface DisputedClause {
  paragraphs: string[];
  /** Superscript notes per paragraph (same order). */
  notes: ExportNote[][];
  alternatives: ExportAlternative[];
}

export interface Span {
  from: number;
  to: number;
  codes: string[];
}

const rel = (bytes: Uint8Array) => Y.decodeRelativePosition(bytes);
const codeOf = (code: string | null) => code ?? SECRETARIAT_MARK;

/** Where each open recorded bracket is in the clause's plain text in `doc`; brackets on the same words merged, detached ones left out. */
export function bracketSpans(doc: Y.Doc, clauseId: string, rows: OpenBracketRow[]): Span[] {
  const byRange = new Map<string, Span>();
  for (const row of rows) {
    let at: { from: number; to: number } | null = null;
    try {
      at = resolveSpan(doc, clauseId, { start: rel(row.anchorStart), end: rel(row.anchorEnd) });
    } catch {
      at = null;
    }
    if (!at) continue; // detached: its words were deleted
    const key = `${at.from}:${at.to}`;
    const span = byRange.get(key) ?? { from: at.from, to: at.to, codes: [] };
    const code = codeOf(row.delegationCode);
    if (!span.codes.includes(code)) span.codes.push(code);
    byRange.set(key, span);
  }
  return [...byRange.values()].map((s) => ({ ...s, codes: [...s.codes].sort() }));
}

interface Insertion {
  /** Paragraph character index: an open goes before it, a close after it. */
  index: number;
  span: Span;
}

/**
 * Paragraphs with `[` and `]` inserted around the bracketed words and a note after each
 * `]`. A bracket across paragraphs opens in the first and closes in the last.
 */
export function bracketParagraphs(paragraphs: Array<{ text: string; offsets: number[] }>, spans: Span[]): { paragraphs: string[]; notes: ExportNote[][] } {
  const opens = paragraphs.map((): Insertion[] => []);
  const closes = paragraphs.map((): Insertion[] => []);
  for (const span of spans) {
    let first: { p: number; i: number } | null = null;
    let last: { p: number; i: number } | null = null;
    paragraphs.forEach((para, p) => {
      para.offsets.forEach((offset, i) => {
        if (offset >= span.from && offset < span.to) {
          if (!first) first = { p, i };
          last = { p, i };
        }
      });
    });
    if (!first || !last) continue;
    const f = first as { p: number; i: number };
    const l = last as { p: number; i: number };
    opens[f.p].push({ index: f.i, span });
    closes[l.p].push({ index: l.i, span });
  }
  const outText: string[] = [];
  const outNotes: ExportNote[][] = [];
  paragraphs.forEach((para, p) => {
    // Outer brackets open first and close last.
    const o = opens[p].sort((a, b) => a.index - b.index || b.span.to - a.span.to);
    const c = closes[p].sort((a, b) => a.index - b.index || b.span.from - a.span.from);
    let text = '';
    const notes: ExportNote[] = [];
    for (let i = 0; i < para.text.length; i += 1) {
      for (const ins of o) if (ins.index === i) text += '[';
      text += para.text[i];
      for (const ins of c) {
        if (ins.index !== i) continue;
        text += ']';
        notes.push({ at: text.length, text: ins.span.codes.join(', ') });
      }
    }
    outText.push(text);
    outNotes.push(notes);
  });
  return { paragraphs: outText, notes: outNotes };
}

/** The open alternatives of a clause as printed under it, by number. */
function alternativesOf(doc: Y.Doc, clauseId: string, rows: OpenAlternativeRow[]): ExportAlternative[] {
  return [...rows]
    .sort((a, b) => a.number - b.number)
    .map((row) => {
      let replaces: string | null = null;
      if (row.scope === 'span') {
        let now: { text: string } | null = null;
        if (row.anchorStart && row.anchorEnd) {
          try {
            now = resolveSpan(doc, clauseId, { start: rel(row.anchorStart), end: rel(row.anchorEnd) });
          } catch {
            now = null;
          }
        }
        replaces = now?.text ?? row.quote;
      }
      return { label: `ALT ${row.number}`, scope: row.scope, body: row.body, replaces, proposer: codeOf(row.delegationCode), backers: [...row.backers].sort() };
    });
}

/** One clause of a document with its disputes drawn in. */
export function disputedClause(doc: Y.Doc, clauseId: string, rows: DisputeRows): DisputedClause {
  const spans = bracketSpans(
    doc,
    clauseId,
    rows.brackets.filter((b) => b.clauseId === clauseId),
  );
  const drawn = bracketParagraphs(clauseParagraphsWithOffsets(doc, clauseId), spans);
  return {
    ...drawn,
    alternatives: alternativesOf(
      doc,
      clauseId,
      rows.alternatives.filter((a) => a.clauseId === clauseId),
    ),
  };
}

/** Every clause of a document with its disputes drawn in, by clause id. */
export function disputedClauses(doc: Y.Doc, clauseIds: readonly string[], rows: DisputeRows): Map<string, DisputedClause> {
  return new Map(clauseIds.map((id) => [id, disputedClause(doc, id, rows)]));
}
