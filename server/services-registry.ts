/**
 * The bridge between the custom server and Next's route handlers / server components.
 * Next bundles route code separately, so module singletons are not shared with the
 * custom server: the composition root puts the services on globalThis and routes read
 * them here. Route code imports only this file and types from server/.
 */
import type { NextAuthOptions } from 'next-auth';
import type { AuditEntryDto, AuditPage } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import type { AuditQuery } from './audit/audit-log';
import type { AnnotationService } from './brackets/annotation-service';
import type { Logger } from 'pino';
import type { SessionIdentity, SessionResolver } from './auth/request-identity';
import type { CommentService } from './comments/comment-service';
import type { DraftAdmin } from './drafts/admin/draft-admin-service';
import type { DraftStore } from './drafts/draft-store';
import type { DraftImporter } from './drafts/import/prepare-import';
import type { ExportService } from './export/export-service';
import type { NegotiationService } from './negotiation/negotiation-service';
import type { StructureService } from './drafts/structure/structure-service';
import type { NotificationService } from './notifications/notification-service';
import type { FourColumnService } from './four-column/four-column-service';
import type { NotificationPreferences } from './notifications/preferences';
import type { HistoryService } from './history/history-service';
import type { StaticTextService } from './drafts/static-text-service';
import type { UserAdmin } from './users/user-admin';
import type { UserStore } from './users/user-store';

export interface AccordServices {
  logger: Logger;
  authOptions: NextAuthOptions;
  sessions: SessionResolver;
  users: UserStore;
  userAdmin: UserAdmin;
  audit: { read(identity: Identity, query: AuditQuery): Promise<AuditPage>; csv(entries: AuditEntryDto[]): string };
  drafts: DraftStore;
  /** The secretariat creates, changes, closes and reopens drafts, and adds delegations. */
  draftAdmin: DraftAdmin;
  /** Zero drafts in: previews and prepared content from DOCX, Markdown or text. */
  importer: DraftImporter;
  negotiation: NegotiationService;
  /** The clause structure of a draft: add, rename, reorder, split, merge. */
  structure: StructureService;
  /** Brackets and alternative wordings on clause text. */
  annotations: AnnotationService;
  comments: CommentService;
  notifications: NotificationService;
  notificationPreferences: NotificationPreferences;
  /** DOCX and PDF exports of drafts, revisions and comparisons. */
  exporter: ExportService;
  history: HistoryService;
  /** Clause texts as static nodes, painted before the editors exist. */
  staticText: StaticTextService;
  /** Whether the UI bench's routes answer (ACCORD_BENCH=1; never in service). */
  benchRoutes: boolean;
  fourColumn: FourColumnService;
  collabTokens: {
    issue(identity: SessionIdentity, draftId: string): { token: string; expiresAt: Date };
  };
  oidc: { enabled: boolean; name: string };
  /** Prometheus text for /metrics; when `token` is set, scrapers must send it as a bearer token. */
  metrics: { render(): Promise<string>; contentType: string; token?: string };
  /** A delegation's colour (as stored for it), for carets, presence and the UI. */
  colorOf(delegation: string | null): string;
  /** Cross-site protection: whether a request's Origin is Accord's own. */
  isAllowedOrigin(origin: string | null | undefined, host: string | null | undefined): boolean;
  /** Per-person rate limit of state-changing HTTP requests (false: answer 429). */
  allowWrite(userId: string): boolean;
  /** True once the server accepts work (database open, migrations applied). */
  isReady(): boolean;
  /** Database and fan-out reachable. */
  checkReadiness(): Promise<{ ok: boolean; checks: Record<string, boolean> }>;
}

const KEY = Symbol.for('accord.services');

type GlobalWithServices = typeof globalThis & { [KEY]?: AccordServices };

export function registerServices(services: AccordServices | undefined): void {
  (globalThis as GlobalWithServices)[KEY] = services;
}

/** The running server's services; throws when Next runs without Accord's custom server. */
export function getServices(): AccordServices {
  const services = (globalThis as GlobalWithServices)[KEY];
  if (!services) {
    throw new Error('Accord services are not available: start the app with `npm start` or `npm run dev`, not `next` directly.');
  }
  return services;
}
