/**
 * The four-column document as a landscape PDF table (same columns and marking as the
 * DOCX: insertions underlined, deletions struck through, the delegation's code after
 * each change; recorded brackets in bold with the proposing delegations). A row taller than the space left starts a new page; the header row is
 * repeated on every page. Pure JavaScript (pdfkit).
 */
import PDFDocument from 'pdfkit';
import { stampPages, toBuffer, use } from './draft-pdf';
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
import { pdfFonts, type PdfFont } from './pdf-fonts';

type Doc = PDFKit.PDFDocument;
const SIZE = 8.5;
const PAD = 4;

interface Run {
  text: string;
  font: PdfFont;
  size?: number;
  underline?: boolean;
  strike?: boolean;
  color?: string;
}
type Cell = Run[][];

/** Runs of a text column: changes underlined or struck through with their author, recorded brackets in bold with their delegations. */
function pdfRuns(paragraphs: ChangeRun[][]): Cell {
  return paragraphs.map((runs) =>
    runs.flatMap((r): Run[] => {
      if (r.mark === 'note') return [{ text: r.text, font: 'sansBold', size: 5.5, color: '#404040' }];
      return [
        {
          text: r.text,
          font: r.mark === 'bracket' || r.bracketed ? 'serifBold' : 'serif',
          underline: r.kind === 'insert',
          strike: r.kind === 'delete',
          color: r.kind === 'insert' ? '#1F4E79' : r.kind === 'delete' ? '#9C2A2A' : '#000000',
        },
        ...(r.author ? [{ text: r.author, font: 'sansBold' as PdfFont, size: 5.5 }] : []),
      ];
    }),
  );
}

function rowCells(input: FourColumnExport, five: boolean): Cell[][] {
  return input.rows.map((row) => {
    const cells: Cell[] = [
      [[{ text: clauseHeading(row), font: 'sansBold' }]],
      pdfRuns(textAParagraphs(row)),
      pdfRuns(changeParagraphs(row.segments, row.bracketsB ?? [], 'B')),
      row.positions.length > 0
        ? row.positions.map((p) => [{ text: positionLine(p), font: 'sans' as PdfFont }])
        : [[{ text: 'No position stated.', font: 'serifItalic' }]],
    ];
    if (five) cells.push(row.comment ? textParagraphsOf(row.comment).map((t) => [{ text: t, font: 'serif' as PdfFont }]) : []);
    return cells;
  });
}

function cellHeight(doc: Doc, cell: Cell, width: number): number {
  let h = 0;
  for (const p of cell) {
    use(doc, p[0]?.font ?? 'serif', SIZE);
    h += doc.heightOfString(p.map((r) => r.text).join('') || ' ', { width }) + 3;
  }
  return h + 2 * PAD;
}

function drawCell(doc: Doc, cell: Cell, x: number, y: number, width: number): void {
  let cy = y + PAD;
  for (const p of cell) {
    p.forEach((r, j) => {
      use(doc, r.font, r.size ?? SIZE).fillColor(r.color ?? '#000000');
      const options = { width, continued: j < p.length - 1, underline: Boolean(r.underline), strike: Boolean(r.strike) };
      if (j === 0) doc.text(r.text, x, cy, options);
      else doc.text(r.text, options);
    });
    cy = doc.y + 3;
  }
  doc.fillColor('#000000');
}

/** The four-column document as a PDF file. */
export async function fourColumnToPdf(input: FourColumnExport): Promise<Buffer> {
  const subtitle = `Four-column document: ${input.fromLabel} and ${input.toLabel}`;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 64, bottom: 60, left: 48, right: 48 },
    bufferPages: true,
    lang: 'en',
    font: pdfFonts().serif as unknown as string,
    info: { Title: `${input.title}: ${subtitle}`, Creator: 'Accord', Producer: 'Accord' },
  });
  for (const [name, data] of Object.entries(pdfFonts())) doc.registerFont(name, data);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  use(doc, 'serifBold', 15).text(input.title, left, doc.y, { width, align: 'center' });
  use(doc, 'serifItalic', 10).text(subtitle, { width, align: 'center' });
  use(doc, 'sans', 7.5).fillColor('#555555').text(FOUR_COLUMN_NOTE, { width, align: 'center' }).fillColor('#000000');
  doc.moveDown(0.8);

  const five = hasComments(input);
  const shares = five ? [0.1, 0.22, 0.26, 0.24, 0.18] : [0.1, 0.27, 0.33, 0.3];
  const ws = shares.map((s) => s * width);
  const xs = ws.map((_, i) => left + ws.slice(0, i).reduce((a, b) => a + b, 0));
  const drawRow = (cells: Cell[], fill: string | null): void => {
    const height = Math.max(...cells.map((c, i) => cellHeight(doc, c, ws[i] - 2 * PAD)));
    const y = doc.y;
    if (fill) doc.rect(left, y, width, height).fill(fill);
    cells.forEach((c, i) => drawCell(doc, c, xs[i] + PAD, y, ws[i] - 2 * PAD));
    doc.lineWidth(0.5).strokeColor('#808080').rect(left, y, width, height).stroke();
    for (let i = 1; i < xs.length; i += 1)
      doc
        .moveTo(xs[i], y)
        .lineTo(xs[i], y + height)
        .stroke();
    doc.x = left;
    doc.y = y + height;
  };
  const headerCells: Cell[] = columnHeadings(input).map((h) => [[{ text: h, font: 'sansBold' }]]);
  drawRow(headerCells, '#D9D9D9');
  for (const cells of rowCells(input, five)) {
    const height = Math.max(...cells.map((c, i) => cellHeight(doc, c, ws[i] - 2 * PAD)));
    if (doc.y + height > bottom()) {
      doc.addPage();
      drawRow(headerCells, '#D9D9D9');
    }
    drawRow(cells, null);
  }
  stampPages(doc, input.title, subtitle, DRAFT_MARKING);
  return toBuffer(doc);
}
