import { describe, expect, it } from 'vitest';
import { blocksLines, inlineText } from '@/lib/drafts/import-content';
import { unitsToBlocks } from '@/lib/drafts/import-plan';
import { htmlToUnits } from './html-to-units';

const read = (html: string) => {
  const counts = { table: 0, link: 0 };
  const units = htmlToUnits(html, counts);
  return { units, counts, lines: blocksLines(unitsToBlocks(units, null)) };
};

describe('htmlToUnits', () => {
  it('decodes entities and keeps every piece of text of a list item, even after a nested list', () => {
    const { lines } = read('<p>A &amp; B &lt;c&gt; &quot;d&quot;</p><ol><li>Item<ol><li>sub</li></ol>tail text</li></ol>');
    expect(lines).toEqual(['A & B <c> "d"', '1. Item', '1. sub', 'tail text']);
  });

  it('keeps the text of elements it does not know, and of links, counting the links', () => {
    const { lines, counts } = read('<blockquote><p>Quoted</p></blockquote><p>See <a href="https://example.org">the site</a><a id="bookmark"></a>.</p>');
    expect(lines).toEqual(['Quoted', 'See the site.']);
    expect(counts.link).toBe(1);
  });

  it('leaves out footnote references and bodies, and tables (counted)', () => {
    const { units, counts } = read(
      '<p>Noted.<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><table><tr><td><p>cell</p></td></tr></table><ol><li id="footnote-1"><p>Note. <a href="#footnote-ref-1">↑</a></p></li></ol>',
    );
    expect(units.map((u) => inlineText(u.content))).toEqual(['Noted.']);
    expect(counts.table).toBe(1);
  });

  it('reads headings with their level, the Title style apart, and line breaks', () => {
    const { units } = read('<p class="title">Framework</p><h2>Scope</h2><p>one<br />two</p>');
    expect(units.map((u) => [u.type, u.level ?? null, inlineText(u.content)])).toEqual([
      ['title', null, 'Framework'],
      ['heading', 2, 'Scope'],
      ['paragraph', null, 'one\ntwo'],
    ]);
  });
});
