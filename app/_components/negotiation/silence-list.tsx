'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ClauseSummary, SilenceProcedureDto } from '@/lib/api/types';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { SilenceCountdown } from './silence-countdown';

interface SilenceListProps {
  draftId: string;
  procedures: readonly SilenceProcedureDto[];
  clausesById: ReadonlyMap<string, ClauseSummary>;
  /** Extra controls for a procedure (e.g. "Break silence" on My delegation). */
  renderAction?: (procedure: SilenceProcedureDto) => ReactNode;
}

const MAX_CLAUSES_LISTED = 4;

function outcome(p: SilenceProcedureDto): string | null {
  const when = p.endedAt ? formatDateTimeUtc(p.endedAt) : null;
  switch (p.state) {
    case 'broken':
      return `Silence broken by ${p.brokenBy ?? 'a delegation'}${when ? ` on ${when}` : ''}${p.reason ? `: “${p.reason}”` : ''}`;
    case 'completed':
      return `Nobody broke silence: agreed${when ? ` on ${when}` : ''}.`;
    case 'interrupted':
      return `Not agreed at the deadline${when ? ` (${when})` : ''}${p.reason ? `: “${p.reason}”` : ''}`;
    case 'cancelled':
      return `Cancelled by the secretariat${when ? ` on ${when}` : ''}${p.reason ? `: “${p.reason}”` : ''}`;
    default:
      return null;
  }
}

const STATE_LABELS: Record<SilenceProcedureDto['state'], string> = {
  running: 'Under silence',
  broken: 'Silence broken',
  completed: 'Agreed under silence',
  cancelled: 'Cancelled',
  interrupted: 'Not agreed: open brackets',
};

/** Silence procedures with their clauses, deadline and a live countdown while they run. */
export function SilenceList({ draftId, procedures, clausesById, renderAction }: SilenceListProps) {
  return (
    <ul className="silence-list" data-testid="silence-list" role="list">
      {procedures.map((p) => {
        const clauses = p.clauseIds
          .map((id) => clausesById.get(id))
          .filter((c): c is ClauseSummary => Boolean(c))
          .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
        const shown = clauses.slice(0, MAX_CLAUSES_LISTED);
        const more = clauses.length - shown.length;
        const ended = outcome(p);
        return (
          <li key={p.id} className={`silence-item silence-item--${p.state}`} data-testid="silence-item" data-state={p.state} data-silence-id={p.id}>
            <div className="silence-item__main">
              <p className="silence-item__state">{STATE_LABELS[p.state]}</p>
              <ul className="silence-item__clauses" role="list">
                {shown.map((c) => (
                  <li key={c.id}>
                    <Link href={`/drafts/${encodeURIComponent(draftId)}#clause-${c.number}`}>
                      <span className="silence-item__number">{c.number}.</span> {c.title}
                    </Link>
                  </li>
                ))}
                {more > 0 ? <li className="muted">and {more} more</li> : null}
              </ul>
              <p className="silence-item__meta">
                Deadline <time dateTime={p.deadline}>{formatDateTimeUtc(p.deadline)}</time> · started by {p.startedBy}
              </p>
              {p.note ? <p className="silence-item__note">{p.note}</p> : null}
              {ended ? <p className="silence-item__outcome">{ended}</p> : null}
            </div>
            {p.state === 'running' || renderAction ? (
              <div className="silence-item__side">
                {p.state === 'running' ? <SilenceCountdown deadline={p.deadline} /> : null}
                {renderAction?.(p)}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
