import type { AlternativeDto } from '@/lib/api/types';
import { formatShortUtc } from '../ui/format';
import type { MarkedSpan } from './recorded-brackets';
import type { ClauseAnnotations } from './use-annotations';

/** What the editor draws for a clause: its open brackets, and one mark per group of open span alternatives. */
export function clauseMarks(annotations: ClauseAnnotations): MarkedSpan[] {
  const marks: MarkedSpan[] = [];
  for (const b of annotations.brackets) {
    if (b.state !== 'open') continue;
    marks.push({
      id: b.id,
      kind: 'bracket',
      anchor: b.anchor,
      label: `Bracket proposed by ${b.delegation ?? 'the secretariat'} (${b.proposedBy}), ${formatShortUtc(b.proposedAt)} UTC`,
    });
  }
  const groups = new Map<string, AlternativeDto[]>();
  for (const a of annotations.alternatives) {
    if (a.state !== 'open' || a.scope !== 'span' || !a.anchor) continue;
    groups.set(a.groupId, [...(groups.get(a.groupId) ?? []), a]);
  }
  for (const group of groups.values()) {
    const numbers = group.map((a) => a.number).sort((x, y) => x - y);
    marks.push({
      id: group[0].id,
      kind: 'alternative',
      anchor: group[0].anchor!,
      tag: `ALT ${numbers.join(', ')}`,
      label: `Alternative wording proposed: ALT ${numbers.join(', ')} (see below the clause)`,
    });
  }
  return marks;
}
