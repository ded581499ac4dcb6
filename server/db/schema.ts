/**
 * The one Drizzle schema, applied unchanged to embedded PGlite and PostgreSQL.
 * Text lives in Yjs (the update log); decisions and membership live in rows.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { NOTIFICATION_KINDS } from '../../lib/notifications/kinds';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value)),
});

export const delegations = pgTable('delegations', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  color: text('color').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  role: text('role', { enum: ['secretariat', 'delegate', 'observer'] }).notNull(),
  delegationCode: text('delegation_code').references(() => delegations.code),
  disabled: boolean('disabled').notNull().default(false),
  /** Bumped whenever role, delegation or disabled changes; sessions minted before are refused. */
  authVersion: integer('auth_version').notNull().default(1),
  /** The interface language the person chose ('en' | 'fr'); null: from the browser. */
  locale: text('locale', { enum: ['en', 'fr'] }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Sessions ended by signing out, by their `sid` (the random id in the session JWT and
 * in collab tokens). Every instance refuses a listed session; a row is kept until the
 * session would have expired anyway (`expires_at`), then pruned.
 */
export const revokedSessions = pgTable(
  'revoked_sessions',
  {
    sid: text('sid').primaryKey(),
    userId: uuid('user_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('revoked_sessions_expires_idx').on(t.expiresAt)],
);

export const drafts = pgTable('drafts', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  /** `closed` once the text is adopted: every write is refused until the secretariat reopens it. */
  state: text('state', { enum: ['open', 'closed'] })
    .notNull()
    .default('open'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const draftDelegations = pgTable(
  'draft_delegations',
  {
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    delegationCode: text('delegation_code')
      .notNull()
      .references(() => delegations.code),
    participation: text('participation', { enum: ['participant', 'observer'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.delegationCode] })],
);

/** Individuals invited to read a draft outside any delegation (e.g. international staff). */
export const draftInvitations = pgTable(
  'draft_invitations',
  {
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.userId] })],
);

export const clauses = pgTable(
  'clauses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    /** Sort key within the draft; `number` is what people cite. */
    ordinal: integer('ordinal').notNull(),
    /** Follows the order of the clauses that are not withdrawn; null while withdrawn or merged away. */
    number: integer('number'),
    title: text('title').notNull(),
    status: text('status', {
      enum: ['drafting', 'negotiating', 'agreed_ad_ref', 'agreed', 'silence', 'withdrawn'],
    })
      .notNull()
      .default('drafting'),
    /** Why the status was last set (required when agreeing without consensus). */
    statusNote: text('status_note'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    statusChangedBy: uuid('status_changed_by'),
    /** The status a withdrawn clause had, to which reinstating returns it. */
    withdrawnFrom: text('withdrawn_from'),
    /** Set when the clause was merged into another one: it is gone from the draft, kept for history. */
    mergedInto: uuid('merged_into'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('clauses_draft_idx').on(t.draftId, t.ordinal)],
);

/** Changes of a draft's clause structure (added, renamed, moved, split, merged, withdrawn, reinstated), for the timeline and compare. */
export const structureChanges = pgTable(
  'structure_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['added', 'renamed', 'moved', 'split', 'merged', 'withdrawn', 'reinstated'] }).notNull(),
    /** The clause the change is about (the first half of a split, the clause merged into). */
    clauseId: uuid('clause_id'),
    details: jsonb('details')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** The newest update-log id of the draft once the change (and its text edit, if any) was stored. */
    logId: bigint('log_id', { mode: 'number' }).notNull().default(0),
    byUserId: uuid('by_user_id').references(() => users.id),
    byName: text('by_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('structure_changes_draft_idx').on(t.draftId, t.id)],
);

/**
 * Every Yjs update the server accepted, in order, with who sent it and which clauses
 * it touched. Stored before it is relayed to anybody else.
 */
export const yjsUpdates = pgTable(
  'yjs_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    update: bytea('update').notNull(),
    userId: uuid('user_id').references(() => users.id),
    delegationCode: text('delegation_code'),
    clauseIds: jsonb('clause_ids')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('yjs_updates_draft_idx').on(t.draftId, t.id)],
);

/** Append-only record of every state change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    draftId: uuid('draft_id'),
    subject: text('subject'),
    details: jsonb('details')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** Hash of the previous row (empty for the first): deleting a row breaks the chain. */
    prevHash: text('prev_hash').notNull().default(''),
    /** Hash of this row's content and prevHash: editing a row breaks the chain. */
    hash: text('hash').notNull().default(''),
  },
  (t) => [index('audit_log_draft_idx').on(t.draftId, t.id)],
);

/** Small key-value settings the server keeps for itself (e.g. whether the demo was seeded). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
});

/** The current position of each delegation on each clause. */
export const positions = pgTable(
  'positions',
  {
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    clauseId: uuid('clause_id')
      .notNull()
      .references(() => clauses.id, { onDelete: 'cascade' }),
    delegationCode: text('delegation_code')
      .notNull()
      .references(() => delegations.code),
    position: text('position').notNull(),
    reservation: text('reservation'),
    note: text('note'),
    /** Hash of the clause text the position was given on. */
    textHash: text('text_hash').notNull(),
    /** The last update-log id of the draft when the position was given. */
    logId: bigint('log_id', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    /** The delegation that stated it under a mandate ("PL for HU"); null: the delegation itself. */
    statedBy: text('stated_by'),
  },
  (t) => [primaryKey({ columns: [t.clauseId, t.delegationCode] }), index('positions_draft_idx').on(t.draftId)],
);

/** Every change of position, never overwritten. */
export const positionHistory = pgTable(
  'position_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    clauseId: uuid('clause_id')
      .notNull()
      .references(() => clauses.id, { onDelete: 'cascade' }),
    delegationCode: text('delegation_code').notNull(),
    fromPosition: text('from_position'),
    fromReservation: text('from_reservation'),
    toPosition: text('to_position').notNull(),
    toReservation: text('to_reservation'),
    note: text('note'),
    textHash: text('text_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: uuid('by_user_id').references(() => users.id),
    byName: text('by_name'),
    /** The delegation that stated it under a mandate; null: the delegation itself. */
    statedBy: text('stated_by'),
    /** Why the row was written without a change of mind: `confirmed` (on the current text). */
    kind: text('kind'),
  },
  (t) => [index('position_history_clause_idx').on(t.clauseId, t.id)],
);

/**
 * A mandate: delegation `from` authorises delegation `to` to state its positions in a
 * draft, on every clause (`clauseIds` null) or the listed ones, until `until` (null: until
 * revoked). Never deleted: revoking sets `revokedAt`.
 */
export const mandates = pgTable(
  'mandates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    fromDelegation: text('from_delegation')
      .notNull()
      .references(() => delegations.code),
    toDelegation: text('to_delegation')
      .notNull()
      .references(() => delegations.code),
    clauseIds: jsonb('clause_ids').$type<string[] | null>(),
    until: timestamp('until', { withTimezone: true }),
    breakSilence: boolean('break_silence').notNull().default(false),
    note: text('note'),
    /** True when the secretariat recorded a mandate the delegation gave by letter. */
    byLetter: boolean('by_letter').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [index('mandates_draft_idx').on(t.draftId, t.toDelegation)],
);

/**
 * An edit the secretariat marked editorial: the positions current before it were re-based
 * on the clause's text as it stood then (`textHash`, `logId`), listed in `rebased`.
 */
export const editorialMarks = pgTable(
  'editorial_marks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    clauseId: uuid('clause_id')
      .notNull()
      .references(() => clauses.id, { onDelete: 'cascade' }),
    textHash: text('text_hash').notNull(),
    logId: bigint('log_id', { mode: 'number' }).notNull(),
    note: text('note'),
    rebased: jsonb('rebased').$type<string[]>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').references(() => users.id),
  },
  (t) => [index('editorial_marks_clause_idx').on(t.clauseId)],
);

/** Silence procedures: clauses become agreed at the deadline unless a delegation breaks silence. */
export const silenceProcedures = pgTable(
  'silence_procedures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    clauseIds: jsonb('clause_ids').$type<string[]>().notNull(),
    /** Status of each clause before the procedure, restored when it is cancelled. */
    previousStatuses: jsonb('previous_statuses').$type<Record<string, string>>().notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    state: text('state', { enum: ['running', 'broken', 'completed', 'cancelled', 'interrupted'] })
      .notNull()
      .default('running'),
    note: text('note'),
    /** Why the secretariat started silence on clauses with open brackets or alternatives (null: none were open). */
    overrideReason: text('override_reason'),
    startedBy: uuid('started_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by'),
    brokenByDelegation: text('broken_by_delegation'),
    reason: text('reason'),
  },
  (t) => [index('silence_draft_idx').on(t.draftId), index('silence_running_idx').on(t.state, t.deadline)],
);

