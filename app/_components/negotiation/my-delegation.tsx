'use client';

import Link from 'next/link';
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import type {
  ClauseSummary,
  ConfirmedPositionDto,
  ConsensusDto,
  DelegationSummary,
  DraftDetail,
  MandateDto,
  PositionDto,
  SilenceProcedureDto,
} from '@/lib/api/types';
import type { ClauseStatus, DelegationCode } from '@/lib/domain/vocabulary';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { StatusBadge } from '../status-badge';
import { compareHref } from '../history/history-api';
import { summariseConsensus } from './consensus-badge';
import { MandatesPanel } from './mandates-panel';
import { ConfirmAllBox, ConfirmedReport } from './confirm-all';
import { useSubmit } from '../ui/use-submit';
import { breakSilence, putPosition } from './negotiation-api';
import { NegotiationBar } from './negotiation-bar';
import { isStalePosition, runningSilences, silenceMandators, type NegotiationSnapshot } from './negotiation-state';
import { PositionMark, positionLabel } from './position-cell';
import { PositionForm } from './position-form';
import { SilenceList } from './silence-list';
import { useNegotiation } from './use-negotiation';

export interface MyDelegationProps {
  draft: DraftDetail;
  /** The signed-in delegate's delegation (a participant of the draft). */
  delegation: DelegationSummary;
  initial?: NegotiationSnapshot;
}

type Bucket = 'missing' | 'stale' | 'holding' | 'other';

interface Item {
  clause: ClauseSummary;
  status: ClauseStatus;
  consensus: ConsensusDto | undefined;
  mine: PositionDto | undefined;
  stale: boolean;
}

/** Positions that keep a clause from consensus until we lift them. */
const HOLDING: ReadonlySet<string> = new Set(['reservation', 'ad_ref', 'oppose']);

