/**
 * Circulating texts: the draft's current text (and, for the history helper, any
 * revision or comparison) rendered as DOCX or PDF for the people allowed to read it,
 * each export audited as `draft.exported`. Reading and authorising happen here; the
 * renderers beside this file are pure.
 */
import { isNumbered } from '@/lib/domain/clause-number';
import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../audit/audit-log';
import type { Database } from '../db/client';
import { revisions } from '../db/schema';
import type { DraftStore } from '../drafts/draft-store';
import type { HistoryService } from '../history/history-service';
import type { NegotiationService } from '../negotiation/negotiation-service';
import type { ResolvedPointDto } from '@/lib/history/types';
import { notAdoptedReason } from '@/lib/domain/adopted-text';
import { AppError } from '@/lib/errors/app-error';
import { adoptedDraft } from './adopted-export';
import { comparisonToDocx, type ComparisonExport } from './comparison-docx';
import { draftToDocx } from './draft-docx';
import { draftToPdf } from './draft-pdf';
import { attachmentDisposition, exportFileName, longDateTimeUtc, longDateUtc, workingTextSubtitle } from './labels';
import { disputedClauses, type DisputeRows, type DisputedClause } from './disputes';
import { buildPositionsAnnex } from './positions-annex';
import { readOpenDisputes } from './read-disputes';
import type { ExportClause, ExportDraft } from './types';

