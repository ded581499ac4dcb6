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
import { ALT_RUN, DOCX_STYLES, PAGE_PROPERTIES, TEXT_WIDTH, markedRuns, pageFooter, pageHeader } from './docx-common';
import { numberedTitle, type ExportAdopted, type ExportAlternative, type ExportAnnexClause, type ExportClause, type ExportDraft } from './types';

/** The cover of the adopted text: title, date, participating delegations. */
function adoptedCover(input: ExportDraft, adopted: ExportAdopted): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: ADOPTED_MARKING, bold: true, size: 20, characterSpacing: 40 })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(input.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `Adopted on ${adopted.date}`, italics: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: [new TextRun({ text: 'Participating delegations', bold: true })] }),
    ...adopted.delegations.map(
      (d) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: [new TextRun({ text: d, size: 22 })] }),
    ),
    new Paragraph({ pageBreakBefore: true, children: [] }),
  ];
}

/** The annex of the adopted text: interpretative statements and reservations, attributed. */
function statementsAnnex(adopted: ExportAdopted): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun('Annex: interpretative statements and reservations')] }),
  ];
  if (adopted.statements.length === 0) {
    out.push(new Paragraph({ children: [new TextRun({ text: 'No delegation recorded a statement or reservation.', italics: true })] }));
  }
  for (const st of adopted.statements) {
    out.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 200, after: 40 },
        children: [
          new TextRun({ text: `Clause ${st.clauseNumber}. ${st.clauseTitle} — ${delegationLabel(st)}`, bold: true }),
          new TextRun({ text: ` (${st.kind})`, italics: true }),
        ],
      }),
      new Paragraph({ children: [new TextRun({ text: st.text ?? '(No text given.)', ...(st.text ? {} : { italics: true }) })] }),
    );
  }
  return out;
}

/** Open alternatives under a clause: "ALT 2, replacing “…”:", the wording, its proposer and backers. */
function alternativeBlock(alt: ExportAlternative): Paragraph[] {
  const lines = alt.body.split('\n').filter((l) => l.trim().length > 0);
  return [
    new Paragraph({
      keepNext: true,
      indent: { left: 360 },
      spacing: { before: 80, after: 40 },
      children: [new TextRun({ ...ALT_RUN, text: alternativeLead(alt) })],
    }),
    ...lines.map((line) => new Paragraph({ indent: { left: 720 }, spacing: { after: 40 }, children: markedRuns(line) })),
    new Paragraph({ indent: { left: 720 }, children: [new TextRun({ text: alternativeSupport(alt), italics: true, size: 20, color: '404040' })] }),
  ];
}

function titleBlock(input: ExportDraft): Paragraph[] {
  if (input.adopted) return adoptedCover(input, input.adopted);
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

function clauseBlock(clause: ExportClause, plain: boolean): Paragraph[] {
  const mark = plain ? null : statusMark(clause.status);
  const heading = new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [new TextRun(numberedTitle(clause)), ...(mark ? [new TextRun({ text: `   (${mark})`, bold: false, italics: true, size: 20 })] : [])],
  });
  if (clause.status === 'withdrawn') return [heading, new Paragraph({ children: [new TextRun({ text: WITHDRAWN_MARK, italics: true, color: '606060' })] })];
  const body =
    clause.paragraphs.length === 0
      ? [new Paragraph({ children: [new TextRun({ text: '(No text yet.)', italics: true, color: '606060' })] })]
      : clause.paragraphs.map(
          (text, i) =>
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              children: markedRuns(text, {}, plain ? [] : (clause.notes?.[i] ?? []), plain),
            }),
        );
  const alternatives = plain ? [] : (clause.alternatives ?? []).flatMap(alternativeBlock);
  return [heading, ...body, ...alternatives];
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
              ...(p.statedBy ? [new TextRun({ text: ` (${p.statedBy} for ${p.delegation})`, italics: true, size: 18 })] : []),
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
      new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(`Clause ${numberedTitle(clause)}`)] }),
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
  const marking = input.adopted ? ADOPTED_MARKING : DRAFT_MARKING;
  const header = pageHeader(input.title, marking);
  const footer = pageFooter(input.subtitle);
  const sections: ISectionOptions[] = [
    {
      properties: PAGE_PROPERTIES,
      headers: { default: header },
      footers: { default: footer },
      children: [
        ...titleBlock(input),
        ...input.clauses.filter((c) => !input.adopted || c.status !== 'withdrawn').flatMap((c) => clauseBlock(c, Boolean(input.adopted))),
        ...(input.adopted ? statementsAnnex(input.adopted) : []),
      ],
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