function bucketOf(item: Item): Bucket | null {
  if (item.status === 'withdrawn') return null;
  // Under silence, our silence is consent: the procedure's card is where to act.
  if (item.status === 'silence') return null;
  if (item.status === 'agreed') return 'other';
  if (!item.mine || item.mine.position === 'none') return 'missing';
  if (item.stale) return 'stale';
  if (HOLDING.has(item.mine.position)) return 'holding';
  return 'other';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function clauseHref(draftId: string, clause: ClauseSummary): string {
  return `/drafts/${encodeURIComponent(draftId)}#clause-${clause.number}`;
}

/** "Break silence": asks for the reason, then breaks the procedure for our delegation. */
function BreakSilenceControl({
  draftId,
  procedure,
  forDelegation,
  onBroken,
}: {
  draftId: string;
  procedure: SilenceProcedureDto;
  /** Break it for this delegation, under its mandate (which allows it). */
  forDelegation?: DelegationCode;
  onBroken: (p: SilenceProcedureDto) => void;
}) {
  const label = forDelegation ? `Break silence for ${forDelegation}` : 'Break silence';
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, submit } = useSubmit(() => breakSilence(draftId, procedure.id, reason, forDelegation), {
    fallback: 'Silence could not be broken.',
    check: () => (reason.trim().length < 3 ? `Say why ${forDelegation ?? 'your delegation'} breaks silence: the reason is circulated to everyone.` : null),
    onDone: onBroken,
  });

  if (!open) {
    return (
      <button type="button" className="button button--break button--small" onClick={() => setOpen(true)} data-for={forDelegation ?? ''}>
        {label}
      </button>
    );
  }

  return (
    <form className="break-form" onSubmit={(e) => void submit(e)} data-testid="break-silence-form" data-for={forDelegation ?? ''}>
      <label htmlFor={`${id}-reason`}>
        {forDelegation ? `Reason for breaking silence for ${forDelegation} (under its mandate)` : 'Reason for breaking silence'}
      </label>
      <textarea
        id={`${id}-reason`}
        rows={3}
        value={reason}
        maxLength={4000}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <p className="break-form__hint">The clauses go back to negotiating and everyone sees your reason.</p>
      <div className="button-row">
        <button type="submit" className="button button--break button--small" disabled={busy}>
          {busy ? 'Breaking…' : label}
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => {
            setOpen(false);
            setError(null);
          }}
          disabled={busy}
        >
          Keep silence
        </button>
      </div>
      {error ? (
        <p className="pform__error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </form>
  );
}

interface ClauseCardProps {
  draftId: string;
  item: Item;
  delegation: DelegationCode;
  onSaved: (position: PositionDto, how: 'saved' | 'confirmed') => void;
}

/** One clause that needs us: where it stands, what we said, and the form to say it again or differently. */
function ClauseCard({ draftId, item, delegation, onSaved }: ClauseCardProps) {
  const { clause, status, consensus, mine, stale } = item;
  const summary = consensus ? summariseConsensus(consensus) : null;
  const stated = mine && mine.position !== 'none' ? mine : undefined;
  const {
    busy: confirming,
    error: confirmError,
    submit: confirm,
  } = useSubmit(
    () => {
      if (!stated) throw new Error('There is no position to confirm.');
      return putPosition(draftId, clause.id, delegation, { position: stated.position, reservation: stated.reservation, note: stated.note });
    },
    { fallback: 'The position could not be confirmed.', onDone: (position) => onSaved(position, 'confirmed') },
  );

  return (
    <article className="mine-card" data-testid="mine-clause" data-clause-number={clause.number} aria-labelledby={`mine-clause-${clause.id}`}>
      <header className="mine-card__head">
        <h3 className="mine-card__title" id={`mine-clause-${clause.id}`}>
          <Link href={clauseHref(draftId, clause)}>
            <span className="clause__number">{clause.number}.</span> {clause.title}
          </Link>
        </h3>
        <StatusBadge status={status} />
      </header>
      {summary ? (
        <p className={`mine-card__summary mine-card__summary--${consensus?.state}`} title={summary.full}>
          {summary.short}
        </p>
      ) : null}

      {stated ? (
        <div className={`mine-card__ours${stale ? ' is-stale' : ''}`}>
          <span className="mine-card__label">Our position</span>
          <div className="mine-card__position">
            <PositionMark position={stated.position} reservation={stated.reservation} stale={stale} size="large" />
            <div>
              <p>
                <strong>{positionLabel(stated)}</strong>
                {stale ? <span className="stale-tag">given on earlier text</span> : null}
              </p>
              {stated.note ? <p className="mine-card__note">“{stated.note}”</p> : null}
              <p className="mine-card__when">
                Set by {stated.updatedBy}, <time dateTime={stated.updatedAt}>{formatDateTimeUtc(stated.updatedAt)}</time>
                {stale ? '. The clause text has changed since: ' : ''}
                {stale ? (
                  <Link href={compareHref(draftId, `log:${stated.logId}`, 'now', clause.id)} data-testid="stale-compare">
                    see what changed
                  </Link>
                ) : null}
              </p>
            </div>
            {stale ? (
              <button type="button" className="button button--secondary button--small mine-card__confirm" onClick={() => void confirm()} disabled={confirming}>
                {confirming ? 'Confirming…' : 'Confirm on current text'}
              </button>
            ) : null}
          </div>
          {confirmError ? (
            <p className="pform__error" role="alert">
              {confirmError}
            </p>
          ) : null}
        </div>
      ) : null}

      <PositionForm
        key={mine ? `${mine.updatedAt}/${mine.position}/${mine.reservation ?? ''}` : 'none'}
        draftId={draftId}
        clause={clause}
        delegation={delegation}
        current={stated}
        onSaved={(p) => onSaved(p, 'saved')}
      />
    </article>
  );
}

function Section({ id, title, count, hint, children }: { id: string; title: string; count: number; hint: string; children: ReactNode }) {
  return (
    <section className="mine-section" aria-labelledby={`${id}-heading`} id={id} data-section={id}>
      <div className="mine-section__head">
        <h2 className="mine-section__title" id={`${id}-heading`}>
          {title} <span className="rail-heading__count">{count}</span>
        </h2>
        <p className="mine-section__hint">{hint}</p>
      </div>
      {children}
    </section>
  );
}

/** Running silence procedures, each with "Break silence" (and "Break silence for HU" under a mandate that allows it). */
function SilenceSection(props: {
  draftId: string;
  code: DelegationCode;
  running: readonly SilenceProcedureDto[];
  mandates: readonly MandateDto[];
  clausesById: ReadonlyMap<string, ClauseSummary>;
  onBroken: (p: SilenceProcedureDto) => void;
}) {
  const { draftId, code, running, mandates, clausesById, onBroken } = props;
  if (running.length === 0) return null;
  return (
    <Section id="silence" title="Under silence" count={running.length} hint="Unless a delegation breaks silence before the deadline, these clauses are agreed.">
      <SilenceList
        draftId={draftId}
        procedures={running}
        clausesById={clausesById}
        renderAction={(p) => (
          <>
            <BreakSilenceControl draftId={draftId} procedure={p} onBroken={onBroken} />
            {silenceMandators(mandates, code, p.clauseIds).map((from) => (
              <BreakSilenceControl key={from} draftId={draftId} procedure={p} forDelegation={from} onBroken={onBroken} />
            ))}
          </>
        )}
      />
    </Section>
  );
}

/** "2 clauses without our position · 1 position given on earlier text": what needs us, in one line. */
function attentionLede(running: number, buckets: Record<Bucket, Item[]>): string {
  const attention = buckets.missing.length + buckets.stale.length + buckets.holding.length + running;
  if (attention === 0) return 'Nothing is waiting for our delegation on this draft.';
  return [
    running ? plural(running, 'silence procedure running', 'silence procedures running') : '',
    buckets.missing.length ? plural(buckets.missing.length, 'clause without our position', 'clauses without our position') : '',
    buckets.stale.length ? plural(buckets.stale.length, 'position given on earlier text', 'positions given on earlier text') : '',
    buckets.holding.length ? plural(buckets.holding.length, 'open reservation or objection', 'open reservations or objections') : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The mandates our delegation gave or holds, and the form to give one. */
function MandatesSection({
  draft,
  code,
  mandates,
  onChanged,
}: {
  draft: DraftDetail;
  code: DelegationCode;
  mandates: readonly MandateDto[];
  onChanged: (m: MandateDto) => void;
}) {
  const active = mandates.filter((m) => m.state === 'active' && (m.from === code || m.to === code)).length;
  return (
    <Section
      id="mandates"
      title="Mandates"
      count={active}
      hint="A delegation that cannot attend can mandate another to state its positions; revoking takes effect at once."
    >
      <MandatesPanel
        draftId={draft.id}
        delegation={code}
        participants={draft.delegations.filter((d) => d.participation === 'participant')}
        clauses={draft.clauses}
        mandates={mandates}
        onChanged={onChanged}
      />
    </Section>
  );
}

/** The draft's clauses sorted into what needs the delegation's attention (see `bucketOf`). */
function useBuckets(clauses: MyDelegationProps['draft']['clauses'], data: ReturnType<typeof useNegotiation>['data'], code: string) {
  return useMemo(() => {
    const out: Record<Bucket, Item[]> = { missing: [], stale: [], holding: [], other: [] };
    for (const clause of clauses) {
      const consensus = data?.consensus.get(clause.id);
      const mine = data?.positions.get(clause.id)?.get(code);
      const item: Item = {
        clause,
        status: data?.statuses.get(clause.id)?.status ?? clause.status,
        consensus,
        mine,
        stale: mine ? isStalePosition(mine, consensus) : false,
      };
      const bucket = bucketOf(item);
      if (bucket) out[bucket].push(item);
    }
    return out;
  }, [clauses, data, code]);
}

/**
 * "My delegation": what still needs the signed-in delegation's attention on this draft.
 * Running silence procedures (with "Break silence"), clauses without our position,
 * positions given on earlier text (with "Confirm on current text"), and our open
 * reservations and objections; each with a compact form to state our position.
 */
export function MyDelegation({ draft, delegation, initial }: MyDelegationProps) {
  const { data, live, error, mergePosition, mergeSilence, mergeMandate } = useNegotiation(draft.id, { initial });
  const [confirmed, setConfirmed] = useState<ConfirmedPositionDto[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [showOthers, setShowOthers] = useState(false);
  const code = delegation.code;
  const clausesById = useMemo(() => new Map(draft.clauses.map((c) => [c.id, c])), [draft.clauses]);

  const buckets = useBuckets(draft.clauses, data, code);

  const running = useMemo(() => runningSilences(data?.silence ?? []), [data]);

  const onSaved = useCallback(
    (position: PositionDto, how: 'saved' | 'confirmed') => {
      mergePosition(position);
      const clause = clausesById.get(position.clauseId);
      setNotice(
        `${how === 'confirmed' ? 'Confirmed on the current text' : 'Saved'}: ${positionLabel(position)} on clause ${clause?.number ?? ''}${clause ? ` (${clause.title})` : ''}.`,
      );
    },
    [mergePosition, clausesById],
  );
  const onBroken = useCallback(
    (procedure: SilenceProcedureDto) => {
      mergeSilence(procedure);
      const numbers = procedure.clauseIds.map((id) => clausesById.get(id)?.number).filter((n): n is number => n !== undefined);
      setNotice(`Silence broken on clause${numbers.length === 1 ? '' : 's'} ${numbers.sort((a, b) => a - b).join(', ')}: back to negotiating.`);
    },
    [mergeSilence, clausesById],
  );

  const onConfirmed = useCallback(
    (list: ConfirmedPositionDto[]) => {
      for (const c of list) mergePosition(c.position);
      setNotice(null);
      setConfirmed(list);
    },
    [mergePosition],
  );

  const attention = buckets.missing.length + buckets.stale.length + buckets.holding.length + running.length;

  const cards = (items: Item[]) => (
    <div className="mine-list">
      {items.map((item) => (
        <ClauseCard key={item.clause.id} draftId={draft.id} item={item} delegation={code} onSaved={onSaved} />
      ))}
    </div>
  );

  return (
    <>
      <NegotiationBar draftId={draft.id} title={draft.title} active="mine" live={live} error={error} />
      <main id="main" className="page page--narrow mine" data-testid="mine" data-delegation={code} data-live={live ? 'true' : 'false'}>
        <header className="page-heading mine__heading">
          <p className="draft-head__eyebrow">
            <span className="swatch" style={{ backgroundColor: delegation.color }} aria-hidden="true" /> {code} · {delegation.name}
          </p>
          <h1>What needs our attention</h1>
          <p className="page-heading__lede">{data === null ? 'Loading…' : attentionLede(running.length, buckets)}</p>
        </header>

        <div className="mine__notice" role="status" aria-live="polite">
          {notice ? (
            <p className="notice notice--ok" data-testid="mine-notice">
              {notice}
              <button type="button" className="linkish" onClick={() => setNotice(null)}>
                Dismiss
              </button>
            </p>
          ) : null}
          {confirmed?.length ? <ConfirmedReport draftId={draft.id} confirmed={confirmed} onDismiss={() => setConfirmed(null)} /> : null}
        </div>

        {data === null ? (
          <div className="room-loading" role="status">
            <span className="spinner" aria-hidden="true" />
            Loading positions…
          </div>
        ) : (
          <>
            <SilenceSection draftId={draft.id} code={code} running={running} mandates={data.mandates} clausesById={clausesById} onBroken={onBroken} />

            {buckets.missing.length > 0 ? (
              <Section
                id="missing"
                title="No position yet"
                count={buckets.missing.length}
                hint="Silence is not support: consensus waits for our position on each of these."
              >
                {cards(buckets.missing)}
              </Section>
            ) : null}

            {buckets.stale.length > 0 ? (
              <Section
                id="stale"
                title="Given on earlier text"
                count={buckets.stale.length}
                hint="The text changed after we stated these positions. Confirm them on the current text, or change them."
              >
                <ConfirmAllBox draftId={draft.id} stale={buckets.stale} onConfirmed={onConfirmed} />
                {cards(buckets.stale)}
              </Section>
            ) : null}

            {buckets.holding.length > 0 ? (
              <Section
                id="holding"
                title="Our reservations and objections"
                count={buckets.holding.length}
                hint="Reservations and ad referendum leave a clause pending; an objection or a substantive reservation blocks it."
              >
                {cards(buckets.holding)}
              </Section>
            ) : null}

            {attention === 0 ? (
              <div className="empty-state" data-testid="mine-done">
                <h2>Nothing needs our attention</h2>
                <p>Every open clause has our position on its current text, and no silence procedure is running.</p>
              </div>
            ) : null}

            <MandatesSection draft={draft} code={code} mandates={data.mandates} onChanged={mergeMandate} />

            <details className="mine-others" onToggle={(e) => setShowOthers(e.currentTarget.open)}>
              <summary>
                Other clauses <span className="rail-heading__count">{buckets.other.length}</span>
                <span className="mine-others__hint">where we support, can live with, abstain or made a statement, and agreed clauses</span>
              </summary>
              {showOthers ? cards(buckets.other) : null}
            </details>
          </>
        )}
      </main>
    </>
  );
}
