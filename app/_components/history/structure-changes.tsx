'use client';

import type { StructureChangeDto } from '@/lib/realtime/events';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { structureChangeWords } from '@/lib/ui/structure-words';

/** The changes of the clause structure between the two points of a comparison, oldest first. */
export function StructureChanges({ changes }: { changes: readonly StructureChangeDto[] | undefined }) {
  if (!changes?.length) return null;
  return (
    <ul className="hsummary__list hsummary__structure" role="list" aria-label="Changes of the clause structure" data-testid="compare-structure">
      {changes.map((c, i) => (
        <li key={`${c.at}-${i}`} data-change={c.kind}>
          <strong>{structureChangeWords(c.kind, c.details)}</strong> — {c.by}, <time dateTime={c.at}>{formatDateTimeUtc(c.at)}</time>
        </li>
      ))}
    </ul>
  );
}
