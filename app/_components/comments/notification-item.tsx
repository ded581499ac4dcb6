'use client';

import { useTranslations } from 'next-intl';
import type { NotificationDto } from '@/lib/api/comment-types';
import { DateTime } from '../ui/date-time';

/** Where a notification leads: the comment thread, else the clause in the room, else the draft. */
function linkOf(n: NotificationDto): string {
  const base = `/drafts/${encodeURIComponent(n.draftId)}`;
  if (n.kind === 'mention' || n.kind === 'reply') return `${base}#comment-${n.refId}`;
  return n.clauseNumber ? `${base}#clause-${n.clauseNumber}` : base;
}

/** Who caused it: "FR · Marie Dupont", "Secretariat · Anna Berg", or Accord itself (a deadline, a reminder). */
function actorOf(n: NotificationDto, secretariat: (name: string) => string): string {
  if (n.actor.delegation) return `${n.actor.delegation} · ${n.actor.name}`;
  return n.actor.name === 'Accord' ? 'Accord' : secretariat(n.actor.name);
}

/** One notification in the bell's list; opening it marks it read. */
export function NotificationItem({ notification: n, onOpen }: { notification: NotificationDto; onOpen: () => void }) {
  const t = useTranslations('header');
  return (
    <li className={`bell__item${n.read ? '' : ' is-unread'}`} data-testid="notification" data-kind={n.kind}>
      <a href={linkOf(n)} className="bell__link" onClick={onOpen}>
        <span className="bell__line">
          {n.read ? null : <span className="bell__dot" aria-label={t('unread')} />}
          <strong>{actorOf(n, (name) => t('actorSecretariat', { name }))}</strong> {t(`kind.${n.kind}`)}
        </span>
        <span className="bell__text">{n.text}</span>
        <span className="bell__meta">
          {n.draftTitle}
          {n.clauseNumber ? ` · ${t('clauseRef', { number: n.clauseNumber })}` : ''} · <DateTime iso={n.createdAt} style="short" />
        </span>
      </a>
    </li>
  );
}
