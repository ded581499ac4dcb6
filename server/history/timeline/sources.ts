/**
 * Every source of the timeline, one entry each. To add a kind of event: write a source
 * (see source.ts) named in lib/history/timeline-sources.ts, add its entry type to
 * lib/history/types.ts, and list it here.
 */
import { alternativeBackingSource, alternativeDecidedSource, alternativeProposedSource } from './alternatives';
import { bracketAddedSource, bracketClosedSource } from './brackets';
import { clauseCommentSource } from './clause-comments';
import { commentSource, replySource } from './comments';
import { decisionSource } from './decisions';
import { mandateSource } from './mandates';
import { positionSource } from './positions';
import { revisionSource } from './revisions';
import { sessionSource } from './sessions';
import { structureSource } from './structure';
import type { TimelineSource } from './source';

export const TIMELINE_SOURCES: readonly TimelineSource[] = [
  sessionSource,
  revisionSource,
  decisionSource,
  structureSource,
  positionSource,
  commentSource,
  replySource,
  bracketAddedSource,
  bracketClosedSource,
  alternativeProposedSource,
  alternativeBackingSource,
  alternativeDecidedSource,
  clauseCommentSource,
  mandateSource,
];