/**
 * Snapshots of a draft's document, so that loading does not replay the whole log:
 * a load reads the newest checkpoint and the updates after `upToId`.
 */
export const yjsCheckpoints = pgTable(
  'yjs_checkpoints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    /** Every update with an id up to this one is contained in `state`. */
    upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
    state: bytea('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('yjs_checkpoints_draft_idx').on(t.draftId, t.upToId)],
);

// ---------------------------------------------------------------------------
// Comments and notifications (area: comments)
// ---------------------------------------------------------------------------

/**
 * A comment thread anchored to a span of a clause by two Yjs relative positions.
 * `visibility = 'delegation'` makes it an internal note of `team` (the author's
 * delegation, or `#secretariat`): read paths filter it with `visibleCommentFilter`.
 */
export const commentThreads = pgTable(
  'comment_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    clauseId: uuid('clause_id')
      .notNull()
      .references(() => clauses.id, { onDelete: 'cascade' }),
    /** Encoded Y.RelativePosition (base64) of the first character of the span. */
    anchorStart: text('anchor_start').notNull(),
    /** Encoded Y.RelativePosition (base64) just after the last character of the span. */
    anchorEnd: text('anchor_end').notNull(),
    /** The words the thread was made on, kept for when they are deleted. */
    quote: text('quote').notNull(),
    body: text('body').notNull(),
    mentions: jsonb('mentions')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    authorId: uuid('author_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    authorRole: text('author_role', { enum: ['secretariat', 'delegate', 'observer'] }).notNull(),
    /** The author's delegation (null for the secretariat). */
    delegationCode: text('delegation_code'),
    /** Who may see an internal note: the author's delegation code or `#secretariat`. */
    team: text('team').notNull(),
    visibility: text('visibility', { enum: ['everyone', 'delegation'] }).notNull(),
    state: text('state', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('comment_threads_draft_idx').on(t.draftId, t.clauseId)],
);

export const commentReplies = pgTable(
  'comment_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => commentThreads.id, { onDelete: 'cascade' }),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    mentions: jsonb('mentions')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    authorId: uuid('author_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    authorRole: text('author_role', { enum: ['secretariat', 'delegate', 'observer'] }).notNull(),
    delegationCode: text('delegation_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('comment_replies_thread_idx').on(t.threadId, t.createdAt)],
);

/**
 * In-app notifications, addressed to a delegation or to the secretariat
 * (`delegation_code = '#secretariat'`); each member reads them on their own.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    clauseId: uuid('clause_id').references(() => clauses.id, { onDelete: 'cascade' }),
    delegationCode: text('delegation_code').notNull(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    /** What it is about: a comment thread id, an alternative id, … */
    refId: text('ref_id').notNull(),
    text: text('text').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    actorDelegation: text('actor_delegation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_delegation_idx').on(t.delegationCode, t.createdAt)],
);

export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);

