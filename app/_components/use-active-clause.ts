'use client';

import { useEffect, useState } from 'react';
import type { ClauseSummary } from '@/lib/api/types';

/** How far below the top of the window a clause must start to count as the one being read. */
const READING_LINE_PX = 160;

/** The clause being read (the last one whose heading passed the reading line), for the outline. */
export function useActiveClause(clauses: ClauseSummary[]): string | null {
  const [active, setActive] = useState<string | null>(clauses[0]?.id ?? null);

  useEffect(() => {
    let frame = 0;
    const compute = () => {
      frame = 0;
      const sections = clauses
        .map((c) => ({ id: c.id, el: document.querySelector<HTMLElement>(`[data-clause-id="${c.id}"]`) }))
        .filter((s): s is { id: string; el: HTMLElement } => s.el !== null);
      if (sections.length === 0) return;
      const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 4;
      let current = sections[0].id;
      for (const { id, el } of sections) {
        const top = el.getBoundingClientRect().top;
        // At the very bottom the last clauses can never reach the line: take the last one in view.
        if (top <= READING_LINE_PX || (atBottom && top < window.innerHeight - 80)) current = id;
      }
      setActive(current);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(compute);
    };
    compute();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, [clauses]);

  return active;
}
