/**
 * A draft (or a revision) as a Word document, the way negotiating texts are circulated
 * to capitals: numbered clauses with their titles, the status of clauses not yet agreed,
 * brackets and ALT wordings verbatim and shaded, and optionally an annex table of the
 * delegations' positions per clause. Pure: no database, no clock.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { BRACKETS_NOTE, DRAFT_MARKING, STALE_MARK, delegationLabel, positionLegend, positionLetter, positionWords, statusMark } from './labels';
import { DOCX_STYLES, PAGE_PROPERTIES, TEXT_WIDTH, markedRuns, pageFooter, pageHeader } from './docx-common';
import type { ExportAnnexClause, ExportClause, ExportDraft } from './types';

function titleBlock(input: ExportDraft): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: DRAFT_MARKING, bold: true, size: 20, characterSpacing: 40 })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(input.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: input.subtitle, italics: true })] }),
    ...(input.note ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: input.note, size: 20 })] })] : []),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [new TextRun({ text: BRACKETS_NOTE, size: 18, color: '404040' })],
    }),
  ];
}

function clauseBlock(clause: ExportClause): Paragraph[] {
  const mark = statusMark(clause.status);
  const heading = new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [
      new TextRun(`${clause.number}. ${clause.title}`),
      ...(mark ? [new TextRun({ text: `   (${mark})`, bold: false, italics: true, size: 20 })] : []),
    ],
  });
  const withdrawn = clause.status === 'withdrawn';
  const body =
    clause.paragraphs.length === 0
      ? [new Paragraph({ children: [new TextRun({ text: '(No text yet.)', italics: true, color: '606060' })] })]
      : clause.paragraphs.map(
          (text) =>
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              children: markedRuns(text, withdrawn ? { color: '606060', italics: true } : {}),
            }),
        );
  return [heading, ...body];
}

const HEADER_FILL = { type: ShadingType.CLEAR, fill: 'D9D9D9', color: 'auto' } as const;
const COLUMNS = [Math.round(TEXT_WIDTH * 0.28), Math.round(TEXT_WIDTH * 0.3), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.28) - Math.round(TEXT_WIDTH * 0.3)];

function cell(children: TextRun[], width: number, header = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(header ? { shading: HEADER_FILL } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [new Paragraph({ spacing: { after: 0 }, children })],
  });
}

function annexTable(clause: ExportAnnexClause): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ['Delegation', 'Position', 'Note'].map((h, i) => cell([new TextRun({ text: h, bold: true, size: 20 })], COLUMNS[i], true)),
  });
  const rows = clause.positions.map(
    (p) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([new TextRun({ text: delegationLabel(p), size: 20 })], COLUMNS[0]),
          cell(
            [
              new TextRun({ text: `${positionLetter(p.position)}  `, bold: true, size: 20 }),
              new TextRun({ text: positionWords(p), size: 20 }),
              ...(p.stale ? [new TextRun({ text: ` ${STALE_MARK} given on earlier text`, italics: true, size: 18 })] : []),
            ],
            COLUMNS[1],
          ),
          cell([new TextRun({ text: p.note ?? '', size: 20 })], COLUMNS[2]),
        ],
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    rows: [header, ...rows],
  });
}

function annexBlock(annex: ExportAnnexClause[]): Array<Paragraph | Table> {
  const legend = positionLegend()
    .map((l) => `${l.letter} ${l.label}`)
    .join(' · ');
  const out: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Annex: positions of delegations')] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [
        new TextRun({ text: `Key: ${legend}. `, size: 18 }),
        new TextRun({ text: `${STALE_MARK} the position was given on earlier text and has not been confirmed since.`, size: 18 }),
      ],
    }),
  ];
  for (const clause of annex) {
    out.push(
      new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(`Clause ${clause.number}. ${clause.title}`)] }),
      new Paragraph({ keepNext: true, children: [new TextRun({ text: clause.consensus, italics: true, size: 20 })] }),
    );
    if (clause.positions.length === 0) {
      out.push(new Paragraph({ children: [new TextRun({ text: 'No delegation takes part in this clause.', italics: true, size: 20 })] }));
    } else {
      out.push(annexTable(clause));
    }
  }
  return out;
}

/** The draft as a DOCX file. */
export async function draftToDocx(input: ExportDraft): Promise<Buffer> {
  const header = pageHeader(input.title);
  const footer = pageFooter(input.subtitle);
  const sections: ISectionOptions[] = [
    {
      properties: PAGE_PROPERTIES,
      headers: { default: header },
      footers: { default: footer },
      children: [...titleBlock(input), ...input.clauses.flatMap(clauseBlock)],
    },
  ];
  if (input.annex) {
    sections.push({
      properties: PAGE_PROPERTIES,
      headers: { default: pageHeader(input.title) },
      footers: { default: pageFooter(input.subtitle) },
      children: annexBlock(input.annex),
    });
  }
  const doc = new Document({
    creator: 'Accord',
    title: input.title,
    description: input.subtitle,
    styles: DOCX_STYLES,
    sections,
  });
  return Packer.toBuffer(doc);
}
