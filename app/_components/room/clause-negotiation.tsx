'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ConsensusDto, DelegationSummary, PositionDto } from '@/lib/api/types';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { ConsensusBadge, summariseConsensus } from '../negotiation/consensus-badge';
import { isStalePosition, type ClausePositions } from '../negotiation/negotiation-state';
import { describePosition, PositionMark, positionLabel } from '../negotiation/position-cell';
import { ClausePositionForm } from './clause-position-form';
import { EditorialControl, OurStaleNotice } from './clause-stale';
import { PositionHistory } from './position-history';

export interface ClauseNegotiationProps {
  draftId: string;
  clauseId: string;
  clauseNumber: number;
  consensus: ConsensusDto | undefined;
  positions: ClausePositions;
  /** Participating delegations, in code order: the ones whose consent is needed. */
  participants: readonly DelegationSummary[];
  /** Our delegation when the signed-in person states positions for it here; null otherwise. */
  ownDelegation: DelegationCode | null;
  /** Delegations whose mandate lets our delegation state their position on this clause ("PL for HU"). */
  mandators?: readonly DelegationCode[];
  /** The secretariat (with write access): may mark the clause's edits editorial. */
  secretariat?: boolean;
  onPositionSaved: (position: PositionDto) => void;
}

type Group = 'objecting' | 'pending' | 'joining';

const GROUP_LABELS: Record<Group, string> = {
  objecting: 'Objecting',
  pending: 'Pending',
  joining: 'Joining consensus',
};

interface ChipData {
  delegation: DelegationSummary;
  position: PositionDto | undefined;
  stale: boolean;
}

function groupOf(code: DelegationCode, position: PositionDto | undefined, consensus: ConsensusDto | undefined): Group {
  if (consensus) {
    if (consensus.objecting.includes(code)) return 'objecting';
    if (
      consensus.missing.includes(code) ||
      consensus.adRef.includes(code) ||
      consensus.reservations.some((r) => r.delegation === code && r.reservation !== 'substantive')
    ) {
      return 'pending';
    }
    return position && position.position !== 'none' ? 'joining' : 'pending';
  }
  if (!position || position.position === 'none' || position.position === 'ad_ref' || position.position === 'reservation') {
    return position?.reservation === 'substantive' ? 'objecting' : 'pending';
  }
  return position.position === 'oppose' ? 'objecting' : 'joining';
}

/** One delegation's position on the clause: code and letter chip; hatched when given on earlier text. */
function PositionChip({ delegation, position, stale }: ChipData) {
  const stated = position && position.position !== 'none' ? position : undefined;
  return (
    <li
      className={`dchip${stale ? ' dchip--stale' : ''}${stated ? '' : ' dchip--none'}`}
      data-testid="position-chip"
      data-delegation={delegation.code}
      data-position={position?.position ?? ''}
      data-reservation={position?.reservation}
      data-stale={stale ? 'true' : 'false'}
      title={position ? describePosition(delegation.code, delegation.name, position, stale) : `${delegation.code} · ${delegation.name}\nNo position yet`}
    >
      <span className="dchip__code">{delegation.code}</span>
      {stated ? <PositionMark position={stated.position} reservation={stated.reservation} stale={stale} /> : null}
      {stated?.statedBy ? (
        <span className="dchip__proxy" data-testid="proxy-mark">
          via {stated.statedBy}
        </span>
      ) : null}
      <span className="visually-hidden">
        {stated ? positionLabel(stated) : 'no position yet'}
        {stale ? ', given on earlier text' : ''}
      </span>
    </li>
  );
}

interface ProxyFormsProps {
  draftId: string;
  clauseId: string;
  clauseNumber: number;
  holder: DelegationCode;
  mandators: readonly DelegationCode[];
  positions: ClausePositions;
  onSaved: (position: PositionDto) => void;
}

