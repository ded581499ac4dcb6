'use client';

import { useMemo, useState, type ReactNode } from 'react';
import type { ClauseSummary, DraftDetail, SilenceProcedureDto } from '@/lib/api/types';
import type { AdoptionInput } from '@/lib/domain/adopted-text';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { CONSENSUS_LABELS, type ConsensusState } from './consensus-badge';
import { ConsensusMatrix, type MatrixRow } from './consensus-matrix';
import { MandatesPanel } from './mandates-panel';
import { NegotiationBar } from './negotiation-bar';
import { isPendingOn, NO_POSITIONS, runningSilences, type NegotiationSnapshot } from './negotiation-state';
import { PositionMark } from './position-cell';
import { ProgressChart, type ProgressCounts } from './progress-chart';
import { SilenceList } from './silence-list';
import { useMatrixAnnouncer } from './use-matrix-announcer';
import { useNegotiation } from './use-negotiation';
import { useCommentCounts } from '../comments/use-comment-counts';

export interface DashboardProps {
  draft: DraftDetail;
  /** The snapshot rendered on the server; the dashboard keeps it live from there. */
  initial?: NegotiationSnapshot;
  /** The caller is the secretariat: the export menu offers the adopted text, and (draft open, write access) mandates given by letter can be recorded and revoked. */
  secretariat?: boolean;
}

type StateFilter = 'all' | ConsensusState;

type RowData = MatrixRow;

/** Ended procedures still shown under the running ones, so a broken silence is seen, and by whom. */
const RECENT_ENDED = 3;

function progressOf(rows: readonly RowData[]): ProgressCounts {
  const counts: ProgressCounts = { agreed: 0, agreed_ad_ref: 0, open: 0, blocked: 0, withdrawn: 0 };
  for (const { status, consensus } of rows) {
    if (status === 'withdrawn') counts.withdrawn += 1;
    else if (status === 'agreed') counts.agreed += 1;
    else if (status === 'agreed_ad_ref') counts.agreed_ad_ref += 1;
    else if (consensus?.state === 'blocked') counts.blocked += 1;
    else counts.open += 1;
  }
  return counts;
}

function LegendItem({ letters, label }: { letters: ReactNode; label: string }) {
  return (
    <li>
      {letters}
      <span>{label}</span>
    </li>
  );
}

/** The letters and marks of the matrix, in words. */
function MatrixLegend() {
  return (
    <ul className="matrix-legend" role="list" aria-label="Key to the matrix">
      <LegendItem letters={<PositionMark position="support" />} label="Support" />
      <LegendItem letters={<PositionMark position="can_live_with" />} label="Can live with" />
      <LegendItem letters={<PositionMark position="ad_ref" />} label="Ad referendum" />
      <LegendItem
        letters={
          <>
            <PositionMark position="reservation" reservation="scrutiny" />
            <PositionMark position="reservation" reservation="parliamentary" />
            <PositionMark position="reservation" reservation="linguistic" />
          </>
        }
        label="Scrutiny, parliamentary, linguistic reservation"
      />
      <LegendItem letters={<PositionMark position="reservation" reservation="substantive" />} label="Substantive reservation (blocks)" />
      <LegendItem letters={<PositionMark position="interpretative_statement" />} label="Interpretative statement" />
      <LegendItem letters={<PositionMark position="abstain" />} label="Abstain" />
      <LegendItem letters={<PositionMark position="oppose" />} label="Oppose (blocks)" />
      <LegendItem letters={<PositionMark position="support" stale />} label="Given on earlier text" />
      <LegendItem letters={<span className="pmark pmark--blank" aria-hidden="true" />} label="No position yet" />
    </ul>
  );
}

/** The draft's state and its clauses' statuses as shown, for the adopted text in the export menu. */
function adoptionOf(draft: DraftDetail, rows: readonly RowData[]): AdoptionInput {
  return { closed: draft.state === 'closed', clauses: rows.map((r) => ({ number: r.clause.number, status: r.status })) };
}

