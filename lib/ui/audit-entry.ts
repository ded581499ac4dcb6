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
import { uuidsIn } from '../validation/uuid';

/**
 * Every action the server writes, in the order a filter lists them. The server's
 * `AuditAction` type is this list, so an action missing here does not compile; each has
 * a label below (scripts/audit-actions.test.ts checks every action written in server/).
 */
export const AUDIT_ACTIONS = [
  'position.set',
  'clause.status',
  'silence.started',
  'silence.broken',
  'silence.cancelled',
  'silence.completed',
  'silence.interrupted',
  'user.created',
  'user.updated',
  'user.signed_in',
  'user.signed_out',
  'user.signed_out_everywhere',
  'draft.seeded',
  'draft.created',
  'draft.updated',
  'draft.closed',
  'draft.reopened',
  'delegation.created',
  'revision.cut',
  'history.restored',
  'draft.exported',
  'bracket.added',
  'bracket.removed',
  'alternative.proposed',
  'alternative.backed',
  'alternative.unbacked',
  'alternative.withdrawn',
  'alternative.adopted',
  'comment.created',
  'comment.replied',
  'comment.resolved',
  'comment.reopened',
  'clause.added',
  'clause.renamed',
  'clause.moved',
  'clause.split',
  'clause.merged',
  'clause.commented',
  'mandate.given',
  'mandate.revoked',
  'clause.editorial',
  'positions.confirmed',
] as const;
export type KnownAuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<KnownAuditAction, string> = {
  'position.set': 'Position set',
  'clause.status': 'Clause status changed',
  'silence.started': 'Silence started',
  'silence.broken': 'Silence broken',
  'silence.cancelled': 'Silence cancelled',
  'silence.completed': 'Silence completed',
  'silence.interrupted': 'Silence ended without agreement',
  'user.created': 'Person added',
  'user.updated': 'Person changed',
  'user.signed_in': 'Signed in',
  'user.signed_out': 'Signed out',
  'user.signed_out_everywhere': 'Signed out everywhere',
  'draft.seeded': 'Draft created from demo',
  'draft.created': 'Draft created',
  'draft.updated': 'Draft changed',
  'draft.closed': 'Draft closed',
  'draft.reopened': 'Draft reopened',
  'delegation.created': 'Delegation added',
  'revision.cut': 'Revision cut',
  'history.restored': 'Text restored',
  'draft.exported': 'Text exported',
  'bracket.added': 'Words bracketed',
  'bracket.removed': 'Bracket removed',
  'alternative.proposed': 'Alternative proposed',
  'alternative.backed': 'Alternative backed',
  'alternative.unbacked': 'Backing withdrawn',
  'alternative.withdrawn': 'Alternative withdrawn',
  'alternative.adopted': 'Alternative adopted',
  'comment.created': 'Comment added',
  'comment.replied': 'Reply added',
  'comment.resolved': 'Comment resolved',
  'comment.reopened': 'Comment reopened',
  'clause.added': 'Clause added',
  'clause.renamed': 'Clause renamed',
  'clause.moved': 'Clauses reordered',
  'clause.split': 'Clause split',
  'clause.merged': 'Clause merged',
  'clause.commented': 'Secretariat comment set',
  'mandate.given': 'Mandate given',
  'mandate.revoked': 'Mandate revoked',
  'clause.editorial': 'Edit marked editorial',
  'positions.confirmed': 'Positions confirmed on current text',
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

/** The subject with ids shortened to their first 8 characters ("silence 3f2a9c1b…") and "clauses 5" as "clause 5". */
export function readableSubject(subject: string | null): string {
  if (!subject) return '';
  return subject.replace(uuidsIn(), (id) => `${id.slice(0, 8)}…`).replace(/^clauses (\d+)$/, 'clause $1');
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
/** "title: A → B; removed participant FR; added observer FR". */
function draftChangeSummary(d: Record<string, unknown>): string {
  const parts: string[] = [];
  const title = d.title && typeof d.title === 'object' ? (d.title as Record<string, unknown>) : null;
  if (title) parts.push(`title: ${quoted(title.from) ?? '?'} → ${quoted(title.to) ?? '?'}`);
  if (d.description) parts.push('description changed');
  const lists = (side: unknown, verb: string) => {
    const record = side && typeof side === 'object' ? (side as Record<string, unknown>) : {};
    for (const [key, label] of [
      ['participants', 'participant'],
      ['observers', 'observer'],
    ] as const) {
      const codes = Array.isArray(record[key]) ? (record[key] as unknown[]).filter((c): c is string => typeof c === 'string') : [];
      if (codes.length > 0) parts.push(`${verb} ${label}${codes.length > 1 ? 's' : ''} ${codes.join(', ')}`);
    }
  };
  lists(d.removed, 'removed');
  lists(d.added, 'added');
  return parts.join('; ') || generic(d);
}

export function summariseAuditDetails(entry: Pick<AuditEntryDto, 'action' | 'details'>): string {
  const d = entry.details ?? {};
  switch (entry.action) {
    case 'position.set': {
      const who = str(d.statedBy) ? `${str(d.statedBy)} for ${str(d.delegation) ?? '?'}` : (str(d.delegation) ?? '?');
      return join([`${who}: ${positionWords(d.from)} → ${positionWords(d.to, d.reservation)}`, quoted(d.note)]);
    }
    case 'mandate.given': {
      const clauses = Array.isArray(d.clauses) ? `clauses ${d.clauses.join(', ')}` : 'every clause';
      const until = str(d.until);
      return join([
        `${str(d.to) ?? '?'} for ${str(d.from) ?? '?'}`,
        clauses,
        until ? `until ${formatAuditTime(until)}` : 'until revoked',
        d.breakSilence === true ? 'may break silence' : null,
        d.byLetter === true ? 'recorded from a letter' : null,
      ]);
    }
    case 'mandate.revoked':
      return `${str(d.to) ?? '?'} for ${str(d.from) ?? '?'}, revoked by ${str(d.by) ?? '?'}`;
    case 'clause.editorial':
      return join([
        Array.isArray(d.rebased) && d.rebased.length ? `positions kept current: ${d.rebased.join(', ')}` : 'no position to keep current',
        quoted(d.note),
      ]);
    case 'positions.confirmed':
      return `${str(d.delegation) ?? '?'}: ${count(Array.isArray(d.clauses) ? d.clauses.length : undefined, 'position', 'positions') ?? '?'} confirmed on the current text`;
    case 'clause.status':
      return join([`${statusWords(d.from)} → ${statusWords(d.to)}`, d.override ? `override: ${quoted(d.override)}` : null]);
    case 'silence.started': {
      const deadline = str(d.deadline);
      return join([deadline ? `until ${formatAuditTime(deadline)}` : null, quoted(d.note), d.override ? `override: ${quoted(d.override)}` : null]);
    }
    case 'silence.interrupted': {
      const n = Array.isArray(d.openBrackets) ? d.openBrackets.length : null;
      return n === null ? 'not agreed: open brackets at the deadline' : `not agreed: ${n} ${n === 1 ? 'clause' : 'clauses'} with open brackets at the deadline`;
    }
    case 'silence.broken':
      return join([`broken by ${str(d.statedBy) ? `${str(d.statedBy)} for ` : ''}${str(d.delegation) ?? '?'}`, quoted(d.reason)]);
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
    case 'draft.created': {
      const from = str(d.source) === 'docx' ? 'from a Word document' : str(d.source) === 'text' ? 'from pasted text' : 'empty';
      return join(
        [from, count(d.clauses, 'clause', 'clauses'), Array.isArray(d.participants) ? `taking part: ${d.participants.join(', ') || 'none'}` : null],
        ', ',
      );
    }
    case 'draft.updated':
      return draftChangeSummary(d);
    case 'draft.closed':
    case 'draft.reopened':
      return quoted(d.reason) ?? '';
    case 'delegation.created':
      return str(d.name) ?? generic(d);
    default:
      return generic(d);
  }
}
