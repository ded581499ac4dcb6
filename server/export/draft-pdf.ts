/**
 * A draft (or a revision) as a printable PDF: the same content as the DOCX (numbered
 * clauses, status of clauses not yet agreed, brackets and ALT wordings in bold, the
 * positions annex), with wrapping, page breaks that keep a heading with its text, a
 * running header with the marking, "Page X of Y", bookmarks per clause and embedded
 * Unicode fonts. Pure JavaScript (pdfkit): no browser on the server.
 */
import PDFDocument from 'pdfkit';
import {
  ADOPTED_MARKING,
  BRACKETS_NOTE,
  DRAFT_MARKING,
  STALE_MARK,
  WITHDRAWN_MARK,
  alternativeLead,
  alternativeSupport,
  delegationLabel,
  positionLegend,
  positionLetter,
  positionWords,
  statusMark,
} from './labels';
import { markTextWithNotes, type NotedRun } from './marked-text';
import { pdfFonts, type PdfFont } from './pdf-fonts';
import { numberedTitle, type ExportAdopted, type ExportAlternative, type ExportAnnexClause, type ExportDraft, type ExportNote } from './types';

const MARGIN = { top: 72, bottom: 68, left: 68, right: 68 };
const BODY_SIZE = 11;
const SMALL = 8.5;
const GREY = '#555555';

type Doc = PDFKit.PDFDocument;

function newDocument(title: string, subtitle: string): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'en',
    displayTitle: true,
    // A font file instead of pdfkit's default Helvetica, whose metrics it would read from disk.
    font: pdfFonts().serif as unknown as string,
    info: { Title: title, Subject: subtitle, Creator: 'Accord', Producer: 'Accord' },
  });
  for (const [name, data] of Object.entries(pdfFonts())) doc.registerFont(name, data);
  doc.font('serif').fontSize(BODY_SIZE);
  return doc;
}