/** A form per delegation whose mandate lets ours state its position on this clause ("PL for HU"). */
function ProxyForms({ draftId, clauseId, clauseNumber, holder, mandators, positions, onSaved }: ProxyFormsProps) {
  const id = useId();
  return mandators.map((code) => {
    const theirs = positions.get(code);
    return (
      <section
        key={code}
        className="cneg__section cneg__section--form cneg__section--proxy"
        data-testid="proxy-form"
        data-for={code}
        aria-labelledby={`${id}-for-${code}`}
      >
        <h3 className="cneg__heading" id={`${id}-for-${code}`}>
          Position of {code} · stated by {holder} under {code}&apos;s mandate
        </h3>
        <ClausePositionForm
          draftId={draftId}
          clauseId={clauseId}
          clauseNumber={clauseNumber}
          delegation={code}
          current={theirs && theirs.position !== 'none' ? theirs : undefined}
          onSaved={onSaved}
        />
      </section>
    );
  });
}

/** The explanations of position given with them ("PL for HU" when stated under a mandate). */
function PositionNotes({
  participants,
  positions,
  consensus,
}: {
  participants: readonly DelegationSummary[];
  positions: ClausePositions;
  consensus: ConsensusDto | undefined;
}) {
  const id = useId();
  const notes = participants
    .map((d) => ({ delegation: d, position: positions.get(d.code) }))
    .filter((x): x is { delegation: DelegationSummary; position: PositionDto } => Boolean(x.position?.note));
  if (notes.length === 0) return null;
  return (
    <section className="cneg__section" aria-labelledby={`${id}-notes`}>
      <h3 className="cneg__heading" id={`${id}-notes`}>
        Explanations of position <span className="cneg__count">{notes.length}</span>
      </h3>
      <ul className="cnotes" role="list">
        {notes.map(({ delegation, position }) => {
          const stale = position.position !== 'none' && isStalePosition(position, consensus);
          return (
            <li key={delegation.code} className="cnotes__item" data-delegation={delegation.code}>
              <span className="cnotes__who">
                <span className="dchip__code">{delegation.code}</span>
                <PositionMark position={position.position} reservation={position.reservation} stale={stale} />
              </span>
              <span className="cnotes__text">
                <span className="cnotes__label">
                  {positionLabel(position)}
                  {position.statedBy ? ` (${position.statedBy} for ${delegation.code})` : ''}
                </span>
                {stale ? <span className="stale-tag">given on earlier text</span> : null}
                <span className="cnotes__note">“{position.note}”</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * Where a clause stands, in one calm line under its heading: consensus, pending (with
 * exactly what is missing) or blocked (with who objects), and our own position. It
 * opens into the positions of every participating delegation, their explanations, the
 * history of changes and, for a delegate, the form to state our position.
 */
export function ClauseNegotiation({
  draftId,
  clauseId,
  clauseNumber,
  consensus,
  positions,
  participants,
  ownDelegation,
  mandators = [],
  secretariat = false,
  onPositionSaved,
}: ClauseNegotiationProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [focusForm, setFocusForm] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);

  const summary = consensus ? summariseConsensus(consensus) : null;
  const mine = ownDelegation ? positions.get(ownDelegation) : undefined;
  const mineStated = mine && mine.position !== 'none' ? mine : undefined;
  const mineStale = mineStated ? isStalePosition(mineStated, consensus) : false;

  const chips = useMemo(() => {
    const out: Record<Group, ChipData[]> = { objecting: [], pending: [], joining: [] };
    for (const delegation of participants) {
      const position = positions.get(delegation.code);
      const stale = position && position.position !== 'none' ? isStalePosition(position, consensus) : false;
      out[groupOf(delegation.code, position, consensus)].push({ delegation, position, stale });
    }
    return out;
  }, [participants, positions, consensus]);

  useEffect(() => {
    if (!open || !focusForm) return;
    panelRef.current?.querySelector<HTMLElement>('[data-testid="position-form"] select')?.focus();
    setFocusForm(false);
  }, [open, focusForm]);

  const panelId = `${id}-panel`;
  const staleCodes = [...chips.objecting, ...chips.pending, ...chips.joining]
    .filter((c) => c.stale)
    .map((c) => c.delegation.code)
    .sort();
  const staleCount = chips.pending.filter((c) => c.stale).length + chips.objecting.filter((c) => c.stale).length;

  return (
    <div className={`cneg${open ? ' is-open' : ''}`}>
      <div className="cneg__line">
        <button
          type="button"
          className="cneg__toggle"
          data-testid="positions-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
          title={summary ? summary.full : undefined}
        >
          {consensus && summary ? (
            <span className="cneg__summary" data-testid="consensus" data-state={consensus.state}>
              <ConsensusBadge state={consensus.state} />
              <span className="cneg__detail">{summary.detail}</span>
            </span>
          ) : (
            <span className="cneg__summary cneg__muted">Consensus…</span>
          )}
          <span className="cneg__more-label">
            {open ? 'Hide positions' : 'Positions'}
            <svg className="cneg__chevron" viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" focusable="false">
              <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </span>
        </button>
        {ownDelegation ? (
          <span
            className={`cneg__ours${mineStale ? ' is-stale' : ''}`}
            data-testid="our-position"
            data-position={mine?.position ?? ''}
            data-stale={mineStale ? 'true' : 'false'}
          >
            <span className="cneg__ours-label">{ownDelegation}</span>
            {mineStated ? (
              <>
                <PositionMark position={mineStated.position} reservation={mineStated.reservation} stale={mineStale} />
                <span className="cneg__ours-text">{positionLabel(mineStated)}</span>
              </>
            ) : (
              <span className="cneg__ours-text cneg__ours-text--none">No position yet</span>
            )}
          </span>
        ) : null}
      </div>

      {mineStated && mineStale && ownDelegation ? (
        <OurStaleNotice
          draftId={draftId}
          clauseId={clauseId}
          delegation={ownDelegation}
          position={mineStated}
          onSaved={onPositionSaved}
          onChange={() => {
            setOpen(true);
            setFocusForm(true);
          }}
        />
      ) : null}

      {secretariat ? <EditorialControl draftId={draftId} clauseId={clauseId} clauseNumber={clauseNumber} stale={staleCodes} onSaved={onPositionSaved} /> : null}

      {open ? (
        <div className="cneg__panel" id={panelId} ref={panelRef} role="region" aria-label={`Positions on clause ${clauseNumber}`}>
          {ownDelegation ? (
            <section className="cneg__section cneg__section--form" aria-labelledby={`${id}-ours`}>
              <h3 className="cneg__heading" id={`${id}-ours`}>
                Our position · {ownDelegation}
              </h3>
              <ClausePositionForm
                draftId={draftId}
                clauseId={clauseId}
                clauseNumber={clauseNumber}
                delegation={ownDelegation}
                current={mineStated}
                onSaved={onPositionSaved}
              />
            </section>
          ) : null}

          {ownDelegation ? (
            <ProxyForms
              draftId={draftId}
              clauseId={clauseId}
              clauseNumber={clauseNumber}
              holder={ownDelegation}
              mandators={mandators}
              positions={positions}
              onSaved={onPositionSaved}
            />
          ) : null}

          <section className="cneg__section" aria-labelledby={`${id}-where`}>
            <h3 className="cneg__heading" id={`${id}-where`}>
              Where delegations stand <span className="cneg__count">{participants.length}</span>
            </h3>
            <div className="cneg__groups">
              {(Object.keys(GROUP_LABELS) as Group[]).map((group) =>
                chips[group].length > 0 ? (
                  <div key={group} className={`cneg__group cneg__group--${group}`}>
                    <p className="cneg__group-label">
                      {GROUP_LABELS[group]} <span className="cneg__count">{chips[group].length}</span>
                    </p>
                    <ul className="dchips" role="list">
                      {chips[group].map((chip) => (
                        <PositionChip key={chip.delegation.code} {...chip} />
                      ))}
                    </ul>
                  </div>
                ) : null,
              )}
            </div>
            <p className="cneg__key">
              <span>S support</span> · <span>L can live with</span> · <span>A ad referendum</span> ·{' '}
              <span>R reservation (s scrutiny, p parliamentary, l linguistic, ! substantive)</span> · <span>I interpretative statement</span> ·{' '}
              <span>Ab abstain</span> · <span>O oppose</span>
              {staleCount > 0 ? (
                <>
                  {' '}
                  · <span className="cneg__key-stale">hatched: given on earlier text</span>
                </>
              ) : null}
            </p>
          </section>

          <PositionNotes participants={participants} positions={positions} consensus={consensus} />

          <section className="cneg__section" aria-labelledby={`${id}-history`}>
            <h3 className="cneg__heading" id={`${id}-history`}>
              History of positions <span className="cneg__heading-note">times in UTC</span>
            </h3>
            <PositionHistory draftId={draftId} clauseId={clauseId} version={positions} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
