'use client';

import type { ReactNode } from 'react';
import type { DelegationSummary } from '@/lib/api/types';
import { teamLabel } from '@/lib/comments/comment-visibility';
import { CLAUSE_STATUS_LABELS, POSITION_LABELS, type ClauseStatus, type Position } from '@/lib/domain/vocabulary';
import type {
  AlternativeEntry,
  BracketEntry,
  ClauseCommentEntry,
  CommentEntry,
  MandateEntry,
  PositionEntry,
  RevisionEntry,
  SessionEntry,
  StatusEntry,
  StructureEntry,
  TimelineEntry,
} from '@/lib/history/types';
import { auditActionLabel } from '@/lib/ui/audit-entry';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { actorLabel } from '@/lib/ui/people';
import { structureChangeWords } from '@/lib/ui/structure-words';
import { AuthorTag, authorStyle } from './author-tag';

export interface TimelineItemActions {
  delegations: readonly DelegationSummary[];
  onCompare: (from: string, to: string) => void;
  onOpenRevision: (number: number) => void;
}

const statusWord = (s: string | null) => (s && s in CLAUSE_STATUS_LABELS ? CLAUSE_STATUS_LABELS[s as ClauseStatus] : (s ?? '—'));
const positionWord = (p: string | null) => (p && p in POSITION_LABELS ? POSITION_LABELS[p as Position].label : (p ?? 'none'));
export const clausesWord = (numbers: number[]) => (numbers.length === 0 ? '' : numbers.length === 1 ? `clause ${numbers[0]}` : `clauses ${numbers.join(', ')}`);
const clauseWord = (n: number | null) => (n === null ? 'a clause' : `clause ${n}`);

function timeRange(startedAt: string, endedAt: string): string {
  if (startedAt === endedAt) return formatDateTimeUtc(endedAt);
  const start = formatDateTimeUtc(startedAt);
  const end = formatDateTimeUtc(endedAt);
  // Same day: "4 Mar 2026, 14:05–14:12 UTC".
  const [startDay] = start.split(', ');
  const [endDay, endTime] = end.split(', ');
  return startDay === endDay ? `${start.replace(' UTC', '')}–${endTime}` : `${start} – ${end}`;
}

/** "by FR · Marie Dupont", the same words for every kind of entry. */
function By({ entry, fallback = 'automatically' }: { entry: TimelineEntry; fallback?: string }) {
  return <span data-testid="timeline-actor">{entry.actor ? `by ${actorLabel(entry.actor)}` : fallback}</span>;
}

function SessionBody({ entry, delegations, onCompare }: { entry: SessionEntry } & TimelineItemActions) {
  return (
    <div className="htimeline__body" data-testid="timeline-session" data-delegation={entry.delegation ?? ''}>
      <p>
        <AuthorTag style={authorStyle(entry.delegation, entry.userName, delegations)} />{' '}
        <strong>{entry.actor ? actorLabel(entry.actor) : 'Unknown author'}</strong> edited {clausesWord(entry.clauseNumbers) || 'the text'}
      </p>
      <p className="htimeline__meta">
        <span className="hclause__plus">+{entry.inserted}</span> <span className="hclause__minus">−{entry.deleted}</span> characters · {entry.edits}{' '}
        {entry.edits === 1 ? 'change' : 'changes'}
      </p>
      <button type="button" className="linkish" onClick={() => onCompare(`log:${entry.firstLogId - 1}`, `log:${entry.lastLogId}`)}>
        Show these changes
      </button>
    </div>
  );
}

function RevisionBody({ entry, onCompare, onOpenRevision }: { entry: RevisionEntry } & TimelineItemActions) {
  return (
    <div className="htimeline__body">
      <p>
        <span className="hrevtag">{entry.revision.label}</span> cut <By entry={entry} />
        {entry.revision.note ? <span className="htimeline__note"> — “{entry.revision.note}”</span> : null}
      </p>
      <p className="button-row">
        <button type="button" className="linkish" onClick={() => onOpenRevision(entry.revision.number)}>
          Open
        </button>
        <button type="button" className="linkish" onClick={() => onCompare(`rev:${entry.revision.number}`, 'now')}>
          Compare with now
        </button>
      </p>
    </div>
  );
}

