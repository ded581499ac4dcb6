'use client';

import type { AlternativeDto } from '@/lib/api/types';
import { canWithdrawAlternative } from '@/lib/authz/annotations';
import type { Identity } from '@/lib/domain/identity';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { formatShortUtc } from '../ui/format';
import { who } from './annotation-format';

export interface AlternativeGroupProps {
  /** Open alternatives competing for the same words (or for the whole clause), by number. */
  group: readonly AlternativeDto[];
  /** The words they would replace as they are now; null when deleted (or for the whole clause once the text is loaded). */
  current: string | null;
  canAnnotate: boolean;
  canAdopt: boolean;
  identity: Identity;
  ownDelegation: DelegationCode | null;
  busy: boolean;
  /** Back (true) or stop backing (false) an alternative for our delegation. */
  onBack: (alternative: AlternativeDto, backed: boolean) => void;
  onWithdraw: (alternative: AlternativeDto) => void;
  onAdopt: (alternative: AlternativeDto) => void;
  onProposeAnother: () => void;
}

/** One group of competing wordings side by side: ALT 1 (the current text), then each ALT with its backers and actions. */
export function AlternativeGroup(props: AlternativeGroupProps) {
  const { group, current, canAnnotate, canAdopt, identity, ownDelegation, busy, onBack, onWithdraw, onAdopt, onProposeAnother } = props;
  const first = group[0];
  const currentLabel = first.scope === 'span' ? (current ?? 'these words were deleted (not counted)') : 'the clause as it stands';
  return (
    <section
      className="alts"
      data-testid="alternative-group"
      aria-label={`Alternatives for ${first.scope === 'span' ? `“${first.quote.slice(0, 60)}”` : 'the whole clause'}`}
    >
      <div className="alts__grid">
        <article className="alt alt--current" data-testid="alternative" data-alt-number="1">
          <header className="alt__head">
            <span className="alt__label">ALT 1</span>
            <span className="alt__by">current text</span>
          </header>
          <p className="alt__body">{first.scope === 'span' ? currentLabel : <em>{currentLabel}</em>}</p>
        </article>
        {group.map((a) => {
          const backed = ownDelegation ? a.backers.includes(ownDelegation) : false;
          return (
            <article key={a.id} className="alt" data-testid="alternative" data-alt-number={a.number} data-alternative-id={a.id}>
              <header className="alt__head">
                <span className="alt__label">ALT {a.number}</span>
                <span className="alt__by">
                  {who(a.delegation, a.proposedBy)},{' '}
                  <time dateTime={a.proposedAt} title={formatDateTimeUtc(a.proposedAt)}>
                    {formatShortUtc(a.proposedAt)} UTC
                  </time>
                </span>
              </header>
              <p className="alt__body">{a.body}</p>
              {a.note ? <p className="alt__note">“{a.note}”</p> : null}
              <p className="alt__backers" data-testid="alternative-backers">
                {a.backers.length ? (
                  <>
                    Backed by{' '}
                    {a.backers.map((d) => (
                      <span key={d} className="alt__backer">
                        {d}
                      </span>
                    ))}
                  </>
                ) : (
                  <span className="annot__muted">No delegation backs it yet</span>
                )}
              </p>
              <div className="alt__actions">
                {ownDelegation && canAnnotate ? (
                  <button
                    type="button"
                    className={`button button--small ${backed ? 'button--ghost' : 'button--secondary'}`}
                    aria-pressed={backed}
                    disabled={busy}
                    onClick={() => onBack(a, !backed)}
                  >
                    {backed ? `Stop backing (${ownDelegation})` : `Back ALT ${a.number}`}
                  </button>
                ) : null}
                {canAnnotate && canWithdrawAlternative(identity, a.delegation) ? (
                  <button type="button" className="linkish" disabled={busy} onClick={() => onWithdraw(a)}>
                    Withdraw
                  </button>
                ) : null}
                {canAdopt ? (
                  <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => onAdopt(a)}>
                    Adopt ALT {a.number}
                  </button>
                ) : null}
              </div>
            </article>
          );
        })}
      </div>
      {canAnnotate && (first.scope === 'clause' || current !== null) ? (
        <button type="button" className="linkish alts__more" onClick={onProposeAnother}>
          Propose another wording for {first.scope === 'span' ? 'these words' : 'the clause'}…
        </button>
      ) : null}
    </section>
  );
}
