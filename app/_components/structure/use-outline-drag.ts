'use client';

import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { dropIndex } from '@/lib/ui/clause-order';
import { moveByKey } from './clause-structure-menu';
import { useStructure } from './structure-context';

const MIME = 'application/x-accord-clause';

export interface OutlineDrag {
  /** Props for a clause's item in the outline: draggable, and a drop target. */
  itemProps(
    clauseId: string,
    index: number,
  ): {
    draggable?: boolean;
    onDragStart?: (e: DragEvent<HTMLElement>) => void;
    onDragEnd?: () => void;
    onDragOver?: (e: DragEvent<HTMLElement>) => void;
    onDrop?: (e: DragEvent<HTMLElement>) => void;
    'data-drop'?: 'before' | 'after';
    'data-dragging'?: 'true';
  };
  /** Alt+↑ / Alt+↓ on a clause's link moves it; focus stays on it. */
  onLinkKey(e: KeyboardEvent<HTMLElement>, clauseId: string): void;
  enabled: boolean;
}

/** The secretariat reorders clauses in the outline: drag and drop, or Alt+Arrow on a focused link. */
export function useOutlineDrag(listRef: React.RefObject<HTMLElement | null>): OutlineDrag {
  const controls = useStructure();
  const [dragging, setDragging] = useState<string | null>(null);
  const [target, setTarget] = useState<{ index: number; side: 'before' | 'after' } | null>(null);
  const refocus = useRef<string | null>(null);
  const enabled = Boolean(controls?.enabled);

  // After a keyboard move the list re-renders in the new order: keep the focus on the moved clause.
  useEffect(() => {
    if (!refocus.current) return;
    listRef.current?.querySelector<HTMLElement>(`[data-outline-clause="${refocus.current}"]`)?.focus();
  }, [controls?.clauses, listRef]);

  return {
    enabled,
    itemProps(clauseId, index) {
      if (!enabled || !controls) return {};
      return {
        draggable: true,
        'data-dragging': dragging === clauseId ? 'true' : undefined,
        'data-drop': target?.index === index && dragging !== clauseId ? target.side : undefined,
        onDragStart: (e) => {
          e.dataTransfer.setData(MIME, clauseId);
          e.dataTransfer.effectAllowed = 'move';
          setDragging(clauseId);
        },
        onDragEnd: () => {
          setDragging(null);
          setTarget(null);
        },
        onDragOver: (e) => {
          if (!e.dataTransfer.types.includes(MIME)) return;
          e.preventDefault();
          const box = e.currentTarget.getBoundingClientRect();
          setTarget({ index, side: e.clientY < box.top + box.height / 2 ? 'before' : 'after' });
        },
        onDrop: (e) => {
          const id = e.dataTransfer.getData(MIME);
          e.preventDefault();
          setDragging(null);
          setTarget(null);
          const from = controls.clauses.findIndex((c) => c.id === id);
          if (from < 0) return;
          const box = e.currentTarget.getBoundingClientRect();
          void controls.moveTo(id, dropIndex(from, index, e.clientY < box.top + box.height / 2 ? 'before' : 'after'));
        },
      };
    },
    onLinkKey(e, clauseId) {
      if (!enabled || !controls) return;
      if (moveByKey(e, controls, clauseId)) refocus.current = clauseId;
    },
  };
}