function StatusBody({ entry }: { entry: StatusEntry }) {
  return (
    <div className="htimeline__body">
      <p>
        <strong>{auditActionLabel(entry.action)}</strong>
        {entry.clauseNumbers.length ? ` · ${clausesWord(entry.clauseNumbers)}` : ''}
        {entry.action === 'clause.status'
          ? ` · ${statusWord(entry.from)} → ${statusWord(entry.to)}`
          : entry.action === 'history.restored' && entry.to
            ? ` to ${entry.to}`
            : ''}
      </p>
      <p className="htimeline__meta">
        <By entry={entry} />
        {entry.note ? ` — “${entry.note}”` : ''}
      </p>
    </div>
  );
}

function PositionBody({ entry, delegations }: { entry: PositionEntry } & TimelineItemActions) {
  return (
    <div className="htimeline__body">
      <p>
        <AuthorTag style={authorStyle(entry.delegation, null, delegations)} />
        {entry.statedBy ? (
          <strong>
            {' '}
            {entry.statedBy} for {entry.delegation}:
          </strong>
        ) : null}{' '}
        position on {clauseWord(entry.clauseNumber)}:{' '}
        {entry.confirmed ? (
          <>
            <strong>{positionWord(entry.to)}</strong> confirmed on the current text
          </>
        ) : (
          <>
            {positionWord(entry.from)} → <strong>{positionWord(entry.to)}</strong>
          </>
        )}
      </p>
      <p className="htimeline__meta">
        <By entry={entry} fallback="" />
      </p>
    </div>
  );
}

function CommentBody({ entry }: { entry: CommentEntry }) {
  return (
    <div className="htimeline__body" data-testid="timeline-comment" data-internal={entry.internal ? 'true' : 'false'}>
      <p>
        <strong>{entry.reply ? 'Reply' : 'Comment'}</strong> on {clauseWord(entry.clauseNumber)}
        {entry.internal && entry.team ? <span className="htimeline__badge">Internal note · {teamLabel(entry.team)}</span> : null}
      </p>
      {entry.quote ? <p className="htimeline__quote">“{entry.quote}”</p> : null}
      <p className="htimeline__excerpt">{entry.excerpt}</p>
      <p className="htimeline__meta">
        <By entry={entry} />
      </p>
    </div>
  );
}

const BRACKET_WORDS: Record<BracketEntry['event'], string> = { added: 'Words bracketed', removed: 'Bracket removed', resolved: 'Bracket resolved' };

function BracketBody({ entry }: { entry: BracketEntry }) {
  return (
    <div className="htimeline__body" data-testid="timeline-bracket" data-event={entry.event}>
      <p>
        <strong>{BRACKET_WORDS[entry.event]}</strong> in {clauseWord(entry.clauseNumber)}: <span className="htimeline__quote">[{entry.quote}]</span>
      </p>
      <p className="htimeline__meta">
        <By entry={entry} />
        {entry.note ? ` — ${entry.note}` : ''}
      </p>
    </div>
  );
}

const ALTERNATIVE_WORDS: Record<AlternativeEntry['event'], string> = {
  proposed: 'proposed',
  backed: 'backed',
  unbacked: 'no longer backed',
  withdrawn: 'withdrawn',
  adopted: 'adopted',
  archived: 'archived',
};

