/**
 * When does a position become "given on earlier text"? Only when the words of the clause
 * changed. This module reduces a clause's text to what counts, its words, so that two
 * texts that differ only in whitespace, punctuation or formatting compare equal.
 *
 * The rule (docs/design.md, "Positions"):
 * - formatting (bold, italics, lists, paragraphs) is not part of the plain text at all;
 * - whitespace of any kind and amount separates words and nothing more;
 * - punctuation (`. , ; : ! ? ' " - – — ( ) …` and every other Unicode punctuation mark)
 *   separates words and nothing more, so adding, removing or changing it does not count;
 *   a mark inside a word still splits it ("co-operation" is two words, "cooperation" one);
 * - square brackets are not punctuation here: `[` and `]` mark disputed words and count
 *   as words, as do letters, digits, symbols (`€`, `+`) and the marks `% ‰ § ¶ # & @`;
 * - case counts ("shall" and "Shall" differ): a capital can change what a word means.
 */

/**
 * Every Unicode punctuation mark except the square brackets of disputed text and the
 * marks that carry meaning like a word (per cent, section, number, ampersand, at).
 */
const PUNCTUATION = /[^\P{P}[\]%‰§¶#&@]/gu;

/** The words of a clause text, separated by single spaces: what staleness compares. */
export function positionWords(text: string): string {
  return text.normalize('NFC').replace(/\[/g, ' [ ').replace(/\]/g, ' ] ').replace(PUNCTUATION, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether a position given on `before` is given on earlier text when the clause now reads `after`. */
export function wordsChanged(before: string, after: string): boolean {
  return positionWords(before) !== positionWords(after);
}
