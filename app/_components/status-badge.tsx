import type { ClauseStatus } from '@/lib/domain/vocabulary';
import { CLAUSE_STATUS_LABELS } from '@/lib/domain/vocabulary';

interface StatusBadgeProps {
  status: ClauseStatus;
  /** The clause's own badge carries the test hook; copies (e.g. in the outline) do not. */
  primary?: boolean;
  compact?: boolean;
}

/** A clause status in words, with a colour that repeats (never replaces) the word. */
export function StatusBadge({ status, primary = false, compact = false }: StatusBadgeProps) {
  return (
    <span className={`status status--${status}${compact ? ' status--compact' : ''}`} data-testid={primary ? 'clause-status' : undefined} data-status={status}>
      {CLAUSE_STATUS_LABELS[status]}
    </span>
  );
}