/** Running silence procedures, then the last few that ended (so a broken silence is seen, and by whom). */
function SilenceCard(props: { draftId: string; procedures: SilenceProcedureDto[]; running: number; clausesById: ReadonlyMap<string, ClauseSummary> }) {
  const { draftId, procedures, running, clausesById } = props;
  return (
    <section className="dash-card" aria-labelledby="silence-heading">
      <h2 className="rail-heading" id="silence-heading">
        Silence procedures <span className="rail-heading__count">{running} running</span>
      </h2>
      {running === 0 ? <p className="rail-note">No silence procedure is running.</p> : null}
      {procedures.length > 0 ? (
        <SilenceList draftId={draftId} procedures={procedures} clausesById={clausesById} />
      ) : (
        <ul className="silence-list" data-testid="silence-list" role="list" />
      )}
    </section>
  );
}

/** Agreed, pending and blocked clauses at a glance, with the number under silence. */
function ProgressCard(props: { progress: ReturnType<typeof progressOf>; stateCounts: Record<StateFilter, number>; silenceCount: number }) {
  const { progress, stateCounts, silenceCount } = props;
  return (
    <section className="dash-card" aria-labelledby="progress-heading">
      <h2 className="rail-heading" id="progress-heading">
        Progress
      </h2>
      <ProgressChart counts={progress} />
      <dl className="state-counts">
        {(['consensus', 'pending', 'blocked'] as const).map((s) => (
          <div key={s} data-state={s}>
            <dt>
              <span className={`consensus consensus--${s}`}>{CONSENSUS_LABELS[s]}</span>
            </dt>
            <dd>{stateCounts[s]}</dd>
          </div>
        ))}
        <div data-state="silence">
          <dt>
            <span className="status status--silence">Under silence</span>
          </dt>
          <dd>{silenceCount}</dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * The secretariat's view of the whole negotiation: progress, running silence
 * procedures, and the matrix of every clause against every participating delegation,
 * kept live over socket.io.
 */
export function Dashboard({ draft, initial, secretariat = false }: DashboardProps) {
  const { data, live, error, mergeMandate } = useNegotiation(draft.id, { initial });
  const commentCounts = useCommentCounts(draft.id);
  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [pendingOn, setPendingOn] = useState<DelegationCode | ''>('');
  const [underSilence, setUnderSilence] = useState(false);

  // Observers follow the draft but their consent is not needed: they are not columns.
  const columns = useMemo(
    () => draft.delegations.filter((d) => d.participation === 'participant').sort((a, b) => a.code.localeCompare(b.code)),
    [draft.delegations],
  );
  const clausesById = useMemo(() => new Map(draft.clauses.map((c) => [c.id, c])), [draft.clauses]);
  const clauseNumbers = useMemo(() => new Map(draft.clauses.flatMap((c) => (c.number === null ? [] : [[c.id, c.number] as const]))), [draft.clauses]);
  const announcement = useMatrixAnnouncer(data, clauseNumbers);

  const rows = useMemo<RowData[]>(
    () =>
      draft.clauses.map((clause) => ({
        clause,
        status: data?.statuses.get(clause.id)?.status ?? clause.status,
        consensus: data?.consensus.get(clause.id),
        positions: data?.positions.get(clause.id) ?? NO_POSITIONS,
      })),
    [draft.clauses, data],
  );

  const progress = useMemo(() => progressOf(rows), [rows]);
  const stateCounts = useMemo(() => {
    const counts: Record<StateFilter, number> = { all: 0, consensus: 0, pending: 0, blocked: 0 };
    for (const row of rows) {
      counts.all += 1;
      if (row.status !== 'withdrawn' && row.consensus) counts[row.consensus.state] += 1;
    }
    return counts;
  }, [rows]);
  const silenceCount = rows.filter((r) => r.status === 'silence').length;

  const visible = rows.filter((row) => {
    if (stateFilter !== 'all' && (row.status === 'withdrawn' || row.consensus?.state !== stateFilter)) return false;
    if (pendingOn && (row.status === 'withdrawn' || !isPendingOn(row.consensus, pendingOn))) return false;
    if (underSilence && row.status !== 'silence') return false;
    return true;
  });

  const procedures = useMemo(() => {
    const all = data?.silence ?? [];
    return [...runningSilences(all), ...all.filter((p) => p.state !== 'running').slice(0, RECENT_ENDED)];
  }, [data]);
  const running = procedures.filter((p) => p.state === 'running').length;
  const filtered = stateFilter !== 'all' || pendingOn !== '' || underSilence;

  return (
    <>
      <NegotiationBar
        draftId={draft.id}
        title={draft.title}
        active="dashboard"
        live={live}
        error={error}
        adoption={secretariat ? adoptionOf(draft, rows) : undefined}
      />
      <main id="main" className="page dash" data-testid="dashboard" data-live={live ? 'true' : 'false'}>
        <header className="dash__heading">
          <h1 className="dash__title">Consensus dashboard</h1>
          <p className="page-heading__lede">
            {draft.clauses.length} {draft.clauses.length === 1 ? 'clause' : 'clauses'} · {columns.length} participating{' '}
            {columns.length === 1 ? 'delegation' : 'delegations'} · positions and statuses update as they change
          </p>
        </header>

        {data === null ? (
          <div className="room-loading" role="status">
            <span className="spinner" aria-hidden="true" />
            Loading positions…
          </div>
        ) : (
          <>
            <div className="dash__overview">
              <ProgressCard progress={progress} stateCounts={stateCounts} silenceCount={silenceCount} />

              <SilenceCard draftId={draft.id} procedures={procedures} running={running} clausesById={clausesById} />
            </div>

            <section className="dash-card dash-mandates" aria-labelledby="mandates-heading" data-testid="dash-mandates">
              <h2 className="rail-heading" id="mandates-heading">
                Mandates <span className="rail-heading__count">{data.mandates.filter((m) => m.state === 'active').length} in force</span>
              </h2>
              <MandatesPanel
                draftId={draft.id}
                delegation={null}
                participants={columns}
                clauses={draft.clauses}
                mandates={data.mandates}
                canRecord={secretariat && draft.access === 'write' && draft.state !== 'closed'}
                onChanged={mergeMandate}
              />
            </section>

            <section className="dash-matrix" aria-labelledby="matrix-heading">
              <div className="dash-filters">
                <h2 className="visually-hidden" id="matrix-heading">
                  Positions by clause and delegation
                </h2>
                <div className="segmented" role="group" aria-label="Consensus">
                  {(['all', 'blocked', 'pending', 'consensus'] as const).map((f) => (
                    <button
                      key={f}
                      type="button"
                      className="segmented__option"
                      aria-pressed={stateFilter === f}
                      data-filter={f}
                      onClick={() => setStateFilter(f)}
                    >
                      {f === 'all' ? 'All' : CONSENSUS_LABELS[f]} <span className="segmented__count">{stateCounts[f]}</span>
                    </button>
                  ))}
                </div>
                <label className="dash-filters__field">
                  <span>Pending on</span>
                  <select value={pendingOn} onChange={(e) => setPendingOn(e.target.value as DelegationCode | '')} data-testid="pending-on">
                    <option value="">any delegation</option>
                    {columns.map((d) => (
                      <option key={d.code} value={d.code}>
                        {d.code} · {d.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="dash-filters__check">
                  <input type="checkbox" checked={underSilence} onChange={(e) => setUnderSilence(e.target.checked)} data-testid="under-silence" />
                  Under silence <span className="segmented__count">{silenceCount}</span>
                </label>
                <p className="dash-filters__shown" aria-live="polite">
                  {filtered ? (
                    <>
                      {visible.length} of {rows.length} clauses{' '}
                      <button
                        type="button"
                        className="linkish"
                        onClick={() => {
                          setStateFilter('all');
                          setPendingOn('');
                          setUnderSilence(false);
                        }}
                      >
                        Clear filters
                      </button>
                    </>
                  ) : (
                    `${rows.length} clauses`
                  )}
                </p>
              </div>
              <MatrixLegend />

              <ConsensusMatrix draftId={draft.id} columns={columns} rows={visible} highlight={pendingOn} commentCounts={commentCounts} />
              <p className="visually-hidden" aria-live="polite" data-testid="matrix-announcer">
                {announcement}
              </p>
            </section>
          </>
        )}
      </main>
    </>
  );
}
