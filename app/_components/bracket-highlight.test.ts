import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { bracketDecorationRanges, bracketHighlightPlugin } from './bracket-highlight';
import { decorationsOf, schema } from './editor-state.test-support';

/** An editor state of plain paragraphs with the bracket highlight. */
function stateOf(...paragraphs: string[]): EditorState {
  const doc = schema.node(
    'doc',
    null,
    paragraphs.map((p) => schema.node('paragraph', null, p ? [schema.text(p)] : [])),
  );
  return EditorState.create({ schema, doc, plugins: [bracketHighlightPlugin()] });
}

const marks = (state: EditorState) =>
  decorationsOf(state, bracketHighlightPlugin().spec.key!.getState(state)).map((d) => [d.text, d.attrs.class, d.from, d.to]);

describe('bracket highlight', () => {
  it('marks bracketed wording, brackets included, with its exact range', () => {
    const state = stateOf('Troops deploy [within 30 days] of a request.');
    // "Troops deploy " is 14 characters; text starts at 1.
    expect(marks(state)).toEqual([['[within 30 days]', 'bracket bracket--depth-1', 15, 31]]);
  });

  it('marks nested brackets with their depth, outermost first', () => {
    const state = stateOf('Deploy [within [30] [60] days] of it.');
    expect(marks(state)).toEqual([
      ['[within [30] [60] days]', 'bracket bracket--depth-1', 8, 31],
      ['[30]', 'bracket bracket--depth-2', 16, 20],
      ['[60]', 'bracket bracket--depth-2', 21, 25],
    ]);
  });

  it('caps the depth class at 3', () => {
    expect(marks(stateOf('[a [b [c [d]]]]')).map(([text, cls]) => [text, cls])).toEqual([
      ['[a [b [c [d]]]]', 'bracket bracket--depth-1'],
      ['[b [c [d]]]', 'bracket bracket--depth-2'],
      ['[c [d]]', 'bracket bracket--depth-3'],
      ['[d]', 'bracket bracket--depth-3'],
    ]);
  });

  it('runs an unclosed bracket to the end of its paragraph only, and ignores a stray closing bracket', () => {
    const state = stateOf('Open [bracket until the end', 'Next paragraph] stays clean.');
    expect(marks(state)).toEqual([['[bracket until the end', 'bracket bracket--depth-1', 6, 28]]);
  });

  it('marks ALT markers, with or without a space and colon', () => {
    const state = stateOf('ALT 1: within thirty days; ALT2 sixty days');
    expect(marks(state)).toEqual([
      ['ALT 1:', 'alt-marker', 1, 7],
      ['ALT2', 'alt-marker', 28, 32],
    ]);
  });

  it('follows brackets as they are typed', () => {
    let state = stateOf('Forces of the participants.');
    expect(marks(state)).toEqual([]);
    // Type "[" before "the": an open bracket runs to the end of the paragraph.
    state = state.apply(state.tr.insertText('[', 11));
    expect(marks(state)).toEqual([['[the participants.', 'bracket bracket--depth-1', 11, 29]]);
    // Type "]" after "participants": the bracket closes there.
    state = state.apply(state.tr.insertText(']', 28));
    expect(state.doc.textContent).toBe('Forces of [the participants].');
    expect(marks(state)).toEqual([['[the participants]', 'bracket bracket--depth-1', 11, 29]]);
    // Delete the opening bracket: nothing is marked any more.
    state = state.apply(state.tr.delete(11, 12));
    expect(marks(state)).toEqual([]);
  });

  it('counts a hard break inside a paragraph as one position', () => {
    const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('a'), schema.node('hardBreak'), schema.text('[b]')])]);
    // 1: "a", 2: the break, 3..6: "[b]".
    expect(bracketDecorationRanges(doc)).toEqual([{ kind: 'bracket', from: 3, to: 6, depth: 1 }]);
  });

  it('finds brackets in list items too', () => {
    const doc = schema.node('doc', null, [
      schema.node('bulletList', null, [schema.node('listItem', null, [schema.node('paragraph', null, [schema.text('x [y]')])])]),
    ]);
    // doc > bulletList (0) > listItem (1) > paragraph (2): text starts at 3.
    expect(bracketDecorationRanges(doc)).toEqual([{ kind: 'bracket', from: 5, to: 8, depth: 1 }]);
    expect(doc.textBetween(5, 8)).toBe('[y]');
  });
});
