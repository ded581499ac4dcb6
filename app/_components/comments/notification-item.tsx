'use client';

import type { NotificationDto } from '@/lib/api/comment-types';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { formatShortUtc } from '../ui/format';

/** What the actor did, after their name ("FR · Marie Dupont broke silence"). */
const KIND_LABEL: Record<NotificationDto['kind'], string> = {
  mention: 'mentioned your delegation',
  reply: 'replied to your thread',
  alternative: 'proposed an alternative',
  alternative_adopted: 'adopted an alternative',
  text_restored: 'restored earlier text',
  status_changed: 'changed a clause status',
  silence_started: 'started a silence procedure',
  silence_reminder: 'silence deadline approaching',
  silence_broken: 'broke silence',
  silence_completed: 'silence procedure ended',
  mandate: 'changed a mandate',
};

/** Where a notification leads: the comment thread, else the clause in the room, else the draft. */
function linkOf(n: NotificationDto): string {
  const base = `/drafts/${encodeURIComponent(n.draftId)}`;
  if (n.kind === 'mention' || n.kind === 'reply') return `${base}#comment-${n.refId}`;
  return n.clauseNumber ? `${base}#clause-${n.clauseNumber}` : base;
}

/** Who caused it: "FR · Marie Dupont", "Secretariat · Anna Berg", or Accord itself (a deadline, a reminder). */
function actorOf(n: NotificationDto): string {
  if (n.actor.delegation) return `${n.actor.delegation} · ${n.actor.name}`;
  return n.actor.name === 'Accord' ? 'Accord' : `Secretariat · ${n.actor.name}`;
}

/** One notification in the bell's list; opening it marks it read. */
export function NotificationItem({ notification: n, onOpen }: { notification: NotificationDto; onOpen: () => void }) {
  return (
    <li className={`bell__item${n.read ? '' : ' is-unread'}`} data-testid="notification" data-kind={n.kind}>
      <a href={linkOf(n)} className="bell__link" onClick={onOpen}>
        <span className="bell__line">
          {n.read ? null : <span className="bell__dot" aria-label="unread" />}
          <strong>{actorOf(n)}</strong> {KIND_LABEL[n.kind]}
        </span>
        <span className="bell__text">{n.text}</span>
        <span className="bell__meta">
          {n.draftTitle}
          {n.clauseNumber ? ` · clause ${n.clauseNumber}` : ''} ·{' '}
          <time dateTime={n.createdAt} title={formatDateTimeUtc(n.createdAt)}>
            {formatShortUtc(n.createdAt)} UTC
          </time>
        </span>
      </a>
    </li>
  );
}
