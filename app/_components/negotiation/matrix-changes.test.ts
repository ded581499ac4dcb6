import { describe, expect, it } from 'vitest';
import type { PositionDto } from '@/lib/api/types';
import { moveInGrid } from './consensus-matrix';
import { announce, matrixChanges, mergeChanges } from './matrix-changes';
import { fromSnapshot, type NegotiationSnapshot } from './negotiation-state';

function position(clauseId: string, delegation: string, patch: Partial<PositionDto> = {}): PositionDto {
  return {
    clauseId,
    delegation,
    position: 'support',
    stale: false,
    textHash: 'h',
    logId: 1,
    updatedAt: '2026-03-04T10:00:00.000Z',
    updatedBy: 'Someone',
    ...patch,
  };
}

function snapshot(positions: PositionDto[], statuses: NegotiationSnapshot['statuses'] = []): NegotiationSnapshot {
  return { statuses, positions, consensus: [], silence: [] };
}

const NUMBERS = new Map(Array.from({ length: 12 }, (_, i) => [`c${i + 1}`, i + 1]));

describe('matrixChanges', () => {
  it('lists changed, new and withdrawn positions and status changes, in clause order', () => {
    const before = fromSnapshot(snapshot([position('c2', 'FR'), position('c3', 'DE')], [{ clauseId: 'c1', status: 'negotiating' }]));
    const after = fromSnapshot(
      snapshot(
        [position('c2', 'FR', { position: 'reservation', reservation: 'scrutiny', updatedAt: '2026-03-04T11:00:00.000Z' }), position('c1', 'PL')],
        [{ clauseId: 'c1', status: 'agreed' }],
      ),
    );
    expect(matrixChanges(before, after, NUMBERS)).toEqual([
      { key: 'c1:PL', clause: 1, delegation: 'PL', words: 'Support' },
      { key: 'c1:status', clause: 1, words: 'Agreed' },
      { key: 'c2:FR', clause: 2, delegation: 'FR', words: 'Scrutiny reservation' },
      { key: 'c3:DE', clause: 3, delegation: 'DE', words: 'no position' },
    ]);
  });

  it('finds nothing when the state is the same', () => {
    const data = fromSnapshot(snapshot([position('c2', 'FR')]));
    expect(matrixChanges(data, fromSnapshot(snapshot([position('c2', 'FR')])), NUMBERS)).toEqual([]);
  });
});

describe('announce', () => {
  it('spells out a few changes', () => {
    expect(announce([{ key: 'a', clause: 3, delegation: 'FR', words: 'Support' }])).toBe('FR: Support on clause 3.');
    expect(announce([{ key: 'b', clause: 4, words: 'Agreed' }])).toBe('Clause 4 is now Agreed.');
    expect(announce([])).toBe('');
  });

  it('says 22 position changes in one sentence', () => {
    const changes = Array.from({ length: 22 }, (_, i) => ({ key: `k${i}`, clause: (i % 11) + 1, delegation: i < 11 ? 'FR' : 'DE', words: 'Support' }));
    expect(announce(changes)).toBe('22 positions changed on 11 clauses (DE, FR).');
    expect(announce([...changes, { key: 's', clause: 1, words: 'Agreed' }])).toBe('22 positions changed on 11 clauses (DE, FR). 1 clause changed status.');
  });

  it('keeps the newest change of a cell when batches are merged', () => {
    const merged = mergeChanges([{ key: 'x', clause: 1, delegation: 'FR', words: 'Support' }], [{ key: 'x', clause: 1, delegation: 'FR', words: 'Oppose' }]);
    expect(merged).toEqual([{ key: 'x', clause: 1, delegation: 'FR', words: 'Oppose' }]);
  });
});

describe('moveInGrid (the matrix keys)', () => {
  const at = { row: 2, column: 3 };
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveInGrid('ArrowRight', false, at, 5, 4)).toEqual({ row: 2, column: 3 });
    expect(moveInGrid('ArrowLeft', false, at, 5, 4)).toEqual({ row: 2, column: 2 });
    expect(moveInGrid('ArrowDown', false, at, 5, 4)).toEqual({ row: 3, column: 3 });
    expect(moveInGrid('ArrowUp', false, { row: 0, column: 0 }, 5, 4)).toEqual({ row: 0, column: 0 });
  });

  it('goes to the ends of a row with Home/End, of the grid with Ctrl, by ten rows with Page keys', () => {
    expect(moveInGrid('Home', false, at, 5, 4)).toEqual({ row: 2, column: 0 });
    expect(moveInGrid('End', true, { row: 0, column: 0 }, 5, 4)).toEqual({ row: 4, column: 3 });
    expect(moveInGrid('Home', true, at, 5, 4)).toEqual({ row: 0, column: 0 });
    expect(moveInGrid('PageDown', false, at, 30, 4)).toEqual({ row: 12, column: 3 });
    expect(moveInGrid('Enter', false, at, 5, 4)).toBeNull();
  });
});
