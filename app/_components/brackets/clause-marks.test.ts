import type { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AlternativeDto, AnchorDto, BracketDto } from '@/lib/api/types';
import { encodeAnchor } from '@/lib/collab/text-anchor';
import { applyRemoteChange, boundState, decorationsOf, positionOf, yClause, type YClause } from '../editor-state.test-support';
import { clauseMarks } from './clause-marks';
import { recordedBracketsKey, recordedBracketsPlugin } from './recorded-brackets';

const TEXT = 'Participants deploy forces within thirty days of a request.';

function anchorOn(clause: YClause, words: string): AnchorDto {
  const text = clause.text(0);
  const index = text.toString().indexOf(words);
  if (index < 0) throw new Error(`"${words}" is not in the clause`);
  return {
    start: encodeAnchor(Y.createRelativePositionFromTypeIndex(text, index, 0)),
    end: encodeAnchor(Y.createRelativePositionFromTypeIndex(text, index + words.length, -1)),
  };
}

function bracket(id: string, anchor: AnchorDto, extra: Partial<BracketDto> = {}): BracketDto {
  return {
    id,
    draftId: 'd',
    clauseId: 'c',
    anchor,
    quote: '',
    current: null,
    delegation: 'FR',
    proposedBy: 'Camille Laurent',
    proposedAt: '2026-03-02T09:05:00.000Z',
    state: 'open',
    ...extra,
  };
}

function alternative(id: string, groupId: string, number: number, anchor: AnchorDto | undefined, extra: Partial<AlternativeDto> = {}): AlternativeDto {
  return {
    id,
    draftId: 'd',
    clauseId: 'c',
    groupId,
    number,
    scope: anchor ? 'span' : 'clause',
    ...(anchor ? { anchor } : {}),
    quote: '',
    body: 'other words',
    delegation: 'DE',
    proposedBy: 'Jonas Weber',
    proposedAt: '2026-03-02T10:00:00.000Z',
    state: 'open',
    backers: ['DE'],
    ...extra,
  };
}

describe('clauseMarks', () => {
  const a: AnchorDto = { start: 'AQ==', end: 'Ag==' };
  const b: AnchorDto = { start: 'Aw==', end: 'BA==' };

  it('draws open brackets only, labelled with who proposed them and when', () => {
    const marks = clauseMarks({
      brackets: [bracket('b1', a), bracket('b2', b, { state: 'removed' }), bracket('b3', b, { delegation: null, proposedBy: 'Chair' })],
      alternatives: [],
    });
    expect(marks).toEqual([
      { id: 'b1', kind: 'bracket', anchor: a, label: expect.stringMatching(/^Bracket proposed by FR \(Camille Laurent\), 2 Mar( 2026)? 09:05 UTC$/) },
      { id: 'b3', kind: 'bracket', anchor: b, label: expect.stringMatching(/^Bracket proposed by the secretariat \(Chair\), /) },
    ]);
  });

  it('draws one mark per group of open span alternatives, tagged with their numbers in order', () => {
    const marks = clauseMarks({
      brackets: [],
      alternatives: [
        alternative('x3', 'g1', 3, a),
        alternative('x2', 'g1', 2, a),
        alternative('y2', 'g2', 2, b, { state: 'withdrawn' }),
        alternative('z2', 'g3', 2, undefined),
        alternative('w4', 'g1', 4, a, { state: 'adopted' }),
      ],
    });
    expect(marks).toEqual([
      { id: 'x3', kind: 'alternative', anchor: a, tag: 'ALT 2, 3', label: 'Alternative wording proposed: ALT 2, 3 (see below the clause)' },
    ]);
  });

  it('draws nothing for a clause without annotations', () => {
    expect(clauseMarks({ brackets: [], alternatives: [] })).toEqual([]);
  });
});

