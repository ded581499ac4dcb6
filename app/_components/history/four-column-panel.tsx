'use client';

import { useEffect, useState, type CSSProperties } from 'react';
import type { DelegationSummary } from '@/lib/api/types';
import { inkOn } from '@/lib/domain/legible-color';
import { POSITION_LABELS, RESERVATION_LABELS, type Position, type Reservation } from '@/lib/domain/vocabulary';
import { putCommentSchema } from '@/lib/requests/four-column';
import {
  CLAUSE_COMMENT_MAX,
  rowUnchanged,
  type FourColumnBracketDto,
  type FourColumnDto,
  type FourColumnPositionDto,
  type FourColumnRowDto,
} from '@/lib/history/four-column';
import { bracketPieces } from '@/lib/history/four-column-marks';
import { describeResolvedPoint } from '@/lib/history/point';
import { DownloadButton } from '../export/download-button';
import { useSubmit } from '../ui/use-submit';
import styles from './four-column.module.css';
import { authorStyle } from './author-tag';
import { Segment } from './compare-panel';
import { fetchFourColumn, saveClauseComment } from './history-api';
import { LiveNotice } from './live-notice';
import { PointPicker, type PointOption } from './point-picker';
import type { HistoryPulse } from './use-history-pulse';

interface FourColumnPanelProps {
  draftId: string;
  delegations: readonly DelegationSummary[];
  options: PointOption[];
  from: string;
  to: string;
  /** The secretariat of an open draft: writes the comments (when B is now). */
  secretariat: boolean;
  /** Bumped after a restore or a new revision, to fetch again. */
  version: number;
  pulse: HistoryPulse;
  onChange: (from: string, to: string) => void;
}

function positionWords(p: FourColumnPositionDto): string {
  if (p.position === 'reservation' && p.reservation && p.reservation in RESERVATION_LABELS) return RESERVATION_LABELS[p.reservation as Reservation];
  return p.position in POSITION_LABELS ? POSITION_LABELS[p.position as Position].label : p.position;
}