/** A person's notification choices: kinds they do not want, and whether they want e-mail. No row: everything, e-mail on. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  muted: jsonb('muted')
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  email: boolean('email').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Silence reminders sent ("ends in 24 hours", "ends in 1 hour"): the primary key is the
 * claim that makes each reminder go out once, whichever instance gets there first.
 */
export const silenceReminders = pgTable(
  'silence_reminders',
  {
    silenceId: uuid('silence_id')
      .notNull()
      .references(() => silenceProcedures.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: ['24h', '1h'] }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.silenceId, t.stage] })],
);

/**
 * The e-mail digest's cursor per person: notifications created up to `sent_up_to` were
 * e-mailed (or were there before e-mail started). Every comparison with it happens in
 * SQL, at the database's own precision.
 */
export const emailDigests = pgTable('email_digests', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  sentUpTo: timestamp('sent_up_to', { withTimezone: true }).notNull(),
  lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
  /** An instance composing this person's digest holds it until then (a lease, so that two instances never both send). */
  claimedUntil: timestamp('claimed_until', { withTimezone: true }),
});

// ---- Brackets and alternatives (area: brackets) ----

/**
 * Brackets recorded on a clause's text: disputed wording, anchored with Yjs relative
 * positions so that they stay on the same words while others edit. Never deleted:
 * removing one sets `state` to removed, with who and when; adopting an alternative that
 * replaces its words sets it to resolved.
 */
