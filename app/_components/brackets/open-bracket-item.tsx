import type { BracketDto } from '@/lib/api/types';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { formatShortUtc } from '../ui/format';
import { who } from './annotation-format';
import type { PanelBracket } from './panel-counts';

/** Why a listed open bracket does not count (it is still listed: its proposer or the secretariat may remove it). */
const NOT_COUNTED: Record<Exclude<PanelBracket['count'], 'counted'>, string> = {
  detached: 'detached: these words were deleted (not counted)',
  within_typed: 'inside typed brackets (counted there)',
  duplicate: 'same words as another bracket (counted once)',
};

interface OpenBracketItemProps {
  item: PanelBracket;
  removable: boolean;
  busy: boolean;
  onRemove: (bracket: BracketDto) => void;
}

/** One open bracket of the panel: its words as they are now, who and when, and why it does not count when it does not. */
export function OpenBracketItem({ item, removable, busy, onRemove }: OpenBracketItemProps) {
  const { bracket: b, text, count } = item;
  const detached = count === 'detached';
  return (
    <li
      className={`annot__bracket${detached ? ' is-detached' : ''}`}
      data-testid="bracket-item"
      data-bracket-id={b.id}
      data-detached={detached ? 'true' : 'false'}
      data-count={count}
    >
      <span className="annot__quote">
        <span aria-hidden="true">[</span>
        {text ?? b.quote}
        <span aria-hidden="true">]</span>
      </span>
      <span className="annot__meta">
        {who(b.delegation, b.proposedBy)},{' '}
        <time dateTime={b.proposedAt} title={formatDateTimeUtc(b.proposedAt)}>
          {formatShortUtc(b.proposedAt)} UTC
        </time>
        {count !== 'counted' ? <strong className="annot__detached"> · {NOT_COUNTED[count]}</strong> : null}
      </span>
      {removable ? (
        <button type="button" className="linkish" onClick={() => onRemove(b)} disabled={busy} aria-label={`Remove the bracket on “${b.quote.slice(0, 60)}”`}>
          Remove
        </button>
      ) : null}
    </li>
  );
}
