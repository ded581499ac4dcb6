'use client';

import { useCallback, useState, type CSSProperties, type FocusEvent, type KeyboardEvent } from 'react';
import type { ClauseSummary, ConsensusDto, DelegationSummary } from '@/lib/api/types';
import type { CommentCountDto } from '@/lib/api/comment-types';
import type { ClauseStatus, DelegationCode } from '@/lib/domain/vocabulary';
import { DashboardRow } from './dashboard-row';
import type { ClausePositions } from './negotiation-state';

export interface MatrixRow {
  clause: ClauseSummary;
  status: ClauseStatus;
  consensus: ConsensusDto | undefined;
  positions: ClausePositions;
}

/** The cell that holds the matrix's one tab stop: a clause and a column (`CLAUSE_COLUMN` for the clause's own header). */
interface Cursor {
  clause: string;
  column: string;
}

/** The column of the clause headers (their links), before the delegations' columns. */
export const CLAUSE_COLUMN = '#';

/** Rows moved by Page Up / Page Down. */
const PAGE_ROWS = 10;

/** Where a key moves from (row, column) in a grid of `rows` × `columns`, or null when the key is not a move. */
export function moveInGrid(
  key: string,
  ctrl: boolean,
  at: { row: number; column: number },
  rows: number,
  columns: number,
): { row: number; column: number } | null {
  let { row, column } = at;
  if (key === 'ArrowRight') column += 1;
  else if (key === 'ArrowLeft') column -= 1;
  else if (key === 'ArrowDown') row += 1;
  else if (key === 'ArrowUp') row -= 1;
  else if (key === 'PageDown') row += PAGE_ROWS;
  else if (key === 'PageUp') row -= PAGE_ROWS;
  else if (key === 'Home') [row, column] = [ctrl ? 0 : row, 0];
  else if (key === 'End') [row, column] = [ctrl ? rows - 1 : row, columns - 1];
  else return null;
  return { row: Math.max(0, Math.min(rows - 1, row)), column: Math.max(0, Math.min(columns - 1, column)) };
}

/** The element that takes focus in a cell: the clause link in a row header, else the cell itself. */
function focusTarget(cell: HTMLTableCellElement): HTMLElement {
  return cell.tagName === 'TH' ? (cell.querySelector<HTMLElement>('a') ?? cell) : cell;
}

function cursorOf(element: HTMLElement): Cursor | null {
  const cell = element.closest<HTMLTableCellElement>('td, th');
  const clause = cell?.closest<HTMLTableRowElement>('tr')?.dataset.clauseId;
  if (!cell || !clause) return null;
  return { clause, column: cell.tagName === 'TH' ? CLAUSE_COLUMN : (cell.dataset.delegation ?? CLAUSE_COLUMN) };
}

interface ConsensusMatrixProps {
  draftId: string;
  columns: readonly DelegationSummary[];
  rows: readonly MatrixRow[];
  /** The column picked in "Pending on". */
  highlight: DelegationCode | '';
  commentCounts: ReadonlyMap<string, CommentCountDto> | null | undefined;
}

/**
 * The matrix of clauses against participating delegations: a real table (clause and
 * delegation headers with `scope`), one tab stop, moved through with the arrow keys,
 * Home/End (Ctrl for the first and last cell) and Page Up/Down — a roving tabindex
 * (docs/ui-contract.md, "Dashboard").
 */
export function ConsensusMatrix({ draftId, columns, rows, highlight, commentCounts }: ConsensusMatrixProps) {
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const current = cursor && rows.some((r) => r.clause.id === cursor.clause) ? cursor : rows[0] ? { clause: rows[0].clause.id, column: CLAUSE_COLUMN } : null;

  const onKeyDown = useCallback((event: KeyboardEvent<HTMLTableSectionElement>) => {
    const cell = (event.target as HTMLElement).closest<HTMLTableCellElement>('td, th');
    const row = cell?.parentElement as HTMLTableRowElement | null;
    if (!cell || !row?.dataset.clauseId || event.altKey || event.metaKey || event.shiftKey) return;
    const all = Array.from(event.currentTarget.rows).filter((r) => r.dataset.clauseId);
    const next = moveInGrid(event.key, event.ctrlKey, { row: all.indexOf(row), column: cell.cellIndex }, all.length, row.cells.length);
    if (!next) return;
    event.preventDefault();
    const target = all[next.row]?.cells[next.column];
    if (target) focusTarget(target).focus();
  }, []);

  const onFocus = useCallback((event: FocusEvent<HTMLTableSectionElement>) => {
    const at = cursorOf(event.target);
    if (at) setCursor((c) => (c?.clause === at.clause && c.column === at.column ? c : at));
  }, []);

  return (
    <div className="matrix-scroll" role="region" aria-label="Positions by clause and delegation">
      <p className="visually-hidden" id="matrix-keys">
        Move between cells with the arrow keys; Home and End go to the start and end of a row.
      </p>
      <table className="matrix" style={{ '--matrix-columns': columns.length } as CSSProperties} aria-describedby="matrix-keys" data-testid="matrix">
        <thead>
          <tr>
            <th scope="col" className="matrix__corner">
              Clause
            </th>
            {columns.map((d) => (
              <th key={d.code} scope="col" className={`matrix__code${d.code === highlight ? ' is-highlighted' : ''}`} title={d.name} data-delegation={d.code}>
                <span className="matrix__swatch" style={{ backgroundColor: d.color }} aria-hidden="true" />
                <abbr title={d.name}>{d.code}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown} onFocus={onFocus}>
          {rows.map((row) => (
            <DashboardRow
              key={row.clause.id}
              draftId={draftId}
              clause={row.clause}
              status={row.status}
              consensus={row.consensus}
              positions={row.positions}
              columns={columns}
              highlight={highlight || null}
              comments={commentCounts?.get(row.clause.id)}
              tabStop={current?.clause === row.clause.id ? current.column : null}
            />
          ))}
          {rows.length === 0 ? (
            <tr>
              <td className="matrix__none" colSpan={columns.length + 1}>
                No clause matches these filters.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
