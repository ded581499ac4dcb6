/**
 * The one Drizzle schema, applied unchanged to embedded PGlite and PostgreSQL.
 * Text lives in Yjs (the update log); decisions and membership live in rows.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

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
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const drafts = pgTable('drafts', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const draftDelegations = pgTable(
  'draft_delegations',
  {
    draftId: uuid('draft_id').notNull().references(() => drafts.id, { onDelete: 'cascade' }),
    delegationCode: text('delegation_code').notNull().references(() => delegations.code),
    participation: text('participation', { enum: ['participant', 'observer'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.delegationCode] })],
);

/** Individuals invited to read a draft outside any delegation (e.g. international staff). */
export const draftInvitations = pgTable(
  'draft_invitations',
  {
    draftId: uuid('draft_id').notNull().references(() => drafts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.userId] })],
);

export const clauses = pgTable(
  'clauses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id').notNull().references(() => drafts.id, { onDelete: 'cascade' }),
    /** Sort key within the draft; `number` is what people cite. */
    ordinal: integer('ordinal').notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    status: text('status', {
      enum: ['drafting', 'negotiating', 'agreed_ad_ref', 'agreed', 'silence', 'withdrawn'],
    })
      .notNull()
      .default('drafting'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('clauses_draft_idx').on(t.draftId, t.ordinal)],
);

/**
 * Every Yjs update the server accepted, in order, with who sent it and which clauses
 * it touched. Stored before it is relayed to anybody else.
 */
export const yjsUpdates = pgTable(
  'yjs_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: uuid('draft_id').notNull().references(() => drafts.id, { onDelete: 'cascade' }),
    update: bytea('update').notNull(),
    userId: uuid('user_id').references(() => users.id),
    delegationCode: text('delegation_code'),
    clauseIds: jsonb('clause_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
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
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_log_draft_idx').on(t.draftId, t.id)],
);

/** Small key-value settings the server keeps for itself (e.g. whether the demo was seeded). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
});
