import type { CSSProperties } from 'react';
import type { DelegationSummary } from '@/lib/api/types';
import { inkOn } from '@/lib/domain/legible-color';

export interface AuthorStyle {
  /** What is written on the tag: the delegation code, SEC for the secretariat, ? when unknown. */
  code: string;
  /** Words for screen readers and tooltips: "FR (France)", "Secretariat". */
  label: string;
  color: string;
  /** Underline pattern (0–3), so passages differ without colour too. */
  pattern: number;
}

const NEUTRAL = '#6b7485';

/** How an author is shown: by delegation (writers without one are the secretariat). */
export function authorStyle(delegation: string | null, userName: string | null, delegations: readonly DelegationSummary[]): AuthorStyle {
  if (delegation) {
    const index = delegations.findIndex((d) => d.code === delegation);
    const d = index >= 0 ? delegations[index] : undefined;
    return { code: delegation, label: d ? `${delegation} (${d.name})` : delegation, color: d?.color ?? NEUTRAL, pattern: (index >= 0 ? index : 0) % 4 };
  }
  if (userName) return { code: 'SEC', label: 'Secretariat', color: '#4a5568', pattern: 0 };
  return { code: '?', label: 'Unknown author', color: NEUTRAL, pattern: 0 };
}

/** A delegation's code on its colour (with the code, never colour alone). */
export function AuthorTag({ style, title }: { style: AuthorStyle; title?: string }) {
  return (
    <span className="htag" style={{ '--author': style.color, '--author-ink': inkOn(style.color) } as CSSProperties} title={title ?? style.label}>
      {style.code}
    </span>
  );
}
