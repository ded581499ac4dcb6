import { describe, expect, it } from 'vitest';
import { bracketPieces, type BracketPiece } from './four-column-marks';

/** The pieces as text: `[`, `]^FR`, words, changes as +{…} / -{…}. */
function show(pieces: BracketPiece[], segments: Array<{ kind: 'equal' | 'insert' | 'delete'; text: string }>): string {
  return pieces
    .map((p) => {
      if (p.type === 'open') return '[';
      if (p.type === 'close') return `]^${p.delegations.join(',')}`;
      const kind = segments[p.segment].kind;
      return kind === 'equal' ? p.text : `${kind === 'insert' ? '+' : '-'}{${p.text}}`;
    })
    .join('');
}

describe('bracketPieces', () => {
  const plain = [{ kind: 'equal' as const, text: 'States shall ensure mine clearance within a year.' }];

  it('draws a bracket around its words with the proposing delegations after it', () => {
    const from = plain[0].text.indexOf('mine clearance');
    const pieces = bracketPieces(plain, [{ from, to: from + 'mine clearance'.length, delegations: ['DE', 'FR'] }], 'A');
    expect(show(pieces, plain)).toBe('States shall ensure [mine clearance]^DE,FR within a year.');
  });

  it('nests brackets on overlapping words and on the whole text', () => {
    const text = plain[0].text;
    const pieces = bracketPieces(
      plain,
      [
        { from: 0, to: text.length, delegations: ['PL'] },
        { from: text.indexOf('mine'), to: text.indexOf('mine') + 4, delegations: ['US'] },
      ],
      'A',
    );
    expect(show(pieces, plain)).toBe('[States shall ensure [mine]^US clearance within a year.]^PL');
  });

  it('places brackets at B on the text at B: inserted words count, deleted words pass through', () => {
    const segments = [
      { kind: 'equal' as const, text: 'Parties ' },
      { kind: 'delete' as const, text: 'may' },
      { kind: 'insert' as const, text: 'shall' },
      { kind: 'equal' as const, text: ' report.' },
    ];
    // Text at B: "Parties shall report."; the bracket is on "shall report".
    const b = bracketPieces(segments, [{ from: 8, to: 20, delegations: ['FR'] }], 'B');
    expect(show(b, segments)).toBe('Parties -{may}[+{shall} report]^FR.');
    // Text at A: "Parties may report."; the bracket is on "may".
    const a = bracketPieces(segments, [{ from: 8, to: 11, delegations: ['DE'] }], 'A');
    expect(show(a, segments)).toBe('Parties [-{may}]^DE+{shall} report.');
  });

  it('marks the first and last piece of a change cut by a bracket, so its author shows once', () => {
    const segments = [{ kind: 'insert' as const, text: 'new words here' }];
    const pieces = bracketPieces(segments, [{ from: 4, to: 9, delegations: ['FR'] }], 'B').filter((p) => p.type === 'text');
    expect(pieces.map((p) => [p.text, p.first, p.last])).toEqual([
      ['new ', true, false],
      ['words', false, false],
      [' here', false, true],
    ]);
  });

  it('gives the segments back unchanged without brackets, and ignores empty ones', () => {
    const segments = [
      { kind: 'equal' as const, text: 'a' },
      { kind: 'insert' as const, text: 'b' },
    ];
    expect(show(bracketPieces(segments, [], 'B'), segments)).toBe('a+{b}');
    expect(show(bracketPieces(segments, [{ from: 1, to: 1, delegations: ['FR'] }], 'B'), segments)).toBe('a+{b}');
  });

  it('closes a bracket that runs past the end of the text', () => {
    expect(show(bracketPieces(plain, [{ from: 44, to: 99, delegations: ['FR'] }], 'A'), plain)).toBe('States shall ensure mine clearance within a [year.]^FR');
  });
});
