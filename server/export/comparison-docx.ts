/**
 * A comparison of two versions of a draft as a Word document with real tracked changes
 * (`w:ins` / `w:del`), each attributed to the delegation that made it, so that capitals
 * can review, accept or reject them in Word. Unchanged clauses are reduced to one line.
 * Pure: the diff comes from the history helper (lib/history/types.ts).
 */
import { AlignmentType, DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun, type IRunOptions } from 'docx';
import type { ClauseDiff, DiffSegment } from '@/lib/history/types';
import { ALT_RUN, BRACKET_RUN, DOCX_STYLES, PAGE_PROPERTIES, pageFooter, pageHeader } from './docx-common';
import { BRACKETS_NOTE, DRAFT_MARKING } from './labels';
import { markText, type MarkKind } from './marked-text';

export interface ComparisonExport {
  title: string;
  /** E.g. "Rev.1 — 12 November 2026". */
  fromLabel: string;
  /** E.g. "Rev.2 — 29 November 2026" or "Working text as of 29 November 2026, 14:05 UTC". */
  toLabel: string;
  clauses: ClauseDiff[];
  /** ISO time recorded on the tracked changes; the segments carry none. Defaults to now. */
  date?: string;
}

/** Who a tracked change is attributed to in Word: the delegation, else the person. */
export function changeAuthor(segment: Pick<DiffSegment, 'delegation' | 'userName'>): string {
  return segment.delegation ?? segment.userName ?? 'Unattributed';
}

const STYLE: Record<MarkKind, Partial<IRunOptions>> = { plain: {}, bracket: BRACKET_RUN, alt: ALT_RUN };

type Run = TextRun | InsertedTextRun | DeletedTextRun;

/**
 * The paragraphs of a changed clause. Brackets are marked on the resulting text (equal
 * and inserted wording); deleted wording is shown as deleted, unmarked. A newline in a
 * segment starts a new paragraph.
 */
function changedParagraphs(segments: DiffSegment[], date: string, nextId: () => number): Paragraph[] {
  const target = segments
    .filter((s) => s.kind !== 'delete')
    .map((s) => s.text)
    .join('');
  const kinds: MarkKind[] = [];
  for (const run of markText(target)) for (let i = 0; i < run.text.length; i += 1) kinds.push(run.kind);

  const paragraphs: Run[][] = [[]];
  const push = (run: Run) => paragraphs[paragraphs.length - 1].push(run);
  let offset = 0;
  for (const segment of segments) {
    if (segment.text.length === 0) continue;
    const author = changeAuthor(segment);
    // Split the segment at newlines (paragraph breaks) and, for kept text, where the marking changes.
    const pieces: Array<{ text: string; kind: MarkKind; newParagraph: boolean }> = [];
    let start = 0;
    const base = offset;
    for (let i = 1; i <= segment.text.length; i += 1) {
      const end = i === segment.text.length;
      const ch = segment.text[i - 1];
      const kindAt = (j: number): MarkKind => (segment.kind === 'delete' ? 'plain' : (kinds[base + j] ?? 'plain'));
      if (ch === '\n') {
        if (i - 1 > start) pieces.push({ text: segment.text.slice(start, i - 1), kind: kindAt(start), newParagraph: false });
        pieces.push({ text: '', kind: 'plain', newParagraph: true });
        start = i;
      } else if (end || kindAt(i) !== kindAt(start)) {
        pieces.push({ text: segment.text.slice(start, i), kind: kindAt(start), newParagraph: false });
        start = i;
      }
    }
    if (segment.kind !== 'delete') offset += segment.text.length;
    for (const piece of pieces) {
      if (piece.newParagraph) {
        paragraphs.push([]);
        continue;
      }
      const style = STYLE[piece.kind];
      if (segment.kind === 'equal') push(new TextRun({ ...style, text: piece.text }));
      else if (segment.kind === 'insert') push(new InsertedTextRun({ ...style, text: piece.text, id: nextId(), author, date }));
      else push(new DeletedTextRun({ text: piece.text, id: nextId(), author, date }));
    }
  }
  return paragraphs.filter((runs) => runs.length > 0).map((children) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, children }));
}

function summary(clauses: ClauseDiff[]): string {
  const changed = clauses.filter((c) => c.changed).map((c) => c.number);
  if (changed.length === 0) return `No clause changed (${clauses.length} compared).`;
  const list = changed.length === 1 ? `clause ${changed[0]}` : `clauses ${changed.slice(0, -1).join(', ')} and ${changed[changed.length - 1]}`;
  return `Changed: ${list} (${changed.length} of ${clauses.length}).`;
}

/** The comparison as a DOCX file with tracked changes. */
export async function comparisonToDocx(input: ComparisonExport): Promise<Buffer> {
  const date = input.date ?? new Date().toISOString();
  let id = 0;
  const nextId = () => (id += 1);
  const subtitle = `Changes from ${input.fromLabel} to ${input.toLabel}`;
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: DRAFT_MARKING, bold: true, size: 20, characterSpacing: 40 })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(input.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: subtitle, italics: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: summary(input.clauses), bold: true })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [
        new TextRun({
          text: `Insertions and deletions are tracked changes attributed to the delegation that made them (Review ▸ Accept / Reject in Word). Unchanged clauses are listed in one line. ${BRACKETS_NOTE}`,
          size: 18,
          color: '404040',
        }),
      ],
    }),
  ];
  for (const clause of input.clauses) {
    if (!clause.changed) {
      children.push(
        new Paragraph({
          spacing: { before: 120, after: 60 },
          children: [
            new TextRun({ text: `${clause.number}. ${clause.title}`, bold: true, color: '606060', size: 20 }),
            new TextRun({ text: ' — unchanged', italics: true, color: '606060', size: 20 }),
          ],
        }),
      );
      continue;
    }
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${clause.number}. ${clause.title}`)] }));
    const body = changedParagraphs(clause.segments, date, nextId);
    children.push(...(body.length > 0 ? body : [new Paragraph({ children: [new TextRun({ text: '(No text.)', italics: true, color: '606060' })] })]));
  }
  const doc = new Document({
    creator: 'Accord',
    title: `${input.title}: ${subtitle}`,
    styles: DOCX_STYLES,
    features: { trackRevisions: true },
    sections: [{ properties: PAGE_PROPERTIES, headers: { default: pageHeader(input.title) }, footers: { default: pageFooter(subtitle) }, children }],
  });
  return Packer.toBuffer(doc);
}