export const brackets = pgTable(
  'brackets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    clauseId: uuid('clause_id')
      .notNull()
      .references(() => clauses.id, { onDelete: 'cascade' }),
    /** Encoded Y.RelativePosition of the first character (sticks to it). */
    anchorStart: bytea('anchor_start').notNull(),
    /** Encoded Y.RelativePosition after the last character (sticks to the last character). */
    anchorEnd: bytea('anchor_end').notNull(),
    /** The words bracketed, as they were when the bracket was proposed. */
    quote: text('quote').notNull(),
    /** The proposing delegation; null when the secretariat bracketed the words. */
    delegationCode: text('delegation_code'),
    proposedBy: uuid('proposed_by').references(() => users.id),
    proposedByName: text('proposed_by_name').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    /** removed: by its proposer or the secretariat; resolved: an adopted alternative replaced its words. */
    state: text('state', { enum: ['open', 'removed', 'resolved'] })
      .notNull()
      .default('open'),
    /** When and by whom it was removed or resolved. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id),
    removedByName: text('removed_by_name'),
    removedByDelegation: text('removed_by_delegation'),
    /** How a resolved bracket was closed, e.g. "Resolved by adoption of ALT 2." */
    resolution: text('resolution'),
  },
  (t) => [index('brackets_clause_idx').on(t.clauseId, t.state), index('brackets_draft_idx').on(t.draftId)],
);

/**
 * Alternative wordings (`ALT 2`, `ALT 3`, …; `ALT 1` is the current text) for a whole
 * clause or for a span of it. Alternatives for the same words form a group (`groupId`,
 * the id of the group's first alternative); each delegation backs at most one
 * alternative per group. Never deleted: adopting one archives the others of its group.
 */
export const alternatives = pgTable(
  'alternatives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    clauseId: uuid('clause_id')
      .notNull()
      .references(() => clauses.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id').notNull(),
    /** ALT number within the clause, from 2. */
    number: integer('number').notNull(),
    scope: text('scope', { enum: ['clause', 'span'] }).notNull(),
    anchorStart: bytea('anchor_start'),
    anchorEnd: bytea('anchor_end'),
    /** The wording it would replace, as it was when proposed (the whole clause text for scope clause). */
    quote: text('quote').notNull(),
    /** The proposed wording, plain text. */
    body: text('body').notNull(),
    note: text('note'),
    delegationCode: text('delegation_code'),
    proposedBy: uuid('proposed_by').references(() => users.id),
    proposedByName: text('proposed_by_name').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    state: text('state', { enum: ['open', 'withdrawn', 'adopted', 'archived'] })
      .notNull()
      .default('open'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedByName: text('decided_by_name'),
    /** Why it left the table: adopted, withdrawn by its proposer, archived because ALT n was adopted. */
    decisionNote: text('decision_note'),
    /** The wording the adoption replaced in the text. */
    replacedText: text('replaced_text'),
  },
  (t) => [
    uniqueIndex('alternatives_clause_number_idx').on(t.clauseId, t.number),
    index('alternatives_draft_idx').on(t.draftId),
    index('alternatives_group_idx').on(t.groupId),
  ],
);

/** Which alternative each delegation backs in a group (at most one per group). */
export const alternativeBackings = pgTable(
  'alternative_backings',
  {
    groupId: uuid('group_id').notNull(),
    delegationCode: text('delegation_code')
      .notNull()
      .references(() => delegations.code),
    alternativeId: uuid('alternative_id')
      .notNull()
      .references(() => alternatives.id, { onDelete: 'cascade' }),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    backedAt: timestamp('backed_at', { withTimezone: true }).notNull().defaultNow(),
    backedBy: uuid('backed_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.delegationCode] }), index('alternative_backings_alt_idx').on(t.alternativeId)],
);

/**
 * The secretariat's comment on a clause (the optional fifth column of the four-column
 * document), kept with its history: one row per change, never overwritten; the comment
 * at a point is the newest row at or before it, an empty comment clears it.
 */
export const clauseComments = pgTable(
  'clause_comments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    clauseId: uuid('clause_id')
      .notNull()
      .references(() => clauses.id, { onDelete: 'cascade' }),
    comment: text('comment').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: uuid('by_user_id').references(() => users.id),
    byName: text('by_name').notNull(),
  },
  (t) => [index('clause_comments_draft_idx').on(t.draftId, t.clauseId, t.at)],
);

// ---------------------------------------------------------------------------
// History (edit history, authorship, revisions): area `history`.
// Everything below is derived from the update log except `revisions`; the indexer
// (server/history/history-indexer.ts) maintains it incrementally.
// ---------------------------------------------------------------------------

/** Numbered, immutable cuts of a whole draft (`Rev.1`, `Rev.2`, ...). */
export const revisions = pgTable(
  'revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Every logged update of the draft with an id up to this one is in `state`. */
    upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
    state: bytea('state').notNull(),
    /** The clauses at the cut, in order, with their numbers, titles and statuses (null for revisions cut before it was kept). */
    clauses: jsonb('clauses').$type<Array<{ id: string; number: number | null; title: string; status: string }>>(),
  },
  (t) => [uniqueIndex('revisions_draft_number_idx').on(t.draftId, t.number), index('revisions_draft_up_to_idx').on(t.draftId, t.upToId)],
);

/** How far the history index of a draft has been built. */
export const historyState = pgTable('history_state', {
  draftId: uuid('draft_id')
    .primaryKey()
    .references(() => drafts.id, { onDelete: 'cascade' }),
  /** Every update with an id up to this one is indexed (later ones may be too: see history_edits). */
  indexedUpTo: bigint('indexed_up_to', { mode: 'number' }).notNull().default(0),
  /** Newest permanent snapshot. */
  snapshotUpTo: bigint('snapshot_up_to', { mode: 'number' }).notNull().default(0),
});

/** Edit sessions: one author's consecutive edits with no pause longer than two minutes. */
export const historySessions = pgTable(
  'history_sessions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id'),
    delegationCode: text('delegation_code'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    clauseIds: jsonb('clause_ids')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    inserted: integer('inserted').notNull().default(0),
    deleted: integer('deleted').notNull().default(0),
    edits: integer('edits').notNull().default(0),
    firstLogId: bigint('first_log_id', { mode: 'number' }).notNull(),
    lastLogId: bigint('last_log_id', { mode: 'number' }).notNull(),
  },
  (t) => [index('history_sessions_draft_end_idx').on(t.draftId, t.endedAt, t.id), index('history_sessions_author_idx').on(t.draftId, t.userId, t.endedAt)],
);

