'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A side panel that is a drawer on narrow screens (the clause outline, the people panel):
 * opened by a toggle button, closed by the toggle, its own close button or Escape. Focus
 * moves into the drawer when it opens and back to the toggle when Escape closes it, so a
 * keyboard user never loses their place.
 */
export function useDrawer<T extends HTMLElement = HTMLElement>() {
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<T>(null);

  const close = useCallback((refocus = true) => {
    setOpen(false);
    if (refocus) toggleRef.current?.focus({ preventScroll: true });
  }, []);
  const toggle = useCallback(() => setOpen((o) => !o), []);

  useEffect(() => {
    if (!open) return;
    // Only when the panel is a drawer (the toggle is shown): on wide screens it is always there.
    if (toggleRef.current && toggleRef.current.offsetParent !== null) {
      const panel = panelRef.current;
      const target = panel?.querySelector<HTMLElement>('[aria-current]') ?? panel?.querySelector<HTMLElement>('a[href], button:not([disabled])') ?? panel;
      target?.focus({ preventScroll: true });
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, close]);

  return { open, toggle, close, toggleRef, panelRef };
}

export type Drawer<T extends HTMLElement = HTMLElement> = ReturnType<typeof useDrawer<T>>;
