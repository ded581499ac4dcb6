import { describe, expect, it } from 'vitest';
import { clauseBody } from '@/lib/drafts/import-plan';
import { isAppError } from '@/lib/errors/app-error';
import { bullet, commented, docxOf, footnoted, h, HeadingLevel, image, numbered, p, Paragraph, table, TextRun, tracked } from './docx-fixtures.test-support';
import { readDocxImport } from './read-docx-import';

const titles = (preview: { clauses: Array<{ title: string }> }) => preview.clauses.map((c) => c.title);
const texts = (preview: { clauses: Array<{ text: string }> }) => preview.clauses.map((c) => c.text);

describe('readDocxImport: clause detection', () => {
  it('splits at Word headings, strips "Article N" from their titles, and keeps the preamble as description', async () => {
    const preview = await readDocxImport(
      await docxOf([
        p('The coalition agrees as follows.'),
        h('Article 1 — Scope'),
        p('This framework applies to the parties.'),
        h('Article 2: Monitoring'),
        p('The parties shall monitor the ceasefire.'),
        p('They report monthly.'),
      ]),
    );
    expect(preview.description).toBe('The coalition agrees as follows.');
    expect(titles(preview)).toEqual(['Scope', 'Monitoring']);
    expect(texts(preview)).toEqual(['This framework applies to the parties.', 'The parties shall monitor the ceasefire.\nThey report monthly.']);
    expect(preview.dropped).toEqual([]);
  });

  it('splits at headings of the level used for clauses; a single top heading becomes the draft title', async () => {
    const preview = await readDocxImport(
      await docxOf([
        h('Framework for security guarantees', HeadingLevel.HEADING_1),
        p('Working text.'),
        h('Scope', HeadingLevel.HEADING_2),
        p('Applies to all.'),
        h('Definitions', HeadingLevel.HEADING_3),
        p('Terms.'),
        h('Monitoring', HeadingLevel.HEADING_2),
        p('Monitors.'),
      ]),
    );
    expect(preview.title).toBe('Framework for security guarantees');
    expect(preview.description).toBe('Working text.');
    expect(titles(preview)).toEqual(['Scope', 'Monitoring']);
    expect(texts(preview)[0]).toBe('Applies to all.\nDefinitions\nTerms.');
  });

  it('takes Word’s Title style as the draft title, never as a clause', async () => {
    const preview = await readDocxImport(
      await docxOf([new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Joint declaration')] }), p('Article 1'), p('The parties agree.')]),
    );
    expect(preview.title).toBe('Joint declaration');
    expect(preview.description).toBe('');
    expect(titles(preview)).toEqual(['The parties agree']);
  });

  it('splits at paragraphs starting "Article N"; a bare "Article N" takes its title from the first words', async () => {
    const preview = await readDocxImport(
      await docxOf([
        p('Preamble.'),
        p('Article 1 — Scope'),
        p('This framework applies to the parties of the coalition and to their armed forces.'),
        p('Article 2'),
        p('The parties shall monitor the ceasefire.'),
        p('Article 3 of the Convention remains in force.'),
      ]),
    );
    expect(preview.description).toBe('Preamble.');
    expect(titles(preview)).toEqual(['Scope', 'The parties shall monitor the ceasefire']);
    // "Article 3 of the Convention..." cites an article: it stays in the body.
    expect(texts(preview)[1]).toBe('The parties shall monitor the ceasefire.\nArticle 3 of the Convention remains in force.');
  });

  it('splits at "Art. N" paragraphs, with the body on the same line', async () => {
    const preview = await readDocxImport(
      await docxOf([p('Art. 1. The parties shall ensure monitoring of the line of contact by air.'), p('Art. 2 - Financing'), p('Costs lie where they fall.')]),
    );
    expect(titles(preview)).toEqual(['The parties shall ensure monitoring of the line…', 'Financing']);
    expect(texts(preview)).toEqual(['The parties shall ensure monitoring of the line of contact by air.', 'Costs lie where they fall.']);
  });

  it('splits at "N." paragraphs in sequence, with a bold lead-in as title; a restart stays in the body', async () => {
    const preview = await readDocxImport(
      await docxOf([
        p('Introduction.'),
        new Paragraph({ children: [new TextRun('1. '), new TextRun({ text: 'Scope.', bold: true }), new TextRun(' This framework applies.')] }),
        p('1. A first point inside clause 1.'),
        p('2. The parties shall monitor the ceasefire.'),
      ]),
    );
    expect(preview.description).toBe('Introduction.');
    expect(titles(preview)).toEqual(['Scope', 'The parties shall monitor the ceasefire']);
    expect(texts(preview)[0]).toBe('This framework applies.\n1. A first point inside clause 1.');
  });

  it('splits at "(N)" paragraphs', async () => {
    const preview = await readDocxImport(await docxOf([p('(1) Monitoring'), p('Text one.'), p('(2) Financing'), p('Text two.')]));
    expect(titles(preview)).toEqual(['Monitoring', 'Financing']);
    expect(texts(preview)).toEqual(['Text one.', 'Text two.']);
  });

  it('splits at the items of an auto-numbered top-level list, keeping sub-items in the body', async () => {
    const preview = await readDocxImport(
      await docxOf([
        p('The parties agree:'),
        numbered('Monitoring'),
        numbered('by air', 1),
        numbered('by sea', 1),
        numbered('The parties shall finance the force jointly.'),
      ]),
    );
    expect(preview.description).toBe('The parties agree:');
    expect(titles(preview)).toEqual(['Monitoring', 'The parties shall finance the force jointly']);
    expect(texts(preview)).toEqual(['1. by air\n2. by sea', 'The parties shall finance the force jointly.']);
  });

  it('takes a single opening heading as the title and still finds the clauses below it', async () => {
    const preview = await readDocxImport(await docxOf([h('Joint declaration'), p('The parties agree:'), numbered('Monitoring'), numbered('Financing')]));
    expect(preview.title).toBe('Joint declaration');
    expect(preview.description).toBe('The parties agree:');
    expect(titles(preview)).toEqual(['Monitoring', 'Financing']);
  });

  it('makes one clause of a text with no structure', async () => {
    const preview = await readDocxImport(await docxOf([p('The parties agree to meet.'), p('They meet monthly.')]));
    expect(preview.description).toBe('');
    expect(titles(preview)).toEqual(['The parties agree to meet']);
  });
});

describe('readDocxImport: what is kept and what is dropped', () => {
  it('keeps paragraphs, bold, italic, underline and lists in the clause body', async () => {
    const preview = await readDocxImport(
      await docxOf([
        h('Article 1 — Scope'),
        new Paragraph({
          children: [
            new TextRun({ text: 'shall', bold: true }),
            new TextRun(' and '),
            new TextRun({ text: 'may', italics: true }),
            new TextRun(' and '),
            new TextRun({ text: 'must', underline: {} }),
          ],
        }),
        bullet('first point'),
        bullet('second point'),
      ]),
    );
    expect(clauseBody(preview.clauses[0])).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'shall', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'may', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'must', marks: [{ type: 'underline' }] },
        ],
      },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first point' }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'second point' }] }] },
        ],
      },
    ]);
    expect(preview.clauses[0].text).toBe('shall and may and must\n• first point\n• second point');
  });

  it('lists tables, images, comments, tracked changes and footnotes as dropped, and takes changes as accepted', async () => {
    const preview = await readDocxImport(
      await docxOf(
        [h('Article 1 — Monitoring'), tracked(), table(['Cost', '10']), image(), commented('Subject to review.', 'Later.'), footnoted('See the declaration.')],
        { comments: true, footnotes: true },
      ),
    );
    expect(preview.dropped).toEqual([
      { kind: 'table', count: 1 },
      { kind: 'image', count: 1 },
      { kind: 'comment', count: 1 },
      { kind: 'trackedChange', count: 2 },
      { kind: 'footnote', count: 1 },
    ]);
    // The deletion is gone and the insertion kept; the table's cells, the comment's text
    // and the footnote's text are not in the body.
    expect(preview.clauses[0].text).toBe('The parties shall ensure monitoring.\nSubject to review. Later.\nSee the declaration.');
  });

  it('refuses a document with no text, saying what it held instead', async () => {
    const err = await readDocxImport(await docxOf([p(''), image()])).catch((e: unknown) => e);
    expect(isAppError(err)).toBe(true);
    if (!isAppError(err)) return;
    expect(err.code).toBe('bad_request');
    expect(err.issues?.[0]?.message).toBe('no_text');
    expect(err.message).toMatch(/no text to import/);
    expect(err.message).toMatch(/1 image/);
  });

  it('refuses a document that is entirely empty', async () => {
    const err = await readDocxImport(await docxOf([])).catch((e: unknown) => e);
    expect(isAppError(err) && err.issues?.[0]?.message).toBe('no_text');
  });
});
