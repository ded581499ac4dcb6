import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import { clauseParagraphs } from '@/lib/collab/clause-paragraphs';
import { clauseBody } from '@/lib/drafts/import-plan';
import { bullet, docxOf, h, numbered, p, Paragraph, TextRun } from './docx-fixtures.test-support';
import { readDocxImport } from './read-docx-import';
import { importedDraftUpdate, writeClauseBody } from './write-clause-body';

describe('writeClauseBody', () => {
  it('stores an imported body as the clause editor does, formatting and lists included', async () => {
    const preview = await readDocxImport(
      await docxOf([
        h('Article 1 — Scope'),
        new Paragraph({
          children: [new TextRun({ text: 'shall', bold: true }), new TextRun(' apply'), new TextRun({ text: ' fully', underline: {}, italics: true })],
        }),
        bullet('first'),
        numbered('a numbered point'),
      ]),
    );
    const blocks = clauseBody(preview.clauses[0]);
    const doc = new Y.Doc();
    writeClauseBody(doc, 'c1', blocks);

    // The same JSON comes back out of Yjs through y-tiptap: nothing lost or renamed.
    const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(clauseField('c1'))) as { content: unknown[] };
    const withoutEmptyAttrs = JSON.parse(JSON.stringify(json.content, (k, v) => (k === 'attrs' && Object.keys(v).length === 0 ? undefined : v)));
    expect(withoutEmptyAttrs).toEqual(blocks);
    expect(clauseParagraphs(doc, 'c1')).toEqual(['shall apply fully', '• first', '1. a numbered point']);
    const text = (doc.getXmlFragment(clauseField('c1')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(text.toDelta()).toEqual([
      { insert: 'shall', attributes: { bold: {} } },
      { insert: ' apply' },
      { insert: ' fully', attributes: { italic: {}, underline: {} } },
    ]);
  });

  it('gives an empty body one empty paragraph', () => {
    const doc = new Y.Doc();
    writeClauseBody(doc, 'c2', []);
    expect((doc.getXmlFragment(clauseField('c2')).get(0) as Y.XmlElement).nodeName).toBe('paragraph');
  });

  it('builds a first update that carries every clause', async () => {
    const preview = await readDocxImport(await docxOf([p('Article 1 — Scope'), p('Applies.'), p('Article 2 — Review'), p('Reviewed.')]));
    const update = importedDraftUpdate(preview.clauses.map((c, i) => ({ id: `id${i}`, blocks: clauseBody(c) })));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    expect([clauseParagraphs(doc, 'id0'), clauseParagraphs(doc, 'id1')]).toEqual([['Applies.'], ['Reviewed.']]);
  });
});
