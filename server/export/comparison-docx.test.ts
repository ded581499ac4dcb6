import { describe, expect, it } from 'vitest';
import type { ClauseDiff } from '@/lib/history/types';
import { docxPart, docxRevisions, docxText } from '@/test/support/read-export';
import { changeAuthor, comparisonToDocx } from './comparison-docx';

const eq = (text: string) => ({ kind: 'equal' as const, text, delegation: null, userName: null });

const clauses: ClauseDiff[] = [
  { clauseId: 'c1', number: 1, title: 'Purpose', changed: false, segments: [eq('The participants establish a framework.')] },
  {
    clauseId: 'c2',
    number: 2,
    title: 'Entry into force',
    changed: true,
    segments: [
      eq('The guarantees take effect on the day a ceasefire enters into force [and is verified for '),
      { kind: 'delete', text: '[30]', delegation: 'DE', userName: 'Anna Schmidt' },
      { kind: 'insert', text: '[45]', delegation: 'FR', userName: 'Marie Dupont' },
      eq(' [60] consecutive days].\nA second paragraph'),
      { kind: 'insert', text: ' added by the secretariat', delegation: null, userName: 'Chair' },
      eq('.'),
    ],
  },
  { clauseId: 'c3', number: 3, title: 'Ceasefire monitoring', changed: false, segments: [eq('ALT 1: led by X. ALT 2: led by Y.')] },
  {
    clauseId: 'c4',
    number: 4,
    title: 'Review',
    changed: true,
    segments: [
      eq('Review every '),
      { kind: 'delete', text: 'year', delegation: 'PL', userName: null },
      { kind: 'insert', text: '[six months] [year]', delegation: 'UA', userName: 'Olena' },
      eq('.'),
    ],
  },
];

describe('comparisonToDocx', { timeout: 30_000 }, () => {
  it('writes insertions and deletions as Word tracked changes with the delegation as author', async () => {
    const buffer = await comparisonToDocx({ title: 'Framework', fromLabel: 'Rev.1', toLabel: 'Rev.2', clauses, date: '2026-11-29T14:05:00.000Z' });
    // Adjacent runs of one change (split where bracket shading starts or ends) read as one.
    const revisions: Array<{ kind: string; author: string; text: string }> = [];
    for (const r of await docxRevisions(buffer)) {
      const last = revisions[revisions.length - 1];
      if (last && last.kind === r.kind && last.author === r.author) last.text += r.text;
      else revisions.push({ ...r });
    }
    expect(revisions).toEqual([
      { kind: 'del', author: 'DE', text: '[30]' },
      { kind: 'ins', author: 'FR', text: '[45]' },
      { kind: 'ins', author: 'Chair', text: ' added by the secretariat' },
      { kind: 'del', author: 'PL', text: 'year' },
      { kind: 'ins', author: 'UA', text: '[six months] [year]' },
    ]);
    const xml = (await docxPart(buffer, 'word/document.xml'))!;
    expect(xml).toContain('w:date="2026-11-29T14:05:00.000Z"');
    // Every revision has its own id, as Word requires.
    const ids = [...xml.matchAll(/<w:(?:ins|del) [^>]*w:id="(\d+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(7);
    expect(new Set(ids).size).toBe(ids.length);
    // Further edits by the reader are tracked too.
    expect(await docxPart(buffer, 'word/settings.xml')).toContain('<w:trackRevisions/>');
  });

  it('reduces unchanged clauses to one line, keeps changed text and paragraphs, and summarises what changed', async () => {
    const buffer = await comparisonToDocx({ title: 'Framework', fromLabel: 'Rev.1 — 12 November 2026', toLabel: 'Rev.2 — 29 November 2026', clauses });
    const text = await docxText(buffer);
    expect(text).toContain('Changes from Rev.1 — 12 November 2026 to Rev.2 — 29 November 2026');
    expect(text).toContain('Changed: clauses 2 and 4 (2 of 4).');
    expect(text).toContain('1. Purpose — unchanged');
    expect(text).toContain('3. Ceasefire monitoring — unchanged');
    expect(text).not.toContain('The participants establish a framework.');
    expect(text).not.toContain('ALT 1: led by X.');
    expect(text).toContain('2. Entry into force');
    // Word's "final" view: insertions kept, deletions gone, brackets verbatim.
    expect(text).toContain('[and is verified for [45] [60] consecutive days].');
    expect(text).toContain('A second paragraph added by the secretariat.');
    expect(text).toContain('Review every [six months] [year].');
    const xml = (await docxPart(buffer, 'word/document.xml'))!;
    // The inserted bracketed wording is shaded like any other bracket.
    expect(xml).toMatch(/<w:ins [^>]*w:author="UA"[^>]*><w:r><w:rPr><w:b\/>[\s\S]*?<w:shd /);
  });

  it('says so when nothing changed', async () => {
    const text = await docxText(await comparisonToDocx({ title: 'F', fromLabel: 'Rev.1', toLabel: 'Rev.1', clauses: [clauses[0]] }));
    expect(text).toContain('No clause changed (1 compared).');
  });

  it('attributes a change to the delegation, else the person', () => {
    expect(changeAuthor({ delegation: 'FR', userName: 'Marie' })).toBe('FR');
    expect(changeAuthor({ delegation: null, userName: 'Chair' })).toBe('Chair');
    expect(changeAuthor({ delegation: null, userName: null })).toBe('Unattributed');
  });
});
