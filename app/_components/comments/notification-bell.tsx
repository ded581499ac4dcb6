'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { NotificationDto } from '@/lib/api/comment-types';
import type { ClientToServerEvents, NotificationPayload, ServerToClientEvents } from '@/lib/realtime/events';
import { fetchNotifications, markNotificationsRead } from './comments-api';
import { NotificationItem } from './notification-item';
import { NotificationPreferences } from './notification-preferences';
import { SOCKET_OPTIONS } from '../socket-options';

/**
 * The bell in the header, for a delegation or the secretariat: mentions, replies,
 * alternatives, status changes, silence procedures (started, ending in 24 hours and in
 * 1 hour, broken, completed), text replaced by the secretariat and mandates — with the
 * unread count, kept live over socket.io, marked read one by one or all at once, and
 * the kinds one gets chosen under "Choose…".
 */
export function NotificationBell({ delegation }: { delegation: string }) {
  const t = useTranslations('header');
  const tc = useTranslations('common');
  // The latest wording for callbacks made once (load is a stable callback).
  const tRef = useRef(t);
  tRef.current = t;
  const [items, setItems] = useState<NotificationDto[]>([]);
  const [unread, setUnread] = useState(0);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [choosing, setChoosing] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    try {
      const page = await fetchNotifications();
      setItems(page.notifications);
      setUnread(page.unread);
      setNextBefore(page.nextBefore);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : tRef.current('notificationsNotLoaded'));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(SOCKET_OPTIONS);
    const onNew = ({ notification }: NotificationPayload) => {
      setItems((prev) => (prev.some((n) => n.id === notification.id) ? prev : [notification, ...prev]));
      setUnread((n) => n + 1);
    };
    socket.on('notification:new', onNew);
    // Subscribe on every (re)connect; after a reconnect, catch up on what arrived meanwhile.
    let connectedBefore = false;
    socket.on('connect', () => {
      socket.emit('notifications:subscribe', {});
      if (connectedBefore) void load();
      connectedBefore = true;
    });
    return () => {
      socket.off('notification:new', onNew);
      socket.disconnect();
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const markRead = async (input: { ids: string[] } | { all: true }) => {
    try {
      const { unread: left } = await markNotificationsRead(input);
      setUnread(left);
      setItems((prev) => prev.map((n) => ('all' in input || input.ids.includes(n.id) ? { ...n, read: true } : n)));
    } catch (err) {
      setError(err instanceof Error ? err.message : t('markReadFailed'));
    }
  };

  const loadOlder = async () => {
    if (!nextBefore) return;
    try {
      const page = await fetchNotifications(nextBefore);
      setItems((prev) => [...prev, ...page.notifications.filter((n) => !prev.some((p) => p.id === n.id))]);
      setNextBefore(page.nextBefore);
    } catch (err) {
      setError(err instanceof Error ? err.message : t('olderNotLoaded'));
    }
  };

  return (
    <div className="bell" ref={rootRef}>
      <button
        type="button"
        ref={buttonRef}
        className="bell__button"
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={t('bellLabel', { delegation, unread })}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M8 1.5a4.5 4.5 0 0 0-4.5 4.5v2.6L2 11v1h12v-1l-1.5-2.4V6A4.5 4.5 0 0 0 8 1.5ZM6.3 13a1.8 1.8 0 0 0 3.4 0H6.3Z" fill="currentColor" />
        </svg>
        {unread > 0 ? (
          <span className="bell__count" data-testid="notification-unread">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="bell__panel" id="notification-panel" role="region" aria-label={t('notifications')}>
          <div className="bell__head">
            <h2 className="bell__title">{t('bellTitle', { delegation })}</h2>
            <button type="button" className="button button--ghost button--small" disabled={unread === 0} onClick={() => void markRead({ all: true })}>
              {t('markAllRead')}
            </button>
            <button type="button" className="button button--ghost button--small" aria-pressed={choosing} onClick={() => setChoosing((c) => !c)}>
              {t('choose')}
            </button>
          </div>
          {choosing ? <NotificationPreferences /> : null}
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          {loading ? <p className="bell__empty">{tc('loading')}</p> : null}
          {!loading && items.length === 0 && !error ? <p className="bell__empty">{t('bellEmpty', { delegation })}</p> : null}
          <ol className="bell__list">
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} onOpen={() => void (n.read ? undefined : markRead({ ids: [n.id] }))} />
            ))}
          </ol>
          {nextBefore ? (
            <button type="button" className="button button--ghost button--small bell__more" onClick={() => void loadOlder()}>
              {t('olderNotifications')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
