'use client';

import { useEffect, useState, type RefObject } from 'react';

/**
 * The narrowest text column (px, padding included) that shows comments in a margin
 * beside the text: room for about 60 characters of text per line plus the margin's
 * cards. At 1440 px the column is 876 px wide beside the outline and the people panel;
 * below about 1400 px (or 1070 px once the people panel folds away) threads are listed
 * under each clause instead.
 */
export const COMMENT_MARGIN_MIN_WIDTH = 860;

/**
 * Whether the text column is wide enough for the comment margin, followed live as the
 * window (or the layout around the column) changes. The column's width depends only on
 * the room's grid, not on what is in it, so switching layouts cannot make it flip back.
 */
export function useCommentMargin(column: RefObject<HTMLElement | null>): boolean {
  const [wide, setWide] = useState(false);
  useEffect(() => {
    const el = column.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const update = () => setWide(el.clientWidth >= COMMENT_MARGIN_MIN_WIDTH);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [column]);
  return wide;
}
