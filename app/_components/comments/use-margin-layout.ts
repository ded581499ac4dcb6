'use client';

import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { layoutMarginCards, type MarginLayout } from './margin-layout';

/** A card of the margin: a thread (or the composer, id `composer`) and whether its words are gone. */
export interface MarginCard {
  id: string;
  detached: boolean;
}

export interface MarginLayoutInput {
  /** Off on narrow screens: nothing is measured. */
  enabled: boolean;
  editor: Editor | null;
  /** The cards in the margin's stack (resolved threads are listed below it, not stacked). */
  cards: readonly MarginCard[];
  /** The card that keeps its preferred place. */
  activeId: string | null;
}

export interface MarginLayoutResult {
  /** The stack the cards are positioned in (their tops are relative to it). */
  stackRef: (el: HTMLElement | null) => void;
  /** The ref of one card, stable per id. */
  cardRef: (id: string) => (el: HTMLElement | null) => void;
  /** Where every card goes; null until measured. */
  layout: MarginLayout | null;
}

/** Space between two cards. */
const GAP = 10;
/** A card's top sits this far above the top of its highlighted words, so its first line reads level with them. */
const LIFT = 6;

function sameLayout(a: MarginLayout | null, b: MarginLayout): boolean {
  if (!a || a.bottom !== b.bottom || a.tops.size !== b.tops.size) return false;
  for (const [id, top] of b.tops) if (a.tops.get(id) !== top) return false;
  return true;
}

function editorDom(editor: Editor | null): HTMLElement | null {
  if (!editor || editor.isDestroyed) return null;
  try {
    return editor.view.dom;
  } catch {
    // The view is not mounted yet.
    return null;
  }
}

/**
 * Places the comment cards of a clause's margin level with their words: measures where
 * each thread's highlight is (its `[data-comment-id]` decoration; for the composer, the
 * selection while its highlight is not drawn yet) and the height of every card, then
 * stacks them without overlap (layoutMarginCards). Measures again after every render,
 * on every editor transaction (typing, remote edits, highlight changes), when the
 * editor or a card changes size (ResizeObserver: window resizes, replies opening) and
 * when web fonts finish loading. Measurements are batched into one animation frame.
 */
export function useMarginLayout({ enabled, editor, cards, activeId }: MarginLayoutInput): MarginLayoutResult {
  const [layout, setLayout] = useState<MarginLayout | null>(null);
  const stack = useRef<HTMLElement | null>(null);
  const elements = useRef(new Map<string, HTMLElement>());
  const refs = useRef(new Map<string, (el: HTMLElement | null) => void>());
  const observer = useRef<ResizeObserver | null>(null);
  const frame = useRef(0);
  const input = useRef({ enabled, editor, cards, activeId });
  input.current = { enabled, editor, cards, activeId };

  const measure = useCallback(() => {
    const { enabled: on, editor: ed, cards: list, activeId: active } = input.current;
    const root = stack.current;
    if (!on || !root) return;
    const base = root.getBoundingClientRect().top;
    const dom = editorDom(ed);
    const items = list.map((card) => {
      const el = elements.current.get(card.id);
      const height = el ? el.offsetHeight : 0;
      if (card.detached || !dom) return { id: card.id, top: null, height };
      const words = dom.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(card.id)}"]`);
      let top: number | null = words ? words.getBoundingClientRect().top : null;
      if (top === null && card.id === 'composer' && ed) {
        // The composer's words are highlighted a moment after it opens: until then, the selection.
        try {
          top = ed.view.coordsAtPos(ed.state.selection.from).top;
        } catch {
          top = null;
        }
      }
      return { id: card.id, top: top === null ? null : Math.round(top - base - LIFT), height };
    });
    const next = layoutMarginCards(items, { activeId: active, gap: GAP, minTop: 0 });
    setLayout((prev) => (sameLayout(prev, next) ? prev : next));
  }, []);

  const schedule = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      measure();
    });
  }, [measure]);

  const resizeObserver = useCallback((): ResizeObserver | null => {
    if (typeof ResizeObserver === 'undefined') return null;
    observer.current ??= new ResizeObserver(() => schedule());
    return observer.current;
  }, [schedule]);

  const stackRef = useCallback(
    (el: HTMLElement | null) => {
      if (stack.current) resizeObserver()?.unobserve(stack.current);
      stack.current = el;
      if (el) resizeObserver()?.observe(el);
    },
    [resizeObserver],
  );

  const cardRef = useCallback(
    (id: string) => {
      let ref = refs.current.get(id);
      if (!ref) {
        ref = (el: HTMLElement | null) => {
          const old = elements.current.get(id);
          if (old && old !== el) resizeObserver()?.unobserve(old);
          if (el) {
            elements.current.set(id, el);
            resizeObserver()?.observe(el);
          } else {
            elements.current.delete(id);
          }
        };
        refs.current.set(id, ref);
      }
      return ref;
    },
    [resizeObserver],
  );

  // After every render: cards, their order, the active one or the composer may have changed.
  useLayoutEffect(() => {
    if (enabled) measure();
  });

  useEffect(() => {
    if (!enabled) {
      setLayout(null);
      return;
    }
    const dom = editorDom(editor);
    const ro = resizeObserver();
    if (dom) ro?.observe(dom);
    editor?.on('transaction', schedule);
    const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
    let live = true;
    void fonts?.ready.then(() => {
      if (live) schedule();
    });
    fonts?.addEventListener('loadingdone', schedule);
    return () => {
      live = false;
      if (dom) ro?.unobserve(dom);
      editor?.off('transaction', schedule);
      fonts?.removeEventListener('loadingdone', schedule);
    };
  }, [enabled, editor, schedule, resizeObserver]);

  useEffect(
    () => () => {
      if (frame.current) cancelAnimationFrame(frame.current);
      observer.current?.disconnect();
    },
    [],
  );

  return { stackRef, cardRef, layout };
}
