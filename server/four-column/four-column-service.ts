/**
 * The four-column document of a draft between two points of its history (the points
 * compare takes: `rev:N`, `now`, `log:N`, an ISO time), and the secretariat's comment
 * per clause that fills its fifth column. Authorised here (through the history service
 * and the draft store); the renderers in server/export/ are pure.
 */
import type { Logger } from 'pino';
import type { Identity } from '@/lib/domain/identity';
import type * as Y from 'yjs';
import type { FourColumnBracketDto, FourColumnDto, FourColumnRowDto } from '@/lib/history/four-column';
import type { ResolvedPointDto } from '@/lib/history/types';
import type { ClauseCommentPayload } from '@/lib/realtime/events';
import { writeAudit } from '../audit/audit-log';
import type { Database } from '../db/client';
import type { DraftStore } from '../drafts/draft-store';
import { CONTENT_TYPES, pointLabel, type ExportFile, type ExportFormat } from '../export/export-service';
import { bracketSpans, type OpenBracketRow } from '../export/disputes';
import { fourColumnToDocx } from '../export/four-column-docx';
import { fourColumnToPdf } from '../export/four-column-pdf';
import { readOpenBrackets } from '../export/read-disputes';
import { attachmentDisposition, exportFileName } from '../export/labels';
import type { HistoryService } from '../history/history-service';
import { hashClauseText } from '../negotiation/clause-states';
import { clauseCommentsAt, setClauseComment } from './clause-comments';
import { positionsAt } from './positions-at';

export interface FourColumnServiceOptions {
  db: Database;
  drafts: DraftStore;
  history: Pick<HistoryService, 'compareWith'>;
  publisher: { publish(draftId: string, event: 'clause:comment', payload: ClauseCommentPayload): void };
  logger: Logger;
  now?: () => Date;
}

/** The moment of a point, for rows kept by time (positions, brackets, comments): null for now. */
function momentOf(point: ResolvedPointDto): Date | null {
  return point.spec === 'now' ? null : new Date(point.at ?? 0);
}

/** The open recorded brackets of a clause in a document, as offsets in its plain text (detached ones left out). */
function bracketsOn(doc: Y.Doc, clauseId: string, rows: OpenBracketRow[]): FourColumnBracketDto[] {
  const mine = rows.filter((r) => r.clauseId === clauseId);
  if (mine.length === 0) return [];
  return bracketSpans(doc, clauseId, mine)
    .sort((x, y) => x.from - y.from || y.to - x.to)
    .map((s) => ({ from: s.from, to: s.to, delegations: s.codes }));
}

export function createFourColumnService(options: FourColumnServiceOptions) {
  const { db, drafts } = options;
  const now = options.now ?? (() => new Date());

  async function build(identity: Identity, draftId: string, from: string | undefined, to: string | undefined): Promise<FourColumnDto> {
    // The recorded brackets open at each point, placed on that point's text.
    const { compared, inspected: marks } = await options.history.compareWith(identity, draftId, from, to, async (docs) => {
      const openA = await readOpenBrackets(db, draftId, momentOf(docs.from) ?? undefined);
      const openB = await readOpenBrackets(db, draftId, momentOf(docs.to) ?? undefined);
      return new Map(
        docs.clauseIds.map((id) => [
          id,
          {
            a: bracketsOn(docs.docA, id, openA),
            b: bracketsOn(docs.docB, id, openB),
          },
        ]),
      );
    });
    const atB = momentOf(compared.to);
    const participants = new Set((await drafts.getForUser(identity, draftId)).delegations.filter((d) => d.participation === 'participant').map((d) => d.code));
    const [positions, comments] = await Promise.all([positionsAt(db, draftId, atB), clauseCommentsAt(db, draftId, atB ?? undefined)]);
    const rows: FourColumnRowDto[] = compared.clauses.map((c) => {
      const textA = c.segments
        .filter((s) => s.kind !== 'insert')
        .map((s) => s.text)
        .join('');
      const textB = c.segments
        .filter((s) => s.kind !== 'delete')
        .map((s) => s.text)
        .join('');
      const hash = hashClauseText(textB);
      const comment = comments.get(c.clauseId);
      return {
        clauseId: c.clauseId,
        number: c.number,
        title: c.title,
        textA,
        textB,
        segments: c.segments,
        bracketsA: marks.get(c.clauseId)?.a ?? [],
        bracketsB: marks.get(c.clauseId)?.b ?? [],
        positions: positions
          .filter((p) => p.clauseId === c.clauseId && participants.has(p.delegation))
          .sort((a, b) => a.delegation.localeCompare(b.delegation))
          .map((p) => ({
            delegation: p.delegation,
            position: p.position,
            ...(p.reservation ? { reservation: p.reservation } : {}),
            ...(p.note ? { note: p.note } : {}),
            stale: p.textHash !== hash,
          })),
        ...(comment ? { comment } : {}),
      };
    });
    return { from: compared.from, to: compared.to, rows };
  }

  return {
    /** The four-column document as JSON. */
    build,

    /** The four-column document as a landscape DOCX or PDF, audited as an export. */
    async exportFile(identity: Identity, draftId: string, from: string | undefined, to: string | undefined, format: ExportFormat): Promise<ExportFile> {
      const [detail, table] = await Promise.all([drafts.getForUser(identity, draftId), build(identity, draftId, from, to)]);
      const at = now();
      const input = { title: detail.title, fromLabel: pointLabel(table.from, at), toLabel: pointLabel(table.to, at), rows: table.rows };
      const body = format === 'pdf' ? await fourColumnToPdf(input) : await fourColumnToDocx(input);
      await db.transaction((tx) =>
        writeAudit(tx, {
          actor: identity,
          action: 'draft.exported',
          draftId,
          details: { format, annex: null, fourColumn: { from: table.from.spec, to: table.to.spec }, bytes: body.length },
        }),
      );
      const fileName = exportFileName(`${detail.title} four-column ${table.from.label} to ${table.to.label}`, at.toISOString().slice(0, 10), format);
      return { body, fileName, contentType: CONTENT_TYPES[format], disposition: attachmentDisposition(fileName) };
    },

    /** The secretariat sets (or clears, with an empty string) the comment on a clause; pushed live as `clause:comment`. */
    async setComment(identity: Identity, draftId: string, clauseId: string, comment: string): Promise<ClauseCommentPayload> {
      await drafts.requireAccess(identity, draftId);
      const payload = await setClauseComment(db, identity, draftId, clauseId, comment);
      options.publisher.publish(draftId, 'clause:comment', payload);
      options.logger.info({ draftId, clauseId, chars: comment.length }, 'clause comment set');
      return payload;
    },
  };
}

export type FourColumnService = ReturnType<typeof createFourColumnService>;
