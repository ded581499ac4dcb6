'use client';

import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { ClauseSummary } from '@/lib/api/types';
import { movedOrder } from '@/lib/ui/clause-order';
import type { ToastTone } from '../ui/toasts';
import { reorderClauses } from './structure-api';

/** What the structure controls of the room share: the draft, its clauses in order, and moving them. */
export interface StructureControls {
  draftId: string;
  clauses: readonly ClauseSummary[];
  /** The room's document, to show a clause's paragraphs when splitting it. */
  doc: Y.Doc | null;
  /** The secretariat may change the structure now (write access, draft open). */
  enabled: boolean;
  /** Put a clause at `index` in the list (drag and drop, Alt+Arrow, move buttons). */
  moveTo: (clauseId: string, index: number) => Promise<void>;
  /** Tell the person what happened (a toast). */
  notify: (tone: ToastTone, kind: string, text: string) => void;
}

const StructureContext = createContext<StructureControls | null>(null);

/** The structure controls, or null outside a room (or for a reader: `enabled` false). */
export function useStructure(): StructureControls | null {
  return useContext(StructureContext);
}

interface StructureProviderProps {
  draftId: string;
  clauses: readonly ClauseSummary[];
  doc: Y.Doc | null;
  enabled: boolean;
  notify: StructureControls['notify'];
  children: ReactNode;
}

export function StructureProvider({ draftId, clauses, doc, enabled, notify, children }: StructureProviderProps) {
  const moveTo = useCallback(
    async (clauseId: string, index: number) => {
      const order = movedOrder(clauses, clauseId, index);
      if (order.every((id, i) => id === clauses[i]?.id)) return;
      try {
        await reorderClauses(draftId, order);
      } catch (err) {
        notify('warn', 'structure-error', err instanceof Error ? err.message : 'The clause could not be moved.');
      }
    },
    [draftId, clauses, notify],
  );
  const value = useMemo(() => ({ draftId, clauses, doc, enabled, moveTo, notify }), [draftId, clauses, doc, enabled, moveTo, notify]);
  return <StructureContext.Provider value={value}>{children}</StructureContext.Provider>;
}