export function use(doc: Doc, font: PdfFont, size: number): Doc {
  return doc.font(font).fontSize(size);
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Start a new page unless `height` still fits below the cursor. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Header and footer on every page, written once the page count is known. */
export function stampPages(doc: Doc, title: string, subtitle: string, marking: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const { left, right } = doc.page.margins;
    const width = doc.page.width - left - right;
    // Writing into the margins must not trigger pdfkit's automatic page break.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const headerY = 36;
    use(doc, 'sans', SMALL)
      .fillColor('#000000')
      .text(title, left, headerY, { width: width * 0.62, lineBreak: false, ellipsis: true });
    use(doc, 'sansBold', SMALL).text(marking, left, headerY, { width, align: 'right', lineBreak: false });
    doc
      .moveTo(left, headerY + 13)
      .lineTo(left + width, headerY + 13)
      .lineWidth(0.5)
      .strokeColor('#808080')
      .stroke();
    const footerY = doc.page.height - 44;
    use(doc, 'sans', SMALL).text(subtitle, left, footerY, { width: width * 0.7, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, left, footerY, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
}

function adoptedCover(doc: Doc, input: ExportDraft, adopted: ExportAdopted): void {
  const width = contentWidth(doc);
  const left = doc.page.margins.left;
  use(doc, 'sansBold', 9).text(ADOPTED_MARKING, left, doc.y, { width, align: 'center', characterSpacing: 1 });
  doc.moveDown(0.8);
  use(doc, 'serifBold', 17).text(input.title, { width, align: 'center' });
  doc.moveDown(0.3);
  use(doc, 'serifItalic', BODY_SIZE).text(`Adopted on ${adopted.date}`, { width, align: 'center' });
  doc.moveDown(1.2);
  use(doc, 'serifBold', BODY_SIZE).text('Participating delegations', { width, align: 'center' });
  doc.moveDown(0.3);
  for (const d of adopted.delegations) use(doc, 'serif', 10).text(d, { width, align: 'center' });
  doc.addPage();
}

function statementsAnnex(doc: Doc, adopted: ExportAdopted): void {
  doc.addPage();
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const title = 'Annex: interpretative statements and reservations';
  doc.outline.addItem(title);
  use(doc, 'serifBold', 15).text(title, left, doc.y, { width, align: 'center' });
  doc.moveDown(1);
  if (adopted.statements.length === 0) use(doc, 'serifItalic', BODY_SIZE).text('No delegation recorded a statement or reservation.', left, doc.y, { width });
  for (const st of adopted.statements) {
    const heading = `Clause ${st.clauseNumber}. ${st.clauseTitle} — ${delegationLabel(st)} (${st.kind})`;
    use(doc, 'serifBold', BODY_SIZE);
    ensureSpace(doc, doc.heightOfString(heading, { width }) + 2 * doc.currentLineHeight(true));
    doc.text(heading, left, doc.y, { width });
    use(doc, st.text ? 'serif' : 'serifItalic', BODY_SIZE).text(st.text ?? '(No text given.)', left, doc.y, { width });
    doc.moveDown(0.6);
  }
}

function titleBlock(doc: Doc, input: ExportDraft): void {
  if (input.adopted) {
    adoptedCover(doc, input, input.adopted);
    return;
  }
  const width = contentWidth(doc);
  const left = doc.page.margins.left;
  use(doc, 'sansBold', 9).text(DRAFT_MARKING, left, doc.y, { width, align: 'center', characterSpacing: 1 });
  doc.moveDown(0.8);
  use(doc, 'serifBold', 17).text(input.title, { width, align: 'center' });
  doc.moveDown(0.3);
  use(doc, 'serifItalic', BODY_SIZE).text(input.subtitle, { width, align: 'center' });
  if (input.note) use(doc, 'serif', 10).text(input.note, { width, align: 'center' });
  doc.moveDown(0.5);
  use(doc, 'sans', SMALL).fillColor(GREY).text(BRACKETS_NOTE, { width, align: 'center' }).fillColor('#000000');
  doc.moveDown(1.5);
}

function fontOf(run: NotedRun, plain: boolean): { font: PdfFont; size: number } {
  if (run.kind === 'note') return { font: 'sansBold', size: 6.5 };
  return { font: plain || run.kind === 'plain' ? 'serif' : 'serifBold', size: BODY_SIZE };
}

/**
 * One paragraph with bracketed wording in bold, ALT markers underlined and notes small
 * and raised (pdfkit sets each run of a line at the line's top, so a smaller run sits
 * higher); `plain` (the adopted text) marks nothing.
 */
function markedParagraph(doc: Doc, text: string, notes: ExportNote[] = [], plain = false, indent = 0): void {
  // A run's leading spaces go to the end of the run before it, so that a line never
  // starts with a space when it wraps between two runs.
  const runs = markTextWithNotes(text, plain ? [] : notes).map((r) => ({ ...r }));
  for (let i = 1; i < runs.length; i += 1) {
    const lead = /^\s+/.exec(runs[i].text)?.[0];
    if (lead && !lead.includes('\n')) {
      runs[i - 1].text += lead;
      runs[i].text = runs[i].text.slice(lead.length);
    }
  }
  const left = doc.page.margins.left + indent;
  const width = contentWidth(doc) - indent;
  doc.fillColor('#000000');
  runs
    .filter((r) => r.text.length > 0)
    .forEach((run, i, all) => {
      const { font, size } = fontOf(run, plain);
      use(doc, font, size);
      const options = { width, align: 'left' as const, continued: i < all.length - 1, underline: !plain && run.kind === 'alt', lineGap: 2 };
      if (i === 0) doc.text(run.text, left, doc.y, options);
      else doc.text(run.text, options);
    });
  doc.fillColor('#000000');
  doc.moveDown(0.5);
}

function alternative(doc: Doc, alt: ExportAlternative): void {
  const left = doc.page.margins.left + 18;
  const width = contentWidth(doc) - 18;
  use(doc, 'serifBold', BODY_SIZE);
  ensureSpace(doc, 3 * doc.currentLineHeight(true));
  doc.text(alternativeLead(alt), left, doc.y, { width, underline: true });
  for (const line of alt.body.split('\n').filter((l) => l.trim().length > 0)) markedParagraph(doc, line, [], false, 36);
  doc.moveUp(0.3);
  use(doc, 'serifItalic', 9.5)
    .fillColor(GREY)
    .text(alternativeSupport(alt), left + 18, doc.y, { width: width - 18 })
    .fillColor('#000000');
  doc.moveDown(0.5);
}

function clauses(doc: Doc, input: ExportDraft): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const plain = Boolean(input.adopted);
  for (const clause of input.clauses) {
    if (plain && clause.status === 'withdrawn') continue;
    const heading = numberedTitle(clause);
    const mark = plain ? null : statusMark(clause.status);
    // Keep the heading with the first lines of its text.
    use(doc, 'serifBold', 12);
    ensureSpace(doc, doc.heightOfString(heading, { width }) + 3 * doc.currentLineHeight(true) + 8);
    doc.moveDown(0.4);
    doc.outline.addItem(heading);
    doc.text(heading, left, doc.y, { width, continued: Boolean(mark) });
    if (mark) use(doc, 'serifItalic', 10).fillColor(GREY).text(`   (${mark})`, { width }).fillColor('#000000');
    doc.moveDown(0.3);
    if (clause.status === 'withdrawn') {
      use(doc, 'serifItalic', BODY_SIZE).fillColor(GREY).text(WITHDRAWN_MARK, left, doc.y, { width }).fillColor('#000000');
      doc.moveDown(0.5);
      continue;
    }
    if (clause.paragraphs.length === 0) {
      use(doc, 'serifItalic', BODY_SIZE).fillColor(GREY).text('(No text yet.)', left, doc.y, { width }).fillColor('#000000');
      doc.moveDown(0.5);
    }
    clause.paragraphs.forEach((paragraph, i) => markedParagraph(doc, paragraph, clause.notes?.[i], plain));
    if (!plain) for (const alt of clause.alternatives ?? []) alternative(doc, alt);
  }
}

const COLUMN_SHARES = [0.28, 0.3, 0.42];
const CELL_PAD = 4;

function annexTable(doc: Doc, clause: ExportAnnexClause): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const widths = COLUMN_SHARES.map((s) => s * width);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const size = 9;

  const drawRow = (cells: Array<{ runs: Array<{ text: string; font: PdfFont }> }>, fill: string | null): void => {
    const heights = cells.map((c, i) => {
      use(doc, 'sans', size);
      return doc.heightOfString(c.runs.map((r) => r.text).join(''), { width: widths[i] - 2 * CELL_PAD }) + 2 * CELL_PAD;
    });
    const height = Math.max(...heights);
    if (doc.y + height > bottomLimit(doc)) {
      doc.addPage();
      use(doc, 'serifItalic', 9)
        .fillColor(GREY)
        .text(`Clause ${numberedTitle(clause)} (continued)`, left, doc.y, { width })
        .fillColor('#000000');
      doc.moveDown(0.3);
      drawRow(headerCells, '#D9D9D9');
    }
    const y = doc.y;
    if (fill) doc.rect(left, y, width, height).fill(fill);
    doc.fillColor('#000000');
    cells.forEach((c, i) => {
      c.runs.forEach((run, j) => {
        use(doc, run.font, size);
        const options = { width: widths[i] - 2 * CELL_PAD, continued: j < c.runs.length - 1 };
        if (j === 0) doc.text(run.text, xs[i] + CELL_PAD, y + CELL_PAD, options);
        else doc.text(run.text, options);
      });
    });
    doc.lineWidth(0.5).strokeColor('#808080');
    doc.rect(left, y, width, height).stroke();
    for (let i = 1; i < xs.length; i += 1)
      doc
        .moveTo(xs[i], y)
        .lineTo(xs[i], y + height)
        .stroke();
    doc.x = left;
    doc.y = y + height;
  };

  const headerCells = ['Delegation', 'Position', 'Note'].map((text) => ({ runs: [{ text, font: 'sansBold' as PdfFont }] }));
  drawRow(headerCells, '#D9D9D9');
  for (const p of clause.positions) {
    drawRow(
      [
        { runs: [{ text: delegationLabel(p), font: 'sans' }] },
        {
          runs: [
            { text: `${positionLetter(p.position)}  `, font: 'sansBold' },
            { text: positionWords(p), font: 'sans' },
            ...(p.stale ? [{ text: ` ${STALE_MARK} given on earlier text`, font: 'sans' as PdfFont }] : []),
            ...(p.statedBy ? [{ text: ` (${p.statedBy} for ${p.delegation})`, font: 'sans' as PdfFont }] : []),
          ],
        },
        { runs: [{ text: p.note ?? ' ', font: 'sans' }] },
      ],
      null,
    );
  }
}

function annex(doc: Doc, annexClauses: ExportAnnexClause[]): void {
  doc.addPage();
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.outline.addItem('Annex: positions of delegations');
  use(doc, 'serifBold', 15).text('Annex: positions of delegations', left, doc.y, { width, align: 'center' });
  doc.moveDown(0.5);
  const legend = positionLegend()
    .map((l) => `${l.letter} ${l.label}`)
    .join(' · ');
  use(doc, 'sans', SMALL).text(`Key: ${legend}. ${STALE_MARK} the position was given on earlier text and has not been confirmed since.`, {
    width,
    align: 'center',
  });
  doc.moveDown(1);
  for (const clause of annexClauses) {
    const heading = `Clause ${numberedTitle(clause)}`;
    use(doc, 'serifBold', 11);
    // The heading, the consensus line and at least the table's header and first row.
    ensureSpace(doc, doc.heightOfString(heading, { width }) + 70);
    doc.moveDown(0.4);
    doc.text(heading, left, doc.y, { width });
    use(doc, 'serifItalic', 10).text(clause.consensus, { width });
    doc.moveDown(0.3);
    if (clause.positions.length === 0) use(doc, 'serifItalic', 10).text('No delegation takes part in this clause.', { width });
    else annexTable(doc, clause);
    doc.moveDown(0.6);
  }
}

/** The draft as a PDF file. */
export async function draftToPdf(input: ExportDraft): Promise<Buffer> {
  const doc = newDocument(input.title, input.subtitle);
  titleBlock(doc, input);
  clauses(doc, input);
  if (input.annex) annex(doc, input.annex);
  if (input.adopted) statementsAnnex(doc, input.adopted);
  stampPages(doc, input.title, input.subtitle, input.adopted ? ADOPTED_MARKING : DRAFT_MARKING);
  return toBuffer(doc);
}
