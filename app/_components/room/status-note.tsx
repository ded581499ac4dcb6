import type { ClauseStatusDto } from '@/lib/api/types';
import { CLAUSE_STATUS_LABELS } from '@/lib/domain/vocabulary';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { formatShortUtc } from '../ui/format';

/** How the current status came about, when the server recorded why: a broken silence, an override, … */
function statusNote(info: ClauseStatusDto | undefined): string | null {
  if (!info?.note || info.status === 'silence') return null;
  const agreeing = info.status === 'agreed' || info.status === 'agreed_ad_ref';
  // Agreeing through the status control records the override reason as the note; the silence procedure says so itself.
  if (agreeing && !info.note.startsWith('Agreed under silence')) return `${CLAUSE_STATUS_LABELS[info.status]} without consensus: ${info.note}`;
  return info.note;
}

/** The note under a clause's heading: why it has its status, who changed it and when. */
export function StatusNote({ info }: { info: ClauseStatusDto | undefined }) {
  const note = statusNote(info);
  if (!note) return null;
  return (
    <p className="clause__status-note" data-testid="status-note">
      {note}
      {info?.changedAt ? (
        <span className="clause__status-note-by">
          {' '}
          — {info.changedBy ? `${info.changedBy}, ` : ''}
          <time dateTime={info.changedAt} title={formatDateTimeUtc(info.changedAt)}>
            {formatShortUtc(info.changedAt)} UTC
          </time>
        </span>
      ) : null}
    </p>
  );
}
