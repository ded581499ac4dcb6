import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error';
import { clauseBody } from './import-plan';
import { parseInlineMarkdown } from './markdown-inline';
import { readTextImport } from './read-text-import';

const md = (content: string) => readTextImport({ format: 'markdown', content });
const text = (content: string) => readTextImport({ format: 'text', content });
const titles = (preview: { clauses: Array<{ title: string }> }) => preview.clauses.map((c) => c.title);

describe('readTextImport: Markdown', () => {
  it('splits at the repeated heading level; a lone top heading is the title, the rest before is the description', () => {
    const preview = md(`# Framework for guarantees

The coalition agrees as follows.
It meets in Paris.

## 1. Scope
Applies to **all** parties.

## Monitoring
The parties monitor.
`);
    expect(preview.title).toBe('Framework for guarantees');
    expect(preview.description).toBe('The coalition agrees as follows. It meets in Paris.');
    expect(titles(preview)).toEqual(['Scope', 'Monitoring']);
    expect(preview.clauses.map((c) => c.text)).toEqual(['Applies to all parties.', 'The parties monitor.']);
  });

  it('offers no title when the preamble does not open with one', () => {
    const preview = md('The coalition agrees.\n\n# Chapter I\n\nArticle 1 — Scope\nApplies.');
    expect(preview.title).toBeNull();
    expect(preview.description).toBe('The coalition agrees.\n\nChapter I');
  });

  it('splits at "Article N" lines, which stand alone even without a blank line', () => {
    const preview = md('Preamble.\n\nArticle 1 — Scope\nThe parties agree.\nArticle 2\nThe parties shall monitor the ceasefire.');
    expect(preview.description).toBe('Preamble.');
    expect(titles(preview)).toEqual(['Scope', 'The parties shall monitor the ceasefire']);
    expect(preview.clauses[0].text).toBe('The parties agree.');
  });

  it('splits at numbered paragraphs in sequence, joining wrapped lines', () => {
    const preview = md('1. Scope\n\n2. The parties shall monitor\nthe ceasefire and report.\n\n3. **Financing.** Costs lie where they fall.');
    expect(titles(preview)).toEqual(['Scope', 'The parties shall monitor the ceasefire and report', 'Financing']);
    expect(preview.clauses[1].text).toBe('The parties shall monitor the ceasefire and report.');
    expect(preview.clauses[2].text).toBe('Costs lie where they fall.');
  });

  it('keeps bold, italic, underline, strike and bullet lists in the body', () => {
    const preview = md('## Scope\nThe **parties** *shall* <u>act</u> ~~now~~.\n\n- first\n- second\n  - nested');
    expect(clauseBody(preview.clauses[0])).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'The ' },
          { type: 'text', text: 'parties', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'shall', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'act', marks: [{ type: 'underline' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'now', marks: [{ type: 'strike' }] },
          { type: 'text', text: '.' },
        ],
      },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first' }] }] },
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [{ type: 'text', text: 'second' }] },
              { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nested' }] }] }] },
            ],
          },
        ],
      },
    ]);
  });

  it('lists tables and images as dropped and keeps the text of links', () => {
    const preview = md('## Scope\nSee [the declaration](https://example.org) and ![map](map.png).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.');
    expect(preview.dropped).toEqual([
      { kind: 'table', count: 1 },
      { kind: 'image', count: 1 },
      { kind: 'link', count: 1 },
    ]);
    expect(preview.clauses[0].text).toBe('See the declaration and .\nAfter.');
  });

  it('leaves unpaired delimiters and snake_case as written', () => {
    const counts = { image: 0, link: 0 };
    expect(parseInlineMarkdown('a * b and snake_case_name', counts)).toEqual([{ type: 'text', text: 'a * b and snake_case_name' }]);
  });
});

describe('readTextImport: plain text', () => {
  it('takes every line as a paragraph and detects Article lines', () => {
    const preview = text('Joint text\nArticle 1: Scope\nThe parties agree.\nArticle 2: Review\nThey review **yearly**.');
    expect(preview.description).toBe('Joint text');
    expect(titles(preview)).toEqual(['Scope', 'Review']);
    expect(preview.clauses[1].text).toBe('They review **yearly**.');
  });

  it('detects "(N)" lines', () => {
    expect(titles(text('(1) Scope\nText.\n(2) Review\nMore.'))).toEqual(['Scope', 'Review']);
  });

  it('refuses blank text', () => {
    const run = () => text('  \n\n ');
    expect(run).toThrow(/pasted text is empty/);
    try {
      run();
    } catch (err) {
      expect(isAppError(err) && err.code).toBe('bad_request');
    }
  });
});
