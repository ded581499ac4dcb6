/**
 * The four-column document as a landscape Word table: clause, text at A, text at B with
 * the changes marked (insertions underlined, deletions struck through, each followed by
 * the delegation's code in superscript — plain formatting, not tracked changes, so the
 * table reads the same in every word processor; recorded brackets as bold `[ … ]` with
 * the proposing delegations in superscript, in both text columns), positions and reservations at B, and
 * the secretariat's comment when there is one. Pure.
 */
import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { DOCX_STYLES, NOTE_RUN, PAGE, pageFooter, pageHeader } from './docx-common';
import {
  FOUR_COLUMN_NOTE,
  changeParagraphs,
  clauseHeading,
  columnHeadings,
  hasComments,
  positionLine,
  textAParagraphs,
  textParagraphsOf,
  type ChangeRun,
  type FourColumnExport,
} from './four-column-common';
import { DRAFT_MARKING } from './labels';

const LANDSCAPE_WIDTH = PAGE.height - 2 * PAGE.margin;
const SIZE = 18;

function widths(five: boolean): number[] {
  const shares = five ? [0.1, 0.22, 0.26, 0.24, 0.18] : [0.1, 0.27, 0.33, 0.3];
  return shares.map((s) => Math.round(s * LANDSCAPE_WIDTH));
}

function cell(paragraphs: Paragraph[], width: number, header = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'D9D9D9', color: 'auto' } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: paragraphs.length > 0 ? paragraphs : [new Paragraph({ children: [] })],
  });
}

const para = (children: TextRun[]) => new Paragraph({ spacing: { after: 60 }, children });
const plain = (text: string, extra: object = {}) => para([new TextRun({ text, size: SIZE, ...extra })]);

function runsCell(paragraphs: ChangeRun[][]): Paragraph[] {
  return paragraphs.map((runs) =>
    para(
      runs.flatMap((r) => [
        new TextRun({
          text: r.text,
          size: r.mark === 'note' ? 14 : SIZE,
          ...(r.mark === 'note' ? NOTE_RUN : r.mark === 'bracket' || r.bracketed ? { bold: true } : {}),
          ...(r.kind === 'insert' ? { underline: { type: 'single' }, color: '1F4E79' } : r.kind === 'delete' ? { strike: true, color: '9C2A2A' } : {}),
        }),
        ...(r.author ? [new TextRun({ text: r.author, size: 14, superScript: true, bold: true })] : []),
      ]),
    ),
  );
}

/** The four-column document as a DOCX file. */
export async function fourColumnToDocx(input: FourColumnExport): Promise<Buffer> {
  const five = hasComments(input);
  const w = widths(five);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columnHeadings(input).map((h, i) => cell([plain(h, { bold: true })], w[i], true)),
  });
  const rows = input.rows.map(
    (row) =>
      new TableRow({
        children: [
          cell([plain(clauseHeading(row), { bold: true })], w[0]),
          cell(runsCell(textAParagraphs(row)), w[1]),
          cell(runsCell(changeParagraphs(row.segments, row.bracketsB ?? [], 'B')), w[2]),
          cell(row.positions.length > 0 ? row.positions.map((p) => plain(positionLine(p))) : [plain('No position stated.', { italics: true })], w[3]),
          ...(five ? [cell(row.comment ? textParagraphsOf(row.comment).map((t) => plain(t)) : [], w[4])] : []),
        ],
      }),
  );
  const subtitle = `Four-column document: ${input.fromLabel} and ${input.toLabel}`;
  const doc = new Document({
    creator: 'Accord',
    title: `${input.title}: ${subtitle}`,
    styles: DOCX_STYLES,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 708, footer: 708 },
          },
        },
        headers: { default: pageHeader(input.title, DRAFT_MARKING) },
        footers: { default: pageFooter(subtitle) },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(input.title)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: subtitle, italics: true })] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: FOUR_COLUMN_NOTE, size: 16, color: '404040' })],
          }),
          new Table({ width: { size: LANDSCAPE_WIDTH, type: WidthType.DXA }, columnWidths: w, rows: [header, ...rows] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
