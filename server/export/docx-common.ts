/**
 * The page set-up shared by every DOCX that Accord circulates: A4, Times New Roman,
 * a header with the title and the "draft" marking, a footer with the subtitle and
 * "Page X of Y", and heading styles that Word's navigation pane lists.
 */
import { AlignmentType, Footer, Header, PageNumber, Paragraph, ShadingType, TabStopType, TextRun, type IRunOptions, type IStylesOptions } from 'docx';
import { DRAFT_MARKING } from './labels';
import { markTextWithNotes } from './marked-text';
import type { ExportNote } from './types';

/** A4 in twentieths of a point, with 2.5 cm margins. */
export const PAGE = { width: 11906, height: 16838, margin: 1418 } as const;
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

export const FONT = 'Times New Roman';

export const DOCX_STYLES: IStylesOptions = {
  default: {
    document: { run: { font: FONT, size: 24 }, paragraph: { spacing: { after: 120, line: 276 } } },
    heading1: {
      run: { font: FONT, size: 32, bold: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 } },
    },
    heading2: { run: { font: FONT, size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 280, after: 100 }, keepNext: true } },
    heading3: { run: { font: FONT, size: 22, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
  },
};

export const PAGE_PROPERTIES = {
  page: {
    size: { width: PAGE.width, height: PAGE.height },
    margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 708, footer: 708 },
  },
};

/** Header: the title on the left, the marking on the right. */
export function pageHeader(title: string, marking: string = DRAFT_MARKING): Header {
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: { style: 'single', size: 4, color: '808080', space: 4 } },
        children: [new TextRun({ text: title, size: 18 }), new TextRun({ children: ['\t', marking], size: 18, bold: true })],
      }),
    ],
  });
}

/** Footer: the subtitle on the left, "Page X of Y" on the right. */
export function pageFooter(subtitle: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [
          new TextRun({ text: subtitle, size: 18 }),
          new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 }),
        ],
      }),
    ],
  });
}

/** Run options that make disputed wording stand out in print and on screen. */
export const BRACKET_RUN: Partial<IRunOptions> = { bold: true, shading: { type: ShadingType.CLEAR, fill: 'E3E3E3', color: 'auto' } };
export const ALT_RUN: Partial<IRunOptions> = { bold: true, underline: { type: 'single' }, shading: { type: ShadingType.CLEAR, fill: 'E3E3E3', color: 'auto' } };

/** The superscript code of the delegation(s) that recorded a bracket. */
export const NOTE_RUN: Partial<IRunOptions> = { superScript: true, bold: true, color: '404040' };

/**
 * A paragraph's text as runs, brackets shaded in bold, ALT markers underlined and notes
 * in superscript; `plain` (the adopted text) marks nothing.
 */
export function markedRuns(text: string, base: Partial<IRunOptions> = {}, notes: ExportNote[] = [], plain = false): TextRun[] {
  const runs: TextRun[] = [];
  for (const run of markTextWithNotes(text, notes)) {
    const style = plain ? {} : run.kind === 'bracket' ? BRACKET_RUN : run.kind === 'alt' ? ALT_RUN : run.kind === 'note' ? NOTE_RUN : {};
    // A newline inside a paragraph (a hard break in the editor) becomes a line break.
    run.text.split('\n').forEach((line, i) => {
      runs.push(new TextRun({ ...base, ...style, text: line, ...(i > 0 ? { break: 1 } : {}) }));
    });
  }
  return runs;
}
