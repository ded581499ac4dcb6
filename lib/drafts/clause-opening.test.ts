import { describe, expect, it } from 'vitest';
import { cleanTitle, deriveTitle, matchMarker, openClause, opensArticle } from './clause-opening';
import type { ImportUnit, InlineNode } from './import-content';

const para = (text: string): ImportUnit => ({ n: 0, type: 'paragraph', content: [{ type: 'text', text }] });
const runs = (...content: InlineNode[]): ImportUnit => ({ n: 0, type: 'paragraph', content });

describe('matchMarker', () => {
  it.each([
    ['Article 3 — Scope', 'Article 3', 'article', 'Scope'],
    ['ARTICLE IV: Financing', 'Article IV', 'article', 'Financing'],
    ['Art. 12bis - Review', 'Article 12bis', 'article', 'Review'],
    ['Art.7 Review', 'Article 7', 'article', 'Review'],
    ['3. The parties', '3.', 'dot', 'The parties'],
    ['(3) The parties', '(3)', 'paren', 'The parties'],
  ])('reads %j', (text, label, kind, rest) => {
    const marker = matchMarker(text);
    expect(marker).toMatchObject({ label, kind });
    expect(text.slice(marker!.length)).toBe(rest);
  });

  it.each(['Articles 3 and 4 apply.', 'Artillery 3', '1.5 million euros', '2024. A year', 'The parties (1) agree'])('finds no marker in %j', (text) => {
    expect(matchMarker(text)).toBeNull();
  });
});

describe('opensArticle', () => {
  it('tells an article heading from a citation', () => {
    expect(opensArticle(para('Article 3'))).toBe(true);
    expect(opensArticle(para('Article 3 — Scope'))).toBe(true);
    expect(opensArticle(para('Article 3 Scope of application'))).toBe(true);
    expect(opensArticle(para('Article 3 of the Convention applies.'))).toBe(false);
    expect(opensArticle(para('Article 5 applies to them'))).toBe(false);
  });
});

describe('openClause', () => {
  it('takes a heading line whole as the title', () => {
    expect(openClause({ n: 0, type: 'heading', level: 2, content: [{ type: 'text', text: 'Article 3 — Scope.' }] })).toEqual({
      title: 'Scope',
      consumed: 'line',
      label: 'Article 3',
    });
  });

  it('leaves the title to be derived when the marker stands alone', () => {
    expect(openClause(para('Article 3'))).toEqual({ title: '', consumed: 'line', label: 'Article 3' });
  });

  it('takes a bold lead-in as the title and keeps the rest in the body', () => {
    const unit = runs(
      { type: 'text', text: '2. ' },
      { type: 'text', text: 'Monitoring.', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' The parties shall monitor.' },
    );
    expect(openClause(unit)).toEqual({ title: 'Monitoring', consumed: '2. Monitoring.'.length, label: '2.' });
  });

  it('takes a title line before a line break', () => {
    const unit = runs({ type: 'text', text: 'Article 4 – Review' }, { type: 'hardBreak' }, { type: 'text', text: 'The parties review.' });
    expect(openClause(unit)).toEqual({ title: 'Review', consumed: 'Article 4 – Review'.length + 1, label: 'Article 4' });
  });

  it('removes only the marker from a sentence', () => {
    expect(openClause(para('3. The parties shall monitor the ceasefire.'))).toEqual({ title: '', consumed: 3, label: '3.' });
  });
});

describe('titles', () => {
  it('derives a title from the first sentence, cut to eight words', () => {
    expect(deriveTitle(['The parties shall monitor the ceasefire. They report.'])).toBe('The parties shall monitor the ceasefire');
    expect(deriveTitle(['The parties shall ensure monitoring of the line of contact by air.'])).toBe('The parties shall ensure monitoring of the line…');
    expect(deriveTitle(['• first point'])).toBe('first point');
    expect(deriveTitle([])).toBe('');
  });

  it('cleans a title to one line without separators or closing punctuation', () => {
    expect(cleanTitle(' — Scope\nof application: ')).toBe('Scope of application');
    expect(cleanTitle('x'.repeat(300))).toHaveLength(200);
  });
});
