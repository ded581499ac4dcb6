/**
 * How the secretariat reads the audit log: each action as a phrase ("Position set"),
 * its details summarised in a line ("FR: reservation → support"), times in UTC to the
 * second. The full JSON stays one click away; this is only the readable surface.
 */
import type { AuditEntryDto } from '../api/types';
import {
  CLAUSE_STATUS_LABELS,
  CLAUSE_STATUSES,
  POSITION_LABELS,
  POSITIONS,
  RESERVATIONS,
  ROLES,
  type ClauseStatus,
  type Position,
  type Reservation,
  type Role,
} from '../domain/vocabulary';
import { affiliationLabel } from './people';

/** Every action the server writes (server/audit/audit-log.ts `AuditAction`), in the order a filter lists them. */
export const AUDIT_ACTIONS = [
  'position.set',
  'clause.status',
  'silence.started',
  'silence.broken',
  'silence.cancelled',
  'silence.completed',
  'user.created',
  'user.updated',
  'user.signed_in',
  'draft.seeded',
  'revision.cut',
  'history.restored',
  'draft.exported',
] as const;
export type KnownAuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<KnownAuditAction, string> = {
  'position.set': 'Position set',
  'clause.status': 'Clause status changed',
  'silence.started': 'Silence started',
  'silence.broken': 'Silence broken',
  'silence.cancelled': 'Silence cancelled',
  'silence.completed': 'Silence completed',
  'user.created': 'Person added',
  'user.updated': 'Person changed',
  'user.signed_in': 'Signed in',
  'draft.seeded': 'Draft created from demo',
  'revision.cut': 'Revision cut',
  'history.restored': 'Text restored',
  'draft.exported': 'Text exported',
};

export function isKnownAuditAction(value: unknown): value is KnownAuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** "Position set"; an action this version does not know is shown as written. */
export function auditActionLabel(action: string): string {
  return isKnownAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

const TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/**
 * "4 Mar 2026, 14:05:09 UTC": an audit trail wants the second. Without the zone under
 * a heading that already says UTC. The input unchanged when it is not a date.
 */
export function formatAuditTime(iso: string, options: { zone?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return options.zone === false ? TIME.format(date) : `${TIME.format(date)} UTC`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The subject with ids shortened to their first 8 characters ("silence 3f2a9c1b…") and "clauses 5" as "clause 5". */
export function readableSubject(subject: string | null): string {
  if (!subject) return '';
  return subject.replace(UUID, (id) => `${id.slice(0, 8)}…`).replace(/^clauses (\d+)$/, 'clause $1');
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function quoted(value: unknown, max = 90): string | null {
  const s = str(value);
  if (!s) return null;
  return `“${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;
}

function positionWords(position: unknown, reservation?: unknown): string {
  if (position === null || position === undefined) return 'no position';
  if (!(POSITIONS as readonly unknown[]).includes(position)) return String(position);
  const label = POSITION_LABELS[position as Position].label.toLowerCase();
  if (position === 'reservation' && (RESERVATIONS as readonly unknown[]).includes(reservation)) {
    return `${label} (${reservation as Reservation})`;
  }
  return label;
}

function statusWords(status: unknown): string {
  return (CLAUSE_STATUSES as readonly unknown[]).includes(status) ? CLAUSE_STATUS_LABELS[status as ClauseStatus] : String(status ?? '?');
}

interface Access {
  role: Role;
  delegation: string | null;
  disabled: boolean;
}

function accessOf(value: unknown): Access | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (!(ROLES as readonly unknown[]).includes(v.role)) return null;
  return { role: v.role as Role, delegation: str(v.delegation), disabled: v.disabled === true };
}

function count(n: unknown, one: string, many: string): string | null {
  return typeof n === 'number' ? `${n} ${n === 1 ? one : many}` : null;
}

function join(parts: Array<string | null | undefined>, separator = ' · '): string {
  return parts.filter((p): p is string => Boolean(p)).join(separator);
}

/** Up to three `key: value` pairs of simple values, for actions this version does not know. */
function generic(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .slice(0, 3)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

/**
 * One readable line for an entry's details, e.g. "FR: reservation (scrutiny) → support",
 * "Negotiating → Agreed · override: “…”", "active → disabled". Empty when there is
 * nothing worth saying beyond the action and subject.
 */
export function summariseAuditDetails(entry: Pick<AuditEntryDto, 'action' | 'details'>): string {
  const d = entry.details ?? {};
  switch (entry.action) {
    case 'position.set':
      return join([`${str(d.delegation) ?? '?'}: ${positionWords(d.from)} → ${positionWords(d.to, d.reservation)}`, quoted(d.note)]);
    case 'clause.status':
      return join([`${statusWords(d.from)} → ${statusWords(d.to)}`, d.override ? `override: ${quoted(d.override)}` : null]);
    case 'silence.started': {
      const deadline = str(d.deadline);
      return join([deadline ? `until ${formatAuditTime(deadline)}` : null, quoted(d.note)]);
    }
    case 'silence.broken':
      return join([`broken by ${str(d.delegation) ?? '?'}`, quoted(d.reason)]);
    case 'silence.cancelled':
      return quoted(d.reason) ?? '';
    case 'silence.completed': {
      const n = Array.isArray(d.clauseIds) ? d.clauseIds.length : null;
      return n === null ? 'agreed at the deadline' : `${n} ${n === 1 ? 'clause' : 'clauses'} agreed at the deadline`;
    }
    case 'user.created': {
      const access = accessOf({ ...d, disabled: false });
      return access ? affiliationLabel(access) : generic(d);
    }
    case 'user.updated': {
      const from = accessOf(d.from);
      const to = accessOf(d.to);
      if (!from || !to) return generic(d);
      const changes: string[] = [];
      const before = affiliationLabel(from);
      const after = affiliationLabel(to);
      if (before !== after) changes.push(`${before} → ${after}`);
      if (from.disabled !== to.disabled) changes.push(to.disabled ? 'active → disabled' : 'disabled → active');
      return changes.length ? changes.join('; ') : 'name changed; rights unchanged';
    }
    case 'user.signed_in': {
      const provider = str(d.provider);
      return provider === 'credentials' ? 'with email and password' : provider ? `via ${provider}` : '';
    }
    case 'revision.cut':
      return join([str(d.label), quoted(d.note)]);
    case 'history.restored':
      return join([`to ${str(d.toLabel) ?? str(d.to) ?? '?'}`, count(Array.isArray(d.clauseIds) ? d.clauseIds.length : undefined, 'clause', 'clauses')], ', ');
    case 'draft.exported': {
      const format = str(d.format)?.toUpperCase() ?? '?';
      const comparison = d.comparison && typeof d.comparison === 'object' ? (d.comparison as Record<string, unknown>) : null;
      if (comparison) return `${format} comparison, ${str(comparison.from) ?? '?'} → ${str(comparison.to) ?? '?'}`;
      if (typeof d.revision === 'number') return `${format} of Rev.${d.revision}`;
      return d.annex === 'positions' ? `${format} with positions annex` : `${format}, current text`;
    }
    case 'draft.seeded':
      return join([count(d.clauses, 'clause', 'clauses'), count(d.delegations, 'delegation', 'delegations'), count(d.accounts, 'account', 'accounts')], ', ');
    default:
      return generic(d);
  }
}
