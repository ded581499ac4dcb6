import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error';
import { applyPlan } from './apply-plan';
import { clauseBody, importPlanSchema, type ImportPreview } from './import-plan';
import { mergeIntoPrevious, PlanOperationError, retitleClause, splitClause, splitPoints } from './plan-operations';
import { readTextImport } from './read-text-import';

function preview(): ImportPreview {
  return readTextImport({
    format: 'text',
    content: [
      'Preamble.',
      'Article 1 — Scope',
      'The framework applies.',
      'Monitoring',
      'The parties shall monitor the ceasefire.',
      'Article 2',
      'The parties shall finance the force.',
      'Article 3. Costs are shared.',
    ].join('\n'),
  });
}

/** The plan a browser would send: the preview's clauses as JSON. */
const asSent = (clauses: ImportPreview['clauses']) => importPlanSchema.parse(JSON.parse(JSON.stringify(clauses)));

describe('plan operations', () => {
  it('starts from the detected clauses', () => {
    expect(preview().clauses.map((c) => [c.title, c.text])).toEqual([
      ['Scope', 'The framework applies.\nMonitoring\nThe parties shall monitor the ceasefire.'],
      ['The parties shall finance the force', 'The parties shall finance the force.'],
      ['Costs are shared', 'Costs are shared.'],
    ]);
  });

  it('offers every paragraph but the first as a split point', () => {
    expect(splitPoints(preview().clauses[0])).toEqual([
      { unitIndex: 1, text: 'The framework applies.' },
      { unitIndex: 2, text: 'Monitoring' },
      { unitIndex: 3, text: 'The parties shall monitor the ceasefire.' },
    ]);
  });

  it('splits at a paragraph, titling the new clause from it', () => {
    const split = splitClause(preview().clauses, 0, 2);
    expect(split.map((c) => [c.title, c.text])).toEqual([
      ['Scope', 'The framework applies.'],
      ['Monitoring', 'The parties shall monitor the ceasefire.'],
      ['The parties shall finance the force', 'The parties shall finance the force.'],
      ['Costs are shared', 'Costs are shared.'],
    ]);
  });

  it('merges into the previous clause, putting the merged opening back in the text', () => {
    const merged = mergeIntoPrevious(preview().clauses, 2);
    expect(merged.map((c) => [c.title, c.text])).toEqual([
      ['Scope', 'The framework applies.\nMonitoring\nThe parties shall monitor the ceasefire.'],
      ['The parties shall finance the force', 'The parties shall finance the force.\nArticle 3. Costs are shared.'],
    ]);
  });

  it('undoes a merge by splitting at the same paragraph', () => {
    const original = preview().clauses;
    const roundTrip = splitClause(mergeIntoPrevious(original, 1), 0, original[0].units.length);
    expect(roundTrip).toEqual(original);
  });

  it('retitles, keeps the title through merges, and brings back the detected title when blanked', () => {
    let clauses = retitleClause(preview().clauses, 1, '  Financing  ');
    expect(clauses[1]).toMatchObject({ title: 'Financing', derivedTitle: false });
    clauses = mergeIntoPrevious(clauses, 2);
    expect(clauses[1].title).toBe('Financing');
    clauses = retitleClause(clauses, 1, '');
    expect(clauses[1]).toMatchObject({ title: 'The parties shall finance the force', derivedTitle: true });
  });

  it('leaves its input alone', () => {
    const clauses = preview().clauses;
    const copy = JSON.parse(JSON.stringify(clauses));
    splitClause(clauses, 0, 1);
    mergeIntoPrevious(clauses, 1);
    retitleClause(clauses, 0, 'X');
    expect(clauses).toEqual(copy);
  });

  it('refuses impossible operations with a message', () => {
    const clauses = preview().clauses;
    expect(() => mergeIntoPrevious(clauses, 0)).toThrow(PlanOperationError);
    expect(() => splitClause(clauses, 0, 0)).toThrow(/split only before one of its paragraphs 2 to 4/);
    expect(() => splitClause(clauses, 2, 1)).toThrow(PlanOperationError);
    expect(() => retitleClause(clauses, 5, 'x')).toThrow(/no clause 6/);
  });
});

describe('applyPlan', () => {
  it('rebuilds the adjusted plan from the source, taking only titles and grouping from the request', () => {
    const adjusted = retitleClause(splitClause(preview().clauses, 0, 2), 1, 'Monitoring mission');
    const sent = asSent(adjusted);
    // A tampered request cannot change the text: the units' content is ignored.
    (sent[0].units[1] as { content?: unknown }).content = [{ type: 'text', text: 'Something else' }];
    const applied = applyPlan(preview(), sent);
    expect(applied.clauses.map((c) => c.title)).toEqual(['Scope', 'Monitoring mission', 'The parties shall finance the force', 'Costs are shared']);
    expect(applied.clauses.map(clauseBody)).toEqual(adjusted.map(clauseBody));
    expect(applied.description).toBe('Preamble.');
  });

  it('refuses a plan that leaves out, repeats or reorders paragraphs', () => {
    const sent = asSent(preview().clauses);
    const variants = [
      sent.slice(1),
      [sent[0], sent[0], ...sent.slice(1)],
      [sent[1], sent[0], sent[2]],
      [{ ...sent[0], units: sent[0].units.slice(1) }, ...sent.slice(1)],
    ];
    for (const plan of variants) {
      let caught: unknown;
      try {
        applyPlan(preview(), plan);
      } catch (err) {
        caught = err;
      }
      expect(isAppError(caught) && caught.code).toBe('bad_request');
      expect((caught as Error).message).toMatch(/does not match this file/);
    }
  });

  it('validates the request shape', () => {
    expect(importPlanSchema.safeParse([]).success).toBe(false);
    expect(importPlanSchema.safeParse([{ title: 'x', units: [] }]).success).toBe(false);
    expect(importPlanSchema.safeParse([{ title: 'x', units: [{ n: -1 }] }]).success).toBe(false);
  });
});
