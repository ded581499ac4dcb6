'use client';

import type { Editor } from '@tiptap/core';
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { BracketDto } from '@/lib/api/types';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { formatShortUtc } from '../ui/format';

export interface CardPlace {
  id: string;
  top: number;
  left: number;
}

/** Which bracket's card is open and where: the bracket whose `[` is hovered or focused in the editor's text. */
export function useBracketCard(editor: Editor | null): [CardPlace | null, Dispatch<SetStateAction<CardPlace | null>>] {
  const [card, setCard] = useState<CardPlace | null>(null);
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    const show = (event: Event) => {
      const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-bracket-id]');
      if (!target) return;
      clearTimeout(hideTimer);
      const rect = target.getBoundingClientRect();
      setCard({ id: target.dataset.bracketId!, top: rect.bottom + 6, left: Math.max(8, rect.left - 8) });
    };
    const hide = (event: Event) => {
      const to = (event as MouseEvent | FocusEvent).relatedTarget as HTMLElement | null;
      if (to?.closest('.bracket-card')) return;
      hideTimer = setTimeout(() => setCard(null), 400);
    };
    dom.addEventListener('mouseover', show);
    dom.addEventListener('focusin', show);
    dom.addEventListener('mouseout', hide);
    dom.addEventListener('focusout', hide);
    const onScroll = () => setCard(null);
    window.addEventListener('scroll', onScroll, { passive: true, capture: true });
    return () => {
      clearTimeout(hideTimer);
      dom.removeEventListener('mouseover', show);
      dom.removeEventListener('focusin', show);
      dom.removeEventListener('mouseout', hide);
      dom.removeEventListener('focusout', hide);
      window.removeEventListener('scroll', onScroll, { capture: true });
    };
  }, [editor]);
  return [card, setCard];
}

export interface BracketCardProps {
  bracket: BracketDto;
  at: CardPlace;
  removable: boolean;
  busy: boolean;
  onRemove: () => void;
  onClose: () => void;
}

/** Who bracketed the words and when, with **Remove bracket** for those allowed. */
export function BracketCard({ bracket, at, removable, busy, onRemove, onClose }: BracketCardProps) {
  return (
    <div
      className="bracket-card"
      role="group"
      aria-label="Bracket"
      data-testid="bracket-card"
      style={{ top: at.top, left: at.left }}
      onMouseLeave={onClose}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <p className="bracket-card__title">Bracketed by {bracket.delegation ?? 'the secretariat'}</p>
      <p className="bracket-card__meta">
        {bracket.proposedBy},{' '}
        <time dateTime={bracket.proposedAt} title={formatDateTimeUtc(bracket.proposedAt)}>
          {formatShortUtc(bracket.proposedAt)} UTC
        </time>
      </p>
      {removable ? (
        <button type="button" className="button button--ghost button--small" onClick={onRemove} disabled={busy}>
          Remove bracket
        </button>
      ) : (
        <p className="bracket-card__note">Only the secretariat or {bracket.delegation ?? 'the secretariat'} can remove it.</p>
      )}
    </div>
  );
}
