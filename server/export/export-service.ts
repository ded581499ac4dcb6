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
import type { NegotiationService } from '../negotiation/negotiation-service';
import { comparisonToDocx, type ComparisonExport } from './comparison-docx';
import { draftToDocx } from './draft-docx';
import { draftToPdf } from './draft-pdf';
import { attachmentDisposition, exportFileName, workingTextSubtitle } from './labels';
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
  /** Paragraphs of each clause of a draft's current text. */
  readParagraphs(draftId: string, clauseIds: readonly string[]): Promise<Map<string, string[]>>;
  logger: Logger;
  now?: () => Date;
}

/** Render export input in a format (pure renderers; exposed for revisions and comparisons). */
export function renderDraft(input: ExportDraft, format: ExportFormat): Promise<Buffer> {
  return format === 'pdf' ? draftToPdf(input) : draftToDocx(input);
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
     * A revision (or any text the caller already read and authorised) as a file,
     * audited. For the history helper's revision export route.
     */
    async exportText(identity: Identity, draftId: string, input: ExportDraft, format: ExportFormat, details: Record<string, unknown> = {}): Promise<ExportFile> {
      await drafts.requireAccess(identity, draftId);
      const body = await renderDraft(input, format);
      await audit(identity, draftId, { ...details, format, annex: input.annex ? 'positions' : null, clauses: input.clauses.length, bytes: body.length });
      return file(body, input.title, now(), format);
    },

    /** A comparison as a DOCX with tracked changes, audited. */
    async exportComparison(identity: Identity, draftId: string, input: ComparisonExport, details: Record<string, unknown> = {}): Promise<ExportFile> {
      await drafts.requireAccess(identity, draftId);
      const body = await comparisonToDocx(input);
      await audit(identity, draftId, { ...details, format: 'docx', comparison: { from: input.fromLabel, to: input.toLabel }, bytes: body.length });
      return file(body, `${input.title} — comparison`, now(), 'docx');
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