export const EXPORT_FORMATS = ['docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** A rendered file, ready to be sent as a download. */
export interface ExportFile {
  body: Buffer;
  fileName: string;
  contentType: string;
  /** The Content-Disposition header value. */
  disposition: string;
}

export interface ExportOptions {
  format: ExportFormat;
  /** Add the annex of delegations' positions per clause. */
  annex: boolean;
}

export interface ExportServiceOptions {
  db: Database;
  drafts: DraftStore;
  negotiation: NegotiationService;
  /** Revisions and comparisons (authorised there). */
  history: Pick<HistoryService, 'revisionText' | 'compare'>;
  /** Each clause of a draft's current text with the given open brackets drawn in and alternatives listed. */
  readText(draftId: string, clauseIds: readonly string[], disputes: DisputeRows): Promise<Map<string, DisputedClause>>;
  logger: Logger;
  now?: () => Date;
}

/** Render export input in a format (pure renderers; exposed for revisions and comparisons). */
export function renderDraft(input: ExportDraft, format: ExportFormat): Promise<Buffer> {
  return format === 'pdf' ? draftToPdf(input) : draftToDocx(input);
}

/** Paragraphs of a clause text whose blocks are joined by newlines (empty ones left out). */
export function textParagraphs(text: string): string[] {
  return text.split('\n').filter((p) => p.trim().length > 0);
}

/** How a point of the history is named on a comparison: "Rev.1 (12 November 2026)", "the working text as of …". */
export function pointLabel(point: ResolvedPointDto, now: Date): string {
  if (point.revision !== undefined && point.at) return `${point.label} (${longDateUtc(new Date(point.at))})`;
  if (point.spec === 'now') return `the working text as of ${longDateTimeUtc(now)}`;
  return point.at ? longDateTimeUtc(new Date(point.at)) : point.label;
}

/** A point in a file name: "Rev.2", "now" or "2026-11-29 1405". */
function shortPoint(point: ResolvedPointDto): string {
  if (point.revision !== undefined) return `Rev.${point.revision}`;
  if (point.spec === 'now') return 'now';
  return point.at ? point.at.slice(0, 16).replace('T', ' ').replace(':', '') : point.spec;
}

/** A clause of an export with its disputes (a withdrawn clause keeps its number and title only). */
export function exportClause(clause: { number: number | null; title: string; status: ExportClause['status'] }, text: DisputedClause | undefined): ExportClause {
  if (clause.status === 'withdrawn' || !text) return { number: clause.number, title: clause.title, status: clause.status, paragraphs: [] };
  return { number: clause.number, title: clause.title, status: clause.status, paragraphs: text.paragraphs, notes: text.notes, alternatives: text.alternatives };
}

export function createExportService(options: ExportServiceOptions) {
  const { db, drafts, negotiation } = options;
  const now = options.now ?? (() => new Date());

  function file(body: Buffer, title: string, at: Date, format: ExportFormat): ExportFile {
    const fileName = exportFileName(title, at.toISOString().slice(0, 10), format);
    return { body, fileName, contentType: CONTENT_TYPES[format], disposition: attachmentDisposition(fileName) };
  }

  async function audit(identity: Identity, draftId: string, details: Record<string, unknown>): Promise<void> {
    await db.transaction((tx) => writeAudit(tx, { actor: identity, action: 'draft.exported', draftId, details }));
  }

  return {
    /**
     * The draft's current text as a file, optionally with the positions annex.
     * Throws not_found when the draft is unknown or not shared with the caller.
     */
    async exportDraft(identity: Identity, draftId: string, opts: ExportOptions): Promise<ExportFile> {
      const detail = await drafts.getForUser(identity, draftId);
      const at = now();
      const ids = detail.clauses.map((c) => c.id);
      const disputes = await readOpenDisputes(db, draftId);
      const [texts, positions, consensus] = await Promise.all([
        options.readText(draftId, ids, disputes),
        opts.annex ? negotiation.listPositions(identity, draftId) : Promise.resolve([]),
        opts.annex ? negotiation.consensus(identity, draftId) : Promise.resolve([]),
      ]);
      const input: ExportDraft = {
        title: detail.title,
        subtitle: workingTextSubtitle(at),
        clauses: detail.clauses.map((c) => exportClause(c, texts.get(c.id))),
        ...(opts.annex
          ? { annex: buildPositionsAnnex({ clauses: detail.clauses.filter(isNumbered), delegations: detail.delegations, positions, consensus }) }
          : {}),
      };
      const started = performance.now();
      const body = await renderDraft(input, opts.format);
      const ms = Math.round(performance.now() - started);
      await audit(identity, draftId, { format: opts.format, annex: opts.annex ? 'positions' : null, clauses: input.clauses.length, bytes: body.length });
      options.logger.info({ draftId, format: opts.format, annex: opts.annex, bytes: body.length, ms }, 'draft exported');
      return file(body, detail.title, at, opts.format);
    },

    /**
     * The adopted text, for the secretariat (403 for anyone else), once the draft is
     * closed as adopted or every clause that is not withdrawn is agreed (409 before):
     * no status flags or disputes, a cover and the annex of statements and reservations.
     */
    async exportAdopted(identity: Identity, draftId: string, format: ExportFormat): Promise<ExportFile> {
      const detail = await drafts.getForUser(identity, draftId);
      if (identity.role !== 'secretariat') throw new AppError('forbidden', { message: 'Only the secretariat circulates the adopted text.' });
      const reason = notAdoptedReason({ closed: detail.state === 'closed', clauses: detail.clauses });
      if (reason) throw new AppError('conflict', { message: reason });
      const at = now();
      const ids = detail.clauses.map((c) => c.id);
      const [texts, positions] = await Promise.all([
        options.readText(draftId, ids, { brackets: [], alternatives: [] }),
        negotiation.listPositions(identity, draftId),
      ]);
      const paragraphs = new Map([...texts].map(([id, t]) => [id, t.paragraphs]));
      const input = adoptedDraft(detail, paragraphs, positions, at);
      const body = await renderDraft(input, format);
      await audit(identity, draftId, { format, annex: 'statements', adopted: true, clauses: input.clauses.length, bytes: body.length });
      return file(body, `${detail.title} adopted text`, at, format);
    },

    /**
     * A numbered revision as a file: its text as cut, with the recorded brackets and
     * alternatives that were open at the cut (statuses are not part of a revision, so
     * none is flagged). Throws not_found for an unknown revision.
     */
    async exportRevision(identity: Identity, draftId: string, number: number, format: ExportFormat): Promise<ExportFile> {
      const [detail, revision] = await Promise.all([drafts.getForUser(identity, draftId), options.history.revisionText(identity, draftId, number)]);
      const cutAt = new Date(revision.revision.createdAt);
      const [stored] = await db
        .select({ state: revisions.state })
        .from(revisions)
        .where(and(eq(revisions.draftId, draftId), eq(revisions.number, number)))
        .limit(1);
      const doc = new Y.Doc();
      let texts: Map<string, DisputedClause>;
      try {
        if (stored) Y.applyUpdate(doc, stored.state);
        texts = disputedClauses(
          doc,
          revision.clauses.map((c) => c.clauseId),
          await readOpenDisputes(db, draftId, cutAt),
        );
      } finally {
        doc.destroy();
      }
      const input: ExportDraft = {
        title: detail.title,
        subtitle: `${revision.revision.label} — ${longDateUtc(cutAt)}`,
        ...(revision.revision.note ? { note: revision.revision.note } : {}),
        clauses: revision.clauses.map((c) => exportClause({ number: c.number, title: c.title, status: null }, texts.get(c.clauseId))),
      };
      const body = await renderDraft(input, format);
      await audit(identity, draftId, { format, annex: null, revision: number, clauses: input.clauses.length, bytes: body.length });
      return file(body, `${detail.title} ${revision.revision.label}`, cutAt, format);
    },

    /**
     * The comparison of two points (`rev:N`, `now`, `log:N`, an ISO time) as a DOCX
     * with tracked changes attributed to delegations.
     */
    async exportComparison(identity: Identity, draftId: string, from: string | undefined, to: string | undefined): Promise<ExportFile> {
      const [detail, compared] = await Promise.all([drafts.getForUser(identity, draftId), options.history.compare(identity, draftId, from, to)]);
      const at = now();
      const input: ComparisonExport = {
        title: detail.title,
        fromLabel: pointLabel(compared.from, at),
        toLabel: pointLabel(compared.to, at),
        clauses: compared.clauses,
        date: compared.to.at ?? at.toISOString(),
      };
      const body = await comparisonToDocx(input);
      await audit(identity, draftId, { format: 'docx', annex: null, comparison: { from: compared.from.spec, to: compared.to.spec }, bytes: body.length });
      return file(body, `${detail.title} ${shortPoint(compared.from)} to ${shortPoint(compared.to)}`, at, 'docx');
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
