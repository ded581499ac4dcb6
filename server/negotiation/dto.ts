/** Rows of positions, clause statuses and silence procedures as the API and live events show them. */
import type { ClauseStatusDto, PositionDto, SilenceProcedureDto } from '@/lib/api/types';
import type { ClauseStatus, Position, Reservation, SilenceState } from '@/lib/domain/vocabulary';
import type { positions } from '../db/schema';
import { isCurrentHash } from './clause-states';
import type { ClauseRow, SilenceRow } from './context';

export function toPositionDto(
  row: typeof positions.$inferSelect,
  current: { hash: string; legacyHash?: string } | undefined,
  names: Map<string, string>,
): PositionDto {
  return {
    clauseId: row.clauseId,
    delegation: row.delegationCode,
    position: row.position as Position,
    ...(row.reservation ? { reservation: row.reservation as Reservation } : {}),
    ...(row.note ? { note: row.note } : {}),
    stale: current !== undefined && !isCurrentHash(row.textHash, current),
    textHash: row.textHash,
    logId: row.logId,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: (row.updatedBy && names.get(row.updatedBy)) || 'unknown',
    ...(row.statedBy ? { statedBy: row.statedBy } : {}),
  };
}

export function toSilenceDto(row: SilenceRow, names: Map<string, string>): SilenceProcedureDto {
  return {
    id: row.id,
    draftId: row.draftId,
    clauseIds: row.clauseIds,
    deadline: row.deadline.toISOString(),
    state: row.state as SilenceState,
    ...(row.note ? { note: row.note } : {}),
    startedAt: row.startedAt.toISOString(),
    startedBy: (row.startedBy && names.get(row.startedBy)) || 'Secretariat',
    ...(row.endedAt ? { endedAt: row.endedAt.toISOString() } : {}),
    ...(row.brokenByDelegation ? { brokenBy: row.brokenByDelegation } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.overrideReason ? { override: row.overrideReason } : {}),
  };
}

export function toStatusDto(r: ClauseRow, names: Map<string, string>): ClauseStatusDto {
  return {
    clauseId: r.id,
    status: r.status as ClauseStatus,
    ...(r.statusNote ? { note: r.statusNote } : {}),
    ...(r.statusChangedAt ? { changedAt: r.statusChangedAt.toISOString() } : {}),
    ...(r.statusChangedBy ? { changedBy: names.get(r.statusChangedBy) ?? 'Secretariat' } : {}),
  };
}
