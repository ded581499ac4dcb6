'use client';

import { useEffect, useState } from 'react';
import { clausesOfCollaborators } from '@/lib/collab/cursor-clause';
import type { Collab } from './use-collab';

/**
 * Which clause each person online has their caret in (userId → clause id), from the
 * awareness states the editor already shares; updated on every awareness change.
 */
export function useCollaboratorClauses(collab: Collab | null): ReadonlyMap<string, string> {
  const [clauses, setClauses] = useState<ReadonlyMap<string, string>>(() => new Map());
  useEffect(() => {
    if (!collab) return;
    const { awareness } = collab.provider;
    const update = () => {
      const next = clausesOfCollaborators(collab.doc, awareness.getStates() as Map<number, Record<string, unknown>>);
      setClauses((prev) => (prev.size === next.size && [...next].every(([user, clause]) => prev.get(user) === clause) ? prev : next));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [collab]);
  return clauses;
}
