/**
 * The one SQL condition that keeps internal notes inside their team. Every read of
 * comment rows (lists, single threads, replies, counts, and any history or export that
 * includes comments) must AND it into its WHERE clause; replies are visible exactly when
 * their thread is.
 */
import { and, eq, or, type SQL } from 'drizzle-orm';
import { commentTeam } from '@/lib/comments/comment-visibility';
import type { Identity } from '@/lib/domain/identity';
import { commentThreads } from '../db/schema';

export function visibleCommentFilter(identity: Pick<Identity, 'role' | 'delegation'>): SQL {
  const team = commentTeam(identity);
  const everyone = eq(commentThreads.visibility, 'everyone');
  if (!team) return everyone;
  return or(everyone, and(eq(commentThreads.visibility, 'delegation'), eq(commentThreads.team, team))) as SQL;
}
