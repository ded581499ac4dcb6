import { describe, expect, it } from 'vitest';
import { dropIndex, movedOrder } from './clause-order';

const list = ['a', 'b', 'c', 'd'].map((id) => ({ id }));

describe('movedOrder', () => {
  it('moves a clause up and down', () => {
    expect(movedOrder(list, 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(movedOrder(list, 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(movedOrder(list, 'b', 3)).toEqual(['a', 'c', 'd', 'b']);
  });

  it('clamps the index to the list (Alt+↑ on the first clause, Alt+↓ on the last)', () => {
    expect(movedOrder(list, 'a', -1)).toEqual(['a', 'b', 'c', 'd']);
    expect(movedOrder(list, 'd', 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(movedOrder(list, 'c', 99)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('leaves the order alone for an unknown clause and does not change its input', () => {
    expect(movedOrder(list, 'z', 0)).toEqual(['a', 'b', 'c', 'd']);
    movedOrder(list, 'd', 0);
    expect(list.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('dropIndex', () => {
  const drop = (from: number, target: number, side: 'before' | 'after') => movedOrder(list, list[from].id, dropIndex(from, target, side));

  it('drops above or below an item further down', () => {
    expect(drop(0, 2, 'before')).toEqual(['b', 'a', 'c', 'd']);
    expect(drop(0, 2, 'after')).toEqual(['b', 'c', 'a', 'd']);
    expect(drop(0, 3, 'after')).toEqual(['b', 'c', 'd', 'a']);
  });

  it('drops above or below an item further up', () => {
    expect(drop(3, 0, 'before')).toEqual(['d', 'a', 'b', 'c']);
    expect(drop(3, 0, 'after')).toEqual(['a', 'd', 'b', 'c']);
  });

  it('dropping a clause on itself or just next to where it is moves nothing', () => {
    expect(drop(1, 1, 'before')).toEqual(['a', 'b', 'c', 'd']);
    expect(drop(1, 1, 'after')).toEqual(['a', 'b', 'c', 'd']);
    expect(drop(1, 0, 'after')).toEqual(['a', 'b', 'c', 'd']);
    expect(drop(1, 2, 'before')).toEqual(['a', 'b', 'c', 'd']);
  });
});
