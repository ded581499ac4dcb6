import { describe, expect, it } from 'vitest';
import type { NotificationDto } from '@/lib/api/comment-types';
import { composeDigest } from './email-digest';

const base: NotificationDto = {
  id: '1',
  draftId: 'd-1',
  draftTitle: 'Framework',
  clauseId: 'c',
  clauseNumber: 4,
  kind: 'status_changed',
  refId: 'c',
  text: 'Clause 4: Negotiating → Agreed',
  actor: { name: 'Sam', delegation: null },
  createdAt: '2026-03-04T12:00:00.000Z',
  read: false,
};

describe('notification digest e-mail', () => {
  it('lists every notification with its draft, time and link', () => {
    const mail = composeDigest([base, { ...base, id: '2', kind: 'mention', text: 'FR: please look', clauseNumber: null }], 'https://accord.example.org');
    expect(mail.subject).toBe('Accord: 2 new notifications');
    expect(mail.text).toContain(
      'Status changes — Framework\n  Clause 4: Negotiating → Agreed\n  2026-03-04 12:00 UTC · https://accord.example.org/drafts/d-1#clause-4',
    );
    expect(mail.text).toContain('Mentions — Framework\n  FR: please look');
  });

  it('puts a silence deadline in the subject', () => {
    const mail = composeDigest([base, { ...base, id: '3', kind: 'silence_reminder', text: 'Clause 4: silence ends in 1 hour (4 Mar 2026, 13:00 UTC).' }], '');
    expect(mail.subject).toBe('Accord: Clause 4: silence ends in 1 hour (4 Mar 2026, 13:00 UTC).');
  });
});
