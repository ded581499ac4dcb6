/**
 * Circulating texts: the draft's current text (and, for the history helper, any
 * revision or comparison) rendered as DOCX or PDF for the people allowed to read it,
 * each export audited as `draft.exported`. Reading and authorising happen here; the
 * renderers beside this file are pure.
 */
import type { Logger } from 'pino';
import type { Identity } from '@/lib/domain/identity';
import { writeAudit } from '../audit/audit-log';
import type { Database } from '../db/client';
import type { DraftStore } from '../drafts/draft-store';
import type { HistoryService } from '../history/history-service';
import type { NegotiationService } from '../negotiation/negotiation-service';
import type { ResolvedPointDto } from '@/lib/history/types';
import { comparisonToDocx, type ComparisonExport } from './comparison-docx';
import { draftToDocx } from './draft-docx';
import { draftToPdf } from './draft-pdf';
import { attachmentDisposition, exportFileName, longDateTimeUtc, longDateUtc, workingTextSubtitle } from './labels';
import { buildPositionsAnnex } from './positions-annex';
import type { ExportDraft } from './types';

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
  /** Paragraphs of each clause of a draft's current text. */
  readParagraphs(draftId: string, clauseIds: readonly string[]): Promise<Map<string, string[]>>;
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
      const [paragraphs, positions, consensus] = await Promise.all([
        options.readParagraphs(draftId, ids),
        opts.annex ? negotiation.listPositions(identity, draftId) : Promise.resolve([]),
        opts.annex ? negotiation.consensus(identity, draftId) : Promise.resolve([]),
      ]);
      const input: ExportDraft = {
        title: detail.title,
        subtitle: workingTextSubtitle(at),
        clauses: detail.clauses.map((c) => ({ number: c.number, title: c.title, status: c.status, paragraphs: paragraphs.get(c.id) ?? [] })),
        ...(opts.annex ? { annex: buildPositionsAnnex({ clauses: detail.clauses, delegations: detail.delegations, positions, consensus }) } : {}),
      };
      const started = performance.now();
      const body = await renderDraft(input, opts.format);
      const ms = Math.round(performance.now() - started);
      await audit(identity, draftId, { format: opts.format, annex: opts.annex ? 'positions' : null, clauses: input.clauses.length, bytes: body.length });
      options.logger.info({ draftId, format: opts.format, annex: opts.annex, bytes: body.length, ms }, 'draft exported');
      return file(body, detail.title, at, opts.format);
    },

    /**
     * A numbered revision as a file (its text as cut; statuses are not part of a
     * revision, so none is flagged). Throws not_found for an unknown revision.
     */
    async exportRevision(identity: Identity, draftId: string, number: number, format: ExportFormat): Promise<ExportFile> {
      const [detail, revision] = await Promise.all([drafts.getForUser(identity, draftId), options.history.revisionText(identity, draftId, number)]);
      const cutAt = new Date(revision.revision.createdAt);
      const input: ExportDraft = {
        title: detail.title,
        subtitle: `${revision.revision.label} — ${longDateUtc(cutAt)}`,
        ...(revision.revision.note ? { note: revision.revision.note } : {}),
        clauses: revision.clauses.map((c) => ({ number: c.number, title: c.title, status: null, paragraphs: textParagraphs(c.text) })),
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
