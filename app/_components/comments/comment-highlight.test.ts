import type { EditorState } from '@tiptap/pm/state';
import { describe, expect, it, vi } from 'vitest';
import { anchorInText } from '@/lib/comments/comment-anchor';
import { applyRemoteChange, boundState, decorationsOf, positionOf, yClause, type YClause } from '../editor-state.test-support';
import { commentHighlightKey, commentHighlightPlugin, commentRanges, type HighlightAnchor } from './comment-highlight';

const TEXT = 'The parties shall consult within thirty days of a request.';

/** An anchor on the `length` characters from `index` of paragraph `p`, as a thread stores it. */
function thread(clause: YClause, id: string, p: number, words: string, extra: Partial<HighlightAnchor> = {}): HighlightAnchor {
  const index = clause.text(p).toString().indexOf(words);
  if (index < 0) throw new Error(`"${words}" is not in paragraph ${p}`);
  return { id, anchor: anchorInText(clause.text(p), index, words.length), internal: false, ...extra };
}

function withThreads(state: EditorState, anchors: readonly HighlightAnchor[], activeId: string | null = null, emphasisId: string | null = null): EditorState {
  return state.apply(state.tr.setMeta(commentHighlightKey, { anchors, activeId, emphasisId }));
}

const highlights = (state: EditorState) => decorationsOf(state, commentHighlightKey.getState(state)?.decorations);

function setup(paragraphs: readonly string[] = [TEXT]) {
  const clause = yClause(paragraphs);
  const onActivate = vi.fn();
  const state = boundState(clause, [commentHighlightPlugin({ onActivate })]);
  return { clause, state, onActivate };
}

