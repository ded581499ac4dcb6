/**
 * Where the comment cards of a clause's margin go. Each card would like to sit level
 * with the first line of its words; cards never overlap, so when words are close
 * together the cards are pushed down in text order. The active card (the one the
 * person clicked or focused) gets exactly its preferred place, as in Google Docs: the
 * cards before it are pushed up above it and those after it down below it. Cards
 * whose words were deleted (detached) have no preferred place and go after all others.
 */

export interface MarginItem {
  id: string;
  /** Preferred top (px from the margin's top), or null for a detached card. */
  top: number | null;
  height: number;
}

export interface MarginLayoutOptions {
  /** The card that keeps its preferred place (ignored when absent or detached). */
  activeId?: string | null;
  /** Space between two cards (px). */
  gap?: number;
  /** No card starts above this (px). */
  minTop?: number;
}

export interface MarginLayout {
  /** Top of every card, by id. */
  tops: Map<string, number>;
  /** Ids in the order the cards are stacked (top to bottom). */
  order: string[];
  /** Bottom of the lowest card (minTop when there is none): how tall the margin must be. */
  bottom: number;
}

/**
 * Stacks the cards of one margin without overlap (pure: no DOM). Attached cards are
 * ordered by preferred top (ties keep their input order), detached ones follow in
 * input order. When the cards before the active one cannot all fit between `minTop`
 * and the active card's preferred top, they start at `minTop` and the active card moves
 * down just enough: nothing is ever placed above `minTop`.
 */
export function layoutMarginCards(items: readonly MarginItem[], options: MarginLayoutOptions = {}): MarginLayout {
  const gap = options.gap ?? 8;
  const minTop = options.minTop ?? 0;
  const attached = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.top !== null && Number.isFinite(item.top))
    .sort((a, b) => (a.item.top as number) - (b.item.top as number) || a.index - b.index)
    .map(({ item }) => item);
  const detached = items.filter((item) => item.top === null || !Number.isFinite(item.top));
  const stack = [...attached, ...detached];
  const tops = new Array<number>(stack.length);
  const height = (i: number) => Math.max(0, stack[i].height);
  const preferred = (i: number) => Math.max(minTop, stack[i].top ?? Number.NEGATIVE_INFINITY);

  // Forward from `start`: each card at its preferred top or just below the card above it.
  const pushDown = (start: number, floor: number) => {
    let next = floor;
    for (let i = start; i < stack.length; i += 1) {
      tops[i] = Math.max(preferred(i), next);
      next = tops[i] + height(i) + gap;
    }
  };

  const activeIndex = options.activeId ? attached.findIndex((item) => item.id === options.activeId) : -1;
  if (activeIndex < 0) {
    pushDown(0, minTop);
  } else {
    // Above the active card: from it upwards, each card at its preferred top or just above the next one.
    tops[activeIndex] = preferred(activeIndex);
    let ceiling = tops[activeIndex] - gap;
    for (let i = activeIndex - 1; i >= 0; i -= 1) {
      tops[i] = Math.min(preferred(i), ceiling - height(i));
      ceiling = tops[i] - gap;
    }
    // Not enough room above it: the cards before it start at minTop and the active card moves down only as far as needed.
    let floor = minTop;
    for (let i = 0; i <= activeIndex; i += 1) {
      tops[i] = Math.max(tops[i], floor);
      floor = tops[i] + height(i) + gap;
    }
    pushDown(activeIndex + 1, floor);
  }

  const result = new Map<string, number>();
  let bottom = minTop;
  stack.forEach((item, i) => {
    result.set(item.id, tops[i]);
    bottom = Math.max(bottom, tops[i] + height(i));
  });
  return { tops: result, order: stack.map((item) => item.id), bottom };
}
