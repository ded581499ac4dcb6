import { describe, expect, it } from 'vitest';
import { layoutMarginCards, type MarginItem } from './margin-layout';

const tops = (items: readonly MarginItem[], activeId?: string | null, gap = 8, minTop = 0) =>
  Object.fromEntries(layoutMarginCards(items, { activeId, gap, minTop }).tops);

/** True when no two cards overlap (with the gap between them). */
function noOverlap(items: readonly MarginItem[], placed: Record<string, number>, gap: number): boolean {
  const boxes = items.map((i) => ({ top: placed[i.id], bottom: placed[i.id] + i.height })).sort((a, b) => a.top - b.top);
  return boxes.every((b, i) => i === 0 || b.top >= boxes[i - 1].bottom + gap);
}

describe('layoutMarginCards', () => {
  it('leaves cards that do not collide at their preferred tops', () => {
    const items = [
      { id: 'a', top: 10, height: 50 },
      { id: 'b', top: 100, height: 50 },
      { id: 'c', top: 300, height: 80 },
    ];
    expect(tops(items)).toEqual({ a: 10, b: 100, c: 300 });
    expect(layoutMarginCards(items).bottom).toBe(380);
  });

  it('pushes colliding cards down in the order of their words, whatever the input order', () => {
    const items = [
      { id: 'late', top: 40, height: 60 },
      { id: 'early', top: 20, height: 100 },
      { id: 'far', top: 400, height: 30 },
    ];
    const layout = layoutMarginCards(items, { gap: 8 });
    expect(Object.fromEntries(layout.tops)).toEqual({ early: 20, late: 128, far: 400 });
    expect(layout.order).toEqual(['early', 'late', 'far']);
    expect(layout.bottom).toBe(430);
  });

  it('keeps input order for cards anchored at the same height (words on one line)', () => {
    const items = [
      { id: 'x', top: 50, height: 40 },
      { id: 'y', top: 50, height: 40 },
      { id: 'z', top: 50, height: 40 },
    ];
    expect(tops(items, null, 10)).toEqual({ x: 50, y: 100, z: 150 });
  });

  it('gives the active card its preferred top and moves the cards before it up', () => {
    const items = [
      { id: 'a', top: 200, height: 60 },
      { id: 'b', top: 210, height: 60 },
      { id: 'c', top: 220, height: 60 },
    ];
    expect(tops(items, 'c', 8)).toEqual({ a: 84, b: 152, c: 220 });
    expect(tops(items, null, 8)).toEqual({ a: 200, b: 268, c: 336 });
  });

  it('moves the cards after the active one down below it', () => {
    const items = [
      { id: 'a', top: 100, height: 60 },
      { id: 'b', top: 110, height: 60 },
      { id: 'c', top: 120, height: 60 },
    ];
    expect(tops(items, 'b', 8)).toEqual({ a: 42, b: 110, c: 178 });
  });

  it('moves the active card down only as far as needed when the cards before it do not fit above it', () => {
    const items = [
      { id: 'a', top: 100, height: 60 },
      { id: 'b', top: 110, height: 60 },
      { id: 'c', top: 120, height: 60 },
    ];
    // a would need -16: it starts at 0, b follows at 68 and c at 136 (not 236 as without an active card).
    expect(tops(items, 'c', 8, 0)).toEqual({ a: 0, b: 68, c: 136 });
    expect(tops(items, null, 8, 0)).toEqual({ a: 100, b: 168, c: 236 });
  });

  it('never places a card above minTop', () => {
    const items = [
      { id: 'a', top: -30, height: 20 },
      { id: 'b', top: 5, height: 20 },
    ];
    expect(tops(items, null, 4, 12)).toEqual({ a: 12, b: 36 });
    expect(tops(items, 'b', 4, 12)).toEqual({ a: 12, b: 36 });
  });

  it('puts detached cards after all attached ones, in input order', () => {
    const items = [
      { id: 'gone-1', top: null, height: 70 },
      { id: 'a', top: 200, height: 50 },
      { id: 'gone-2', top: null, height: 30 },
      { id: 'b', top: 10, height: 40 },
    ];
    const layout = layoutMarginCards(items, { gap: 10 });
    expect(layout.order).toEqual(['b', 'a', 'gone-1', 'gone-2']);
    expect(Object.fromEntries(layout.tops)).toEqual({ b: 10, a: 200, 'gone-1': 260, 'gone-2': 340 });
    expect(layout.bottom).toBe(370);
  });

  it('ignores an active id that is detached or unknown', () => {
    const items = [
      { id: 'a', top: 10, height: 40 },
      { id: 'gone', top: null, height: 40 },
    ];
    expect(tops(items, 'gone', 8)).toEqual({ a: 10, gone: 58 });
    expect(tops(items, 'nope', 8)).toEqual({ a: 10, gone: 58 });
  });

  it('returns an empty layout for no cards', () => {
    expect(layoutMarginCards([], { minTop: 6 })).toEqual({ tops: new Map(), order: [], bottom: 6 });
  });

  it('never overlaps, for many random stacks and any active card', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 300; run += 1) {
      const items: MarginItem[] = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) => ({
        id: `t${i}`,
        top: random() < 0.15 ? null : Math.floor(random() * 400),
        height: 20 + Math.floor(random() * 120),
      }));
      const active = random() < 0.5 ? items[Math.floor(random() * items.length)].id : null;
      const placed = tops(items, active, 8, 0);
      expect(noOverlap(items, placed, 8)).toBe(true);
      expect(Math.min(...Object.values(placed))).toBeGreaterThanOrEqual(0);
      // Without an active card, no card is above its words.
      if (!active) for (const item of items) if (item.top !== null) expect(placed[item.id]).toBeGreaterThanOrEqual(item.top);
      const activeItem = items.find((i) => i.id === active && i.top !== null);
      const before = activeItem
        ? items.filter((i) => i.top !== null && (i.top < activeItem.top! || (i.top === activeItem.top && items.indexOf(i) < items.indexOf(activeItem))))
        : [];
      const room = before.reduce((sum, i) => sum + i.height + 8, 0);
      // The active card keeps its place whenever the cards before it fit above it.
      if (activeItem && room <= activeItem.top!) expect(placed[activeItem.id]).toBe(activeItem.top);
    }
  });
});
