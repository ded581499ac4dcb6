import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { docxOf, h, p } from './docx-fixtures.test-support';
import { parsePlanField, prepareImport, previewImport } from './prepare-import';

describe('prepareImport', () => {
  it('prepares numbered clauses from a DOCX as adjusted in the preview', async () => {
    const file = await docxOf([p('Preamble.'), h('Article 1 — Scope'), p('Applies.'), p('Monitoring'), p('Monitors.'), h('Article 2 — Review'), p('Reviews.')]);
    const preview = await previewImport({ kind: 'docx', file });
    const [first, second] = preview.clauses;
    // The browser split clause 1 before "Monitoring" and renamed clause 2, then sent the clauses back.
    const plan = JSON.stringify([
      { ...first, units: first.units.slice(0, 2) },
      { ...first, title: '', units: first.units.slice(2) },
      { ...second, title: 'Periodic review' },
    ]);
    const prepared = await prepareImport({ kind: 'docx', file }, parsePlanField(plan));
    expect(prepared.description).toBe('Preamble.');
    expect(prepared.clauses.map((c) => [c.number, c.title, c.text])).toEqual([
      [1, 'Scope', 'Applies.'],
      [2, 'Monitoring', 'Monitors.'],
      [3, 'Periodic review', 'Reviews.'],
    ]);
    expect(prepared.clauses[2].blocks).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'Reviews.' }] }]);
  });

  it('prepares pasted Markdown as detected when there is no plan', async () => {
    const prepared = await prepareImport({ kind: 'text', text: { format: 'markdown', content: '# Joint text\n\n## Scope\nApplies.\n\n## Review\nReviews.' } });
    expect(prepared.suggestedTitle).toBe('Joint text');
    expect(prepared.clauses.map((c) => c.title)).toEqual(['Scope', 'Review']);
  });

  it('refuses a plan field that is not JSON or not a plan, and treats a blank one as none', () => {
    for (const raw of ['{', '{"title":"x"}', '[{"title":"x","units":[]}]']) {
      let caught: unknown;
      try {
        parsePlanField(raw);
      } catch (err) {
        caught = err;
      }
      expect(isAppError(caught) && caught.code).toBe('bad_request');
      expect(isAppError(caught) && caught.issues?.[0]?.path.startsWith('plan')).toBe(true);
    }
    expect(parsePlanField('  ')).toBeUndefined();
    expect(parsePlanField(null)).toBeUndefined();
  });
});