describe('comment highlight decorations', () => {
  it('marks exactly the words a thread is anchored to', () => {
    const { clause, state } = setup();
    const next = withThreads(state, [thread(clause, 't1', 0, 'consult within')]);
    // "The parties shall " is 18 characters; the paragraph's text starts at position 1.
    expect(highlights(next)).toEqual([
      { from: 19, to: 33, text: 'consult within', kind: 'inline', attrs: { class: 'comment-highlight', 'data-comment-id': 't1' } },
    ]);
  });

  it('marks the first word of the clause (y-tiptap alone refuses positions at the very start)', () => {
    const { clause, state } = setup(['Participants agree.', 'Second paragraph.']);
    const next = withThreads(state, [thread(clause, 'first', 0, 'Participants'), thread(clause, 'second', 1, 'Second')]);
    expect(highlights(next).map((d) => [d.text, d.from, d.to])).toEqual([
      ['Participants', 1, 13],
      ['Second', 22, 28],
    ]);
  });

  it('marks internal, active, emphasised and pending threads differently', () => {
    const { clause, state } = setup();
    const next = withThreads(
      state,
      [
        thread(clause, 'note', 0, 'parties', { internal: true }),
        thread(clause, 'open', 0, 'thirty days'),
        thread(clause, 'composer', 0, 'request', { pending: true }),
      ],
      'note',
      'open',
    );
    expect(highlights(next).map((d) => [d.text, d.attrs.class])).toEqual([
      ['parties', 'comment-highlight comment-highlight--internal comment-highlight--active'],
      ['thirty days', 'comment-highlight comment-highlight--emphasis'],
      ['request', 'comment-highlight comment-highlight--pending'],
    ]);
  });

  it('finds words in a later paragraph (paragraph boundaries count as positions)', () => {
    const { clause, state } = setup(['First paragraph.', 'Second one with the words.']);
    const next = withThreads(state, [thread(clause, 't', 1, 'the words')]);
    // Paragraph 1 spans 0..18 (16 characters + open and close); paragraph 2's text starts at 19.
    expect(highlights(next)).toMatchObject([{ from: 19 + 'Second one with '.length, to: 19 + 'Second one with the words'.length, text: 'the words' }]);
  });

  it('moves with the words when this person types before them (mapped through the transaction)', () => {
    const { clause, state } = setup();
    const marked = withThreads(state, [thread(clause, 't1', 0, 'consult within')]);
    const typed = marked.apply(marked.tr.insertText('Now ', 1));
    expect(typed.doc.textContent.startsWith('Now The parties')).toBe(true);
    expect(highlights(typed)).toMatchObject([{ from: 23, to: 37, text: 'consult within' }]);
  });

  it('moves with the words when another participant inserts before them (recomputed from Yjs)', () => {
    const { clause, state } = setup();
    const marked = withThreads(state, [thread(clause, 't1', 0, 'consult within')]);
    clause.text(0).insert(0, 'Remote words first. ');
    const next = applyRemoteChange(marked, clause);
    const at = positionOf(next, 'consult within');
    expect(highlights(next)).toMatchObject([{ from: at.from, to: at.to, text: 'consult within' }]);
    expect(at.from).toBe(19 + 'Remote words first. '.length);
  });

  it('keeps text typed at either edge of the words outside the highlight', () => {
    const { clause, state } = setup();
    const marked = withThreads(state, [thread(clause, 't1', 0, 'consult')]);
    const index = TEXT.indexOf('consult');
    clause.text(0).insert(index + 'consult'.length, ' promptly');
    clause.text(0).insert(index, 'formally ');
    const next = applyRemoteChange(marked, clause);
    expect(next.doc.textContent).toContain('shall formally consult promptly within');
    expect(highlights(next).map((d) => d.text)).toEqual(['consult']);
  });

  it('grows with text inserted inside the words', () => {
    const { clause, state } = setup();
    const marked = withThreads(state, [thread(clause, 't1', 0, 'thirty days')]);
    clause.text(0).insert(TEXT.indexOf('thirty') + 'thirty'.length, ' calendar');
    expect(highlights(applyRemoteChange(marked, clause)).map((d) => d.text)).toEqual(['thirty calendar days']);
  });

  it('draws nothing for a thread whose words were deleted, and keeps the others', () => {
    const { clause, state } = setup();
    const marked = withThreads(state, [thread(clause, 'gone', 0, 'consult within '), thread(clause, 'kept', 0, 'request')]);
    clause.text(0).delete(TEXT.indexOf('consult within '), 'consult within '.length);
    const next = applyRemoteChange(marked, clause);
    expect(next.doc.textContent).toBe('The parties shall thirty days of a request.');
    expect(highlights(next).map((d) => [d.attrs['data-comment-id'], d.text])).toEqual([['kept', 'request']]);
  });

  it('draws nothing for an anchor that cannot be decoded', () => {
    const { clause, state } = setup();
    const broken: HighlightAnchor = { id: 'bad', anchor: { start: '!!', end: '??' }, internal: false };
    expect(highlights(withThreads(state, [broken, thread(clause, 'ok', 0, 'shall')])).map((d) => d.text)).toEqual(['shall']);
  });

  it('keeps the threads and the active one when only the emphasis changes', () => {
    const { clause, state } = setup();
    const marked = withThreads(state, [thread(clause, 'a', 0, 'parties'), thread(clause, 'b', 0, 'request')], 'a');
    const next = marked.apply(marked.tr.setMeta(commentHighlightKey, { emphasisId: 'b' }));
    expect(highlights(next).map((d) => d.attrs.class)).toEqual([
      'comment-highlight comment-highlight--active',
      'comment-highlight comment-highlight--emphasis',
    ]);
  });
});

describe('commentRanges', () => {
  it('resolves each anchor to editor positions through the binding, leaving out detached ones', () => {
    const { clause, state } = setup(['Alpha beta gamma.', 'Delta epsilon.']);
    const anchors = [thread(clause, 'b', 0, 'beta'), thread(clause, 'e', 1, 'epsilon'), thread(clause, 'd', 1, 'Delta')];
    clause.text(1).delete(0, 'Delta '.length);
    const next = applyRemoteChange(state, clause);
    const sync = next.plugins[0].getState(next) as { binding: Parameters<typeof commentRanges>[0] };
    expect(commentRanges(sync.binding, next.doc.content.size, anchors)).toEqual([
      { id: 'b', from: 7, to: 11 },
      { id: 'e', from: 20, to: 27 },
    ]);
  });
});

describe('clicking the text', () => {
  it('activates the thread whose words were clicked, and clears it elsewhere', () => {
    const { clause, state, onActivate } = setup();
    const marked = withThreads(state, [thread(clause, 't1', 0, 'consult within')]);
    const plugin = marked.plugins.find((p) => p.spec.key === commentHighlightKey)!;
    const click = plugin.props.handleClick as unknown as (view: { state: EditorState }, pos: number) => boolean;
    expect(click({ state: marked }, 22)).toBe(false);
    expect(onActivate).toHaveBeenLastCalledWith('t1');
    click({ state: marked }, 3);
    expect(onActivate).toHaveBeenLastCalledWith(null);
  });
});