/** One row per indexed logged update: its session, time and size (also maps a time to a log id). */
export const historyEdits = pgTable(
  'history_edits',
  {
    logId: bigint('log_id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    sessionId: bigint('session_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    inserted: integer('inserted').notNull().default(0),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [index('history_edits_draft_at_idx').on(t.draftId, t.at, t.logId)],
);

/**
 * Who created which Yjs items: clock ranges [clockStart, clockEnd) of a client. Contiguous
 * ranges of one client within one session are kept as one row, so the table grows with
 * sessions, not keystrokes.
 */
export const historyInsertions = pgTable(
  'history_insertions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    client: bigint('client', { mode: 'number' }).notNull(),
    clockStart: integer('clock_start').notNull(),
    clockEnd: integer('clock_end').notNull(),
    userId: uuid('user_id'),
    delegationCode: text('delegation_code'),
    sessionId: bigint('session_id', { mode: 'number' }).notNull(),
    logId: bigint('log_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('history_insertions_client_idx').on(t.draftId, t.client, t.clockEnd)],
);

/** Who deleted which Yjs items (clock ranges), per logged update. */
export const historyDeletions = pgTable(
  'history_deletions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    client: bigint('client', { mode: 'number' }).notNull(),
    clockStart: integer('clock_start').notNull(),
    clockEnd: integer('clock_end').notNull(),
    userId: uuid('user_id'),
    delegationCode: text('delegation_code'),
    logId: bigint('log_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('history_deletions_client_idx').on(t.draftId, t.client, t.clockStart)],
);

/**
 * Permanent snapshots of the document at regular points of the log (unlike
 * yjs_checkpoints, never pruned), so the text at any point costs one snapshot plus at
 * most a bounded number of updates, however long the history.
 */
export const historySnapshots = pgTable(
  'history_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
    state: bytea('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('history_snapshots_draft_up_to_idx').on(t.draftId, t.upToId)],
);