describe('recorded brackets in the editor', () => {
  const drawn = (state: EditorState) => {
    const plugin = state.plugins.find((p) => p.spec.props?.decorations && p !== state.plugins[0])!;
    return decorationsOf(state, plugin.getState(state)?.decorations).map((d) => ({
      kind: d.kind,
      from: d.from,
      to: d.to,
      text: d.text,
      side: d.side,
      cls: d.attrs.class,
    }));
  };

  function setup() {
    const clause = yClause([TEXT]);
    const state = boundState(clause, [recordedBracketsPlugin()]);
    return { clause, state };
  }

  it('puts a bracket glyph before and after the recorded words and marks the words between', () => {
    const { clause, state } = setup();
    const marks = clauseMarks({ brackets: [bracket('b1', anchorOn(clause, 'within thirty days'))], alternatives: [] });
    const next = state.apply(state.tr.setMeta(recordedBracketsKey, marks));
    const at = positionOf(next, 'within thirty days');
    expect(drawn(next)).toEqual([
      { kind: 'widget', from: at.from, to: at.from, text: '', side: -1, cls: undefined },
      { kind: 'inline', from: at.from, to: at.to, text: 'within thirty days', side: undefined, cls: 'rbracket-span' },
      { kind: 'widget', from: at.to, to: at.to, text: '', side: 1, cls: undefined },
    ]);
  });

  it('marks the words an alternative would replace, with its ALT tag after them', () => {
    const { clause, state } = setup();
    const marks = clauseMarks({ brackets: [], alternatives: [alternative('x2', 'g', 2, anchorOn(clause, 'deploy forces'))] });
    const next = state.apply(state.tr.setMeta(recordedBracketsKey, marks));
    const at = positionOf(next, 'deploy forces');
    expect(drawn(next)).toEqual([
      { kind: 'inline', from: at.from, to: at.to, text: 'deploy forces', side: undefined, cls: 'ralt-span' },
      { kind: 'widget', from: at.to, to: at.to, text: '', side: 1, cls: undefined },
    ]);
  });

  it('follows the words through another participant’s edit, and drops a bracket whose words were deleted', () => {
    const { clause, state } = setup();
    const marks = clauseMarks({
      brackets: [bracket('keep', anchorOn(clause, 'thirty days')), bracket('drop', anchorOn(clause, 'Participants '))],
      alternatives: [],
    });
    let next = state.apply(state.tr.setMeta(recordedBracketsKey, marks));
    expect(
      drawn(next)
        .filter((d) => d.kind === 'inline')
        .map((d) => d.text),
    ).toEqual(['Participants ', 'thirty days']);
    clause.text(0).delete(0, 'Participants '.length);
    clause.text(0).insert(0, 'All states ');
    next = applyRemoteChange(next, clause);
    expect(next.doc.textContent.startsWith('All states deploy')).toBe(true);
    const at = positionOf(next, 'thirty days');
    expect(drawn(next).filter((d) => d.kind === 'inline')).toEqual([
      { kind: 'inline', from: at.from, to: at.to, text: 'thirty days', side: undefined, cls: 'rbracket-span' },
    ]);
  });

  it('drops the glyphs of a bracket whose words this user deletes, instead of leaving an empty [ ]', () => {
    const { clause, state } = setup();
    const marks = clauseMarks({ brackets: [bracket('keep', anchorOn(clause, 'thirty days')), bracket('gone', anchorOn(clause, 'forces '))], alternatives: [] });
    let next = state.apply(state.tr.setMeta(recordedBracketsKey, marks));
    expect(drawn(next)).toHaveLength(6);
    const at = positionOf(next, 'forces ');
    next = next.apply(next.tr.delete(at.from, at.to));
    expect(next.doc.textContent).toContain('deploy within');
    const kept = positionOf(next, 'thirty days');
    expect(drawn(next).map((d) => [d.kind, d.from, d.to])).toEqual([
      ['widget', kept.from, kept.from],
      ['inline', kept.from, kept.to],
      ['widget', kept.to, kept.to],
    ]);
  });
});
