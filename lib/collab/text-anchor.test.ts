import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from './clause-field';
import { clauseText } from './clause-text';
import { anchorSpan, decodeAnchor, encodeAnchor, indexFragment, resolveSpan, type SpanAnchor } from './text-anchor';

const CLAUSE = 'c1';

/** A clause of paragraphs as Tiptap stores it. */
function docWith(...paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(clauseField(CLAUSE));
  fragment.insert(
    0,
    paragraphs.map((p) => {
      const el = new Y.XmlElement('paragraph');
      el.insert(0, [new Y.XmlText(p)]);
      return el;
    }),
  );
  return doc;
}

function textNode(doc: Y.Doc, paragraph = 0): Y.XmlText {
  return (doc.getXmlFragment(clauseField(CLAUSE)).get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;
}

function anchorWords(doc: Y.Doc, words: string): SpanAnchor {
  const text = clauseText(doc, CLAUSE);
  const from = text.indexOf(words);
  const anchor = anchorSpan(doc, CLAUSE, from, from + words.length);
  if (!anchor) throw new Error(`could not anchor "${words}"`);
  return anchor;
}

/** A second replica of `doc`, kept in sync both ways. */
function replica(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  doc.on('update', (u: Uint8Array, origin: unknown) => origin !== other && Y.applyUpdate(other, u, doc));
  other.on('update', (u: Uint8Array, origin: unknown) => origin !== doc && Y.applyUpdate(doc, u, other));
  return other;
}

describe('text anchors', () => {
  it('indexes the plain text exactly as clauseText does', () => {
    const doc = docWith('First paragraph.', '', 'Third one.');
    textNode(doc, 0).format(0, 5, { bold: true });
    expect(indexFragment(doc.getXmlFragment(clauseField(CLAUSE))).text).toBe(clauseText(doc, CLAUSE));
  });

  it('resolves a fresh anchor to the words it was made for, also across paragraphs', () => {
    const doc = docWith('The host State requests assistance.', 'Assistance begins within 30 days.');
    expect(resolveSpan(doc, CLAUSE, anchorWords(doc, 'host State'))?.text).toBe('host State');
    expect(resolveSpan(doc, CLAUSE, anchorWords(doc, 'assistance.\nAssistance'))?.text).toBe('assistance.\nAssistance');
  });

  it('refuses empty, out-of-range and line-break-only spans', () => {
    const doc = docWith('One.', 'Two.');
    expect(anchorSpan(doc, CLAUSE, 2, 2)).toBeNull();
    expect(anchorSpan(doc, CLAUSE, 0, 99)).toBeNull();
    expect(anchorSpan(doc, CLAUSE, 4, 5)).toBeNull();
  });

  it('keeps the same words when another replica edits before, at the edges of, and inside the span', () => {
    const doc = docWith('Assistance begins within 30 days of a request.');
    const anchor = anchorWords(doc, 'within 30 days');
    const other = replica(doc);
    const t = textNode(other);
    t.insert(0, 'Military '); // before
    const text1 = clauseText(other, CLAUSE);
    t.insert(text1.indexOf('within'), 'EDGE '); // right at the start: outside the span
    const text2 = clauseText(other, CLAUSE);
    t.insert(text2.indexOf(' days') + ' days'.length, ' (calendar)'); // right at the end: outside
    const text3 = clauseText(other, CLAUSE);
    t.insert(text3.indexOf('30') + 2, ' or 60'); // inside
    expect(clauseText(doc, CLAUSE)).toBe('Military Assistance begins EDGE within 30 or 60 days (calendar) of a request.');
    expect(resolveSpan(doc, CLAUSE, anchor)?.text).toBe('within 30 or 60 days');
  });

  it('keeps the words through concurrent edits made while the replicas were apart', () => {
    const doc = docWith('Assistance begins within 30 days.');
    const anchor = anchorWords(doc, '30 days');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    textNode(doc).insert(0, 'Local ');
    textNode(other).insert(0, 'Remote ');
    textNode(other).insert(clauseText(other, CLAUSE).indexOf('days'), 'calendar ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(resolveSpan(doc, CLAUSE, anchor)?.text).toBe('30 calendar days');
    // The anchor means the same on the other replica (after a round trip through its encoding).
    const travelled = { start: decodeAnchor(encodeAnchor(anchor.start))!, end: decodeAnchor(encodeAnchor(anchor.end))! };
    expect(resolveSpan(other, CLAUSE, travelled)?.text).toBe('30 calendar days');
  });

  it('shrinks with a partial deletion and detaches when the whole span is deleted', () => {
    const doc = docWith('Assistance begins within 30 days.');
    const anchor = anchorWords(doc, 'within 30 days');
    const other = replica(doc);
    const t = textNode(other);
    t.delete(clauseText(other, CLAUSE).indexOf('within'), 'within '.length);
    expect(resolveSpan(doc, CLAUSE, anchor)?.text).toBe('30 days');
    t.delete(clauseText(other, CLAUSE).indexOf('30 days'), '30 days'.length);
    expect(clauseText(doc, CLAUSE)).toBe('Assistance begins .');
    expect(resolveSpan(doc, CLAUSE, anchor)).toBeNull();
  });

  it('detaches when the paragraph holding the span is removed', () => {
    const doc = docWith('First.', 'Second paragraph words.');
    const anchor = anchorWords(doc, 'paragraph');
    doc.getXmlFragment(clauseField(CLAUSE)).delete(1, 1);
    expect(resolveSpan(doc, CLAUSE, anchor)).toBeNull();
  });

  it('does not resolve an anchor in another clause', () => {
    const doc = docWith('Words here.');
    const anchor = anchorWords(doc, 'Words');
    expect(resolveSpan(doc, 'c2', anchor)).toBeNull();
  });

  it('rejects anchors that are not encoded relative positions', () => {
    expect(decodeAnchor('not base64!')).toBeNull();
    expect(decodeAnchor('////')).toBeNull();
    expect(decodeAnchor('AQ==')).toBeNull();
    expect(decodeAnchor('')).toBeNull();
  });
});
