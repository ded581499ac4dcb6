import type { AlternativeDto, BracketDto } from '@/lib/api/types';
import { formatShortUtc } from '../ui/format';
import { closedBy, plural, who } from './annotation-format';

/** The clause's closed brackets (removed, or resolved by an adoption) and its archived, withdrawn and adopted alternatives. */
export function AnnotationsHistory({
  closedBrackets,
  pastAlternatives,
}: {
  closedBrackets: readonly BracketDto[];
  pastAlternatives: readonly AlternativeDto[];
}) {
  if (closedBrackets.length === 0 && pastAlternatives.length === 0) return null;
  return (
    <details className="annot__history" data-testid="annotations-history">
      <summary>
        History: {plural(closedBrackets.length, 'closed bracket')}, {plural(pastAlternatives.length, 'archived alternative')}
      </summary>
      <ul>
        {closedBrackets.map((b) => (
          <li key={b.id} data-testid="removed-bracket" data-state={b.state}>
            [{b.quote.trim()}] — bracketed by {who(b.delegation, b.proposedBy)}, {closedBy(b)}
          </li>
        ))}
        {pastAlternatives.map((a) => (
          <li key={a.id} data-testid="archived-alternative" data-state={a.state}>
            <strong>ALT {a.number}</strong> ({a.state}) “{a.body}” — proposed by {who(a.delegation, a.proposedBy)}
            {a.decisionNote ? `; ${a.decisionNote}` : ''}
            {a.decidedBy && a.decidedAt ? ` (${a.decidedBy}, ${formatShortUtc(a.decidedAt)} UTC)` : ''}
            {a.state === 'adopted' && a.replacedText !== undefined ? ` It replaced “${a.replacedText.slice(0, 200)}”.` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