function AlternativeBody({ entry }: { entry: AlternativeEntry }) {
  const name = entry.number === null ? 'An alternative' : `ALT ${entry.number}`;
  return (
    <div className="htimeline__body" data-testid="timeline-alternative" data-event={entry.event}>
      <p>
        <strong>
          {name} {ALTERNATIVE_WORDS[entry.event]}
        </strong>{' '}
        on {clauseWord(entry.clauseNumber)}
        {(entry.event === 'backed' || entry.event === 'unbacked') && entry.delegation ? ` by ${entry.delegation}` : ''}
      </p>
      {entry.text ? (
        <p className={entry.event === 'proposed' ? 'htimeline__excerpt' : 'htimeline__meta'}>{entry.event === 'proposed' ? `“${entry.text}”` : entry.text}</p>
      ) : null}
      <p className="htimeline__meta">
        <By entry={entry} />
      </p>
    </div>
  );
}

function StructureBody({ entry }: { entry: StructureEntry }) {
  return (
    <div className="htimeline__body" data-testid="timeline-structure" data-change={entry.change}>
      <p>
        <strong>{structureChangeWords(entry.change, entry.details)}</strong>
        {entry.clauseNumbers.length ? ` · now ${clausesWord(entry.clauseNumbers)}` : ''}
      </p>
      <p className="htimeline__meta">
        <By entry={entry} />
      </p>
    </div>
  );
}

function ClauseCommentBody({ entry }: { entry: ClauseCommentEntry }) {
  return (
    <div className="htimeline__body" data-testid="timeline-clause-comment">
      <p>
        <strong>{entry.excerpt === null ? 'Secretariat comment cleared' : 'Secretariat comment'}</strong> on {clauseWord(entry.clauseNumber)}
      </p>
      {entry.excerpt !== null ? <p className="htimeline__excerpt">{entry.excerpt}</p> : null}
      <p className="htimeline__meta">
        <By entry={entry} />
      </p>
    </div>
  );
}

function MandateBody({ entry }: { entry: MandateEntry }) {
  const scope = entry.clauseNumbers === null ? (entry.event === 'given' ? 'every clause' : '') : clausesWord(entry.clauseNumbers);
  const terms = [
    scope,
    entry.event === 'given' ? (entry.until ? `until ${formatDateTimeUtc(entry.until)}` : 'until revoked') : '',
    entry.breakSilence && entry.event === 'given' ? 'may break silence' : '',
    entry.byLetter ? 'recorded from a letter' : '',
  ].filter(Boolean);
  return (
    <div className="htimeline__body" data-testid="timeline-mandate" data-event={entry.event}>
      <p>
        <strong>Mandate {entry.event === 'given' ? 'given' : 'revoked'}</strong>: {entry.to} for {entry.from}
      </p>
      {terms.length ? <p className="htimeline__meta">{terms.join(' · ')}</p> : null}
      <p className="htimeline__meta">
        <By entry={entry} />
      </p>
    </div>
  );
}

/** One body per kind of entry: a new kind adds a line here. */
function body(entry: TimelineEntry, actions: TimelineItemActions): ReactNode {
  switch (entry.kind) {
    case 'session':
      return <SessionBody entry={entry} {...actions} />;
    case 'revision':
      return <RevisionBody entry={entry} {...actions} />;
    case 'status':
      return <StatusBody entry={entry} />;
    case 'position':
      return <PositionBody entry={entry} {...actions} />;
    case 'comment':
      return <CommentBody entry={entry} />;
    case 'bracket':
      return <BracketBody entry={entry} />;
    case 'alternative':
      return <AlternativeBody entry={entry} />;
    case 'structure':
      return <StructureBody entry={entry} />;
    case 'clause-comment':
      return <ClauseCommentBody entry={entry} />;
    case 'mandate':
      return <MandateBody entry={entry} />;
  }
}

/** One entry of the timeline: its time, then what happened and who did it. */
export function TimelineItem({ entry, ...actions }: { entry: TimelineEntry } & TimelineItemActions) {
  return (
    <li className={`htimeline__item htimeline__item--${entry.kind}`} data-kind={entry.kind} data-source={entry.source}>
      <time className="htimeline__time" dateTime={entry.at}>
        {entry.kind === 'session' ? timeRange(entry.startedAt, entry.endedAt) : formatDateTimeUtc(entry.at)}
      </time>
      {body(entry, actions)}
    </li>
  );
}