function Positions({ row, delegations }: { row: FourColumnRowDto; delegations: readonly DelegationSummary[] }) {
  if (row.positions.length === 0) return <p className={styles.none}>No position stated.</p>;
  return (
    <ul className={styles.positions} role="list">
      {row.positions.map((p) => {
        const style = authorStyle(p.delegation, null, delegations);
        return (
          <li key={p.delegation} data-delegation={p.delegation} data-testid="fourcol-position">
            <span className="htag" style={{ '--author': style.color, '--author-ink': inkOn(style.color) } as CSSProperties} title={style.label}>
              {p.delegation}
            </span>{' '}
            <strong>{positionWords(p)}</strong>
            {p.stale ? (
              <span className={styles.stale} title="This position was given on other text than the text at B">
                {' '}
                † on earlier text
              </span>
            ) : null}
            {p.note ? <span className={styles.note}> — {p.note}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function CommentEditor({
  draftId,
  row,
  onSaved,
  onCancel,
}: {
  draftId: string;
  row: FourColumnRowDto;
  onSaved: (comment: string | null) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(row.comment ?? '');
  // The server's own schema checks the comment first (length, control characters).
  const { busy, error, submit } = useSubmit(() => saveClauseComment(draftId, row.clauseId, value), {
    fallback: 'The comment could not be saved.',
    check: () => {
      const parsed = putCommentSchema.safeParse({ comment: value });
      return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'The comment is not valid.');
    },
    onDone: (saved) => onSaved(saved.comment),
  });
  return (
    <form onSubmit={(e) => void submit(e)}>
      <label className="visually-hidden" htmlFor={`comment-${row.clauseId}`}>
        Secretariat&apos;s comment on {row.number === null ? `"${row.title}"` : `clause ${row.number}`}
      </label>
      <textarea
        id={`comment-${row.clauseId}`}
        className={styles.textarea}
        rows={4}
        maxLength={CLAUSE_COMMENT_MAX}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        data-testid="comment-input"
        autoFocus
      />
      <p className={styles.count}>
        {value.length.toLocaleString('en-GB')} / {CLAUSE_COMMENT_MAX.toLocaleString('en-GB')}
        {value.trim() === '' && row.comment ? ' · saving empty clears the comment' : ''}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={busy} data-testid="save-comment">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button--ghost button--small" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}

function CommentCell({
  draftId,
  row,
  editable,
  onSaved,
}: {
  draftId: string;
  row: FourColumnRowDto;
  editable: boolean;
  onSaved: (comment: string | null) => void;
}) {
  const [editing, setEditing] = useState(false);
  if (editing && editable)
    return (
      <CommentEditor
        draftId={draftId}
        row={row}
        onCancel={() => setEditing(false)}
        onSaved={(comment) => {
          onSaved(comment);
          setEditing(false);
        }}
      />
    );
  return (
    <div data-testid="fourcol-comment">
      {row.comment ? <p className={styles.comment}>{row.comment}</p> : <p className={styles.none}>No comment.</p>}
      {editable ? (
        <button
          type="button"
          className="linkish"
          onClick={() => setEditing(true)}
          data-testid="edit-comment"
          aria-label={`${row.comment ? 'Edit' : 'Add'} the comment on ${row.number === null ? row.title : `clause ${row.number}`}`}
        >
          {row.comment ? 'Edit comment' : 'Add comment'}
        </button>
      ) : null}
    </div>
  );
}

interface RowProps {
  row: FourColumnRowDto;
  draftId: string;
  delegations: readonly DelegationSummary[];
  labels: { a: string; b: string };
  comments: boolean;
  editable: boolean;
  onSaved: (comment: string | null) => void;
}

/** A text column: the words (changes marked in column B) with the recorded brackets open at that point as `[ … ]` and their delegations. */
function MarkedText({
  segments,
  brackets,
  side,
  delegations,
}: {
  segments: FourColumnRowDto['segments'];
  brackets: FourColumnBracketDto[];
  side: 'A' | 'B';
  delegations: readonly DelegationSummary[];
}) {
  const pieces = bracketPieces(segments, brackets, side);
  return pieces.map((piece, i) => {
    if (piece.type === 'open')
      return (
        <span key={i} className={styles.bracket}>
          [
        </span>
      );
    if (piece.type === 'close')
      return (
        <span key={i} className={styles.bracket}>
          ]
          <sup className={styles.bracketBy} title={`Bracket recorded by ${piece.delegations.join(', ')}`} data-testid="fourcol-bracket-by">
            {piece.delegations.join(', ')}
          </sup>
        </span>
      );
    const segment = segments[piece.segment];
    return segment.kind === 'equal' ? (
      <span key={i}>{piece.text}</span>
    ) : (
      <Segment key={i} segment={{ ...segment, text: piece.text }} delegations={delegations} tag={piece.first} />
    );
  });
}

function Row({ row, draftId, delegations, labels, comments, editable, onSaved }: RowProps) {
  const segments = row.segments.filter((s) => s.text.length > 0);
  return (
    <tr data-testid="fourcol-row" data-clause-number={row.number ?? undefined} data-changed={rowUnchanged(row) ? 'false' : 'true'}>
      <th scope="row" className={styles.clause}>
        {row.number === null ? <span className="hclause__number">[withdrawn]</span> : <span className="hclause__number">{row.number}.</span>} {row.title}
      </th>
      <td className={styles.text} data-label={`Text at ${labels.a}`}>
        {row.textA ? (
          <MarkedText
            segments={[{ kind: 'equal', text: row.textA, delegation: null, userName: null }]}
            brackets={row.bracketsA ?? []}
            side="A"
            delegations={delegations}
          />
        ) : (
          <span className={styles.none}>No text.</span>
        )}
      </td>
      <td className={styles.text} data-label={`Text at ${labels.b}, changes marked`} data-testid="fourcol-text-b">
        {segments.length ? (
          <MarkedText segments={segments} brackets={row.bracketsB ?? []} side="B" delegations={delegations} />
        ) : (
          <span className={styles.none}>No text.</span>
        )}
      </td>
      <td data-label={`Positions at ${labels.b}`}>
        <Positions row={row} delegations={delegations} />
      </td>
      {comments ? (
        <td className={styles.commentCell} data-label="Secretariat's comment">
          <CommentCell draftId={draftId} row={row} editable={editable} onSaved={onSaved} />
        </td>
      ) : null}
    </tr>
  );
}

interface TableProps extends Omit<RowProps, 'row' | 'onSaved'> {
  rows: FourColumnRowDto[];
  testId: string;
  onSaved: (clauseId: string, comment: string | null) => void;
}

function FourColumnTable({ rows, testId, onSaved, ...shared }: TableProps) {
  return (
    <div className={styles.scroll}>
      <table className={styles.table} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col" className={styles.colClause}>
              Clause
            </th>
            <th scope="col" className={styles.colText}>
              Text at {shared.labels.a}
            </th>
            <th scope="col" className={styles.colText}>
              Text at {shared.labels.b}, changes marked
            </th>
            <th scope="col" className={styles.colPositions}>
              Positions and reservations at {shared.labels.b}
            </th>
            {shared.comments ? (
              <th scope="col" className={styles.colComment}>
                Secretariat&apos;s comment
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.clauseId} row={row} {...shared} onSaved={(c) => onSaved(row.clauseId, c)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function useFourColumn(draftId: string, from: string, to: string, version: number) {
  const [data, setData] = useState<FourColumnDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [refreshed, setRefreshed] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    fetchFourColumn(draftId, from, to).then(
      (result) => {
        if (cancelled) return;
        setData(result);
        setLoading(false);
      },
      (err: unknown) => {
        if (cancelled) return;
        setError(err instanceof Error ? err.message : 'The four-column document could not be loaded.');
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [draftId, from, to, version, refreshed]);
  const setComment = (clauseId: string, comment: string | null) =>
    setData((d) => (d ? { ...d, rows: d.rows.map((r) => (r.clauseId === clauseId ? { ...r, comment: comment ?? undefined } : r)) } : d));
  return { data, error, loading, setComment, refresh: () => setRefreshed((n) => n + 1) };
}

/**
 * The four-column document on screen (EU Council practice): per clause, the text at A,
 * the text at B with the changes marked in the delegations' colours, the positions and
 * reservations at B, and the secretariat's comment. Unchanged clauses are collapsed.
 */
export function FourColumnPanel({ draftId, delegations, options, from, to, secretariat, version, pulse, onChange }: FourColumnPanelProps) {
  const { data, error, loading, setComment, refresh } = useFourColumn(draftId, from, to, version);
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const changed = data?.rows.filter((r) => !rowUnchanged(r)) ?? [];
  const unchanged = data?.rows.filter(rowUnchanged) ?? [];
  // Comments are written on the current state: only when B is now.
  const editable = secretariat && to === 'now';
  // The fifth column is optional: shown when there is a comment to read or the secretariat may write one.
  const comments = editable || (data?.rows.some((r) => r.comment) ?? false);
  const nowLogId = data ? (to === 'now' ? data.to.logId : from === 'now' ? data.from.logId : null) : null;
  const stale = nowLogId !== null && !loading && pulse.upToId > nowLogId;
  const shared = { draftId, delegations, labels: { a: data?.from.label ?? '', b: data?.to.label ?? '' }, comments, editable, onSaved: setComment };

  return (
    <section className="hpanel" aria-labelledby="fourcol-title" data-testid="four-column-panel">
      <h2 className="hpanel__title" id="fourcol-title">
        Four-column document
      </h2>
      <div className="hfilters">
        <PointPicker label="A" value={from} options={options} onChange={(value) => onChange(value, to)} resolved={data?.from} testId="fourcol-from" />
        <PointPicker label="B" value={to} options={options} onChange={(value) => onChange(from, value)} resolved={data?.to} testId="fourcol-to" />
        <span className={`hpanel__actions ${styles.downloads}`}>
          <DownloadButton
            url={`/api/drafts/${encodeURIComponent(draftId)}/four-column?${query}&format=docx`}
            label="Download DOCX"
            busyLabel="Preparing DOCX…"
            fallbackName="four-column.docx"
            testId="fourcol-docx"
          />
          <DownloadButton
            url={`/api/drafts/${encodeURIComponent(draftId)}/four-column?${query}&format=pdf`}
            label="Download PDF"
            busyLabel="Preparing PDF…"
            fallbackName="four-column.pdf"
            testId="fourcol-pdf"
          />
        </span>
      </div>
      {secretariat && !editable ? <p className="htimeline__meta">Choose Now as B to write the secretariat&apos;s comments.</p> : null}
      {stale ? <LiveNotice text="The text has changed since this table was made" action="Refresh" onAction={refresh} testId="fourcol-stale" /> : null}
      {error ? (
        <div className="banner banner--error" role="alert">
          <p>{error}</p>
        </div>
      ) : loading && !data ? (
        <p className="hpanel__loading" role="status">
          Preparing the four columns…
        </p>
      ) : data ? (
        <div aria-busy={loading}>
          <p className="hsummary" data-testid="fourcol-summary">
            <strong>{describeResolvedPoint(data.from)}</strong> → <strong>{describeResolvedPoint(data.to)}</strong>:{' '}
            {changed.length === 0 ? 'no clause changed.' : `${changed.length} of ${data.rows.length} clauses changed.`} A dagger (†) marks a position given on
            other text than the text at B; [ … ] marks words under a recorded bracket, followed by the delegations that recorded it.
          </p>
          {changed.length > 0 ? <FourColumnTable rows={changed} testId="fourcol-changed" {...shared} /> : null}
          {unchanged.length > 0 ? (
            <details className="hunchanged" data-testid="fourcol-unchanged">
              <summary>
                {unchanged.length} unchanged {unchanged.length === 1 ? 'clause' : 'clauses'}: {unchanged.map((c) => c.number).join(', ')}
              </summary>
              <FourColumnTable rows={unchanged} testId="fourcol-unchanged-table" {...shared} />
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
