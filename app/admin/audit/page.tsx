import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { isKnownAuditAction } from '@/lib/ui/audit-entry';
import { getServices } from '@/server/services-registry';
import { auditQuery } from '../../_components/admin/admin-api';
import { AuditLog } from '../../_components/admin/audit-log';
import { SecretariatOnly } from '../../_components/admin/secretariat-only';
import { AppHeader } from '../../_components/app-header';
import { requireIdentityOrRedirect } from '../../_server/current-identity';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('audit.title') };
}
export const dynamic = 'force-dynamic';

/** Entries per page, on first load and for each "Load older". */
const PAGE_SIZE = 50;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The secretariat's view of the hash-chained audit log (`GET /api/audit`, `GET /api/audit/export`). */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const asked = { action: first(params.action), draftId: first(params.draftId) };
  const identity = await requireIdentityOrRedirect(`/admin/audit${auditQuery(asked)}`);
  if (identity.role !== 'secretariat') {
    return (
      <>
        <AppHeader identity={identity} />
        <SecretariatOnly identity={identity} what={(await getTranslations('admin'))('secretariatOnly.auditWhat')} />
      </>
    );
  }

  const { audit, drafts } = getServices();
  const draftOptions = (await drafts.listForUser(identity)).map((d) => ({ id: d.id, title: d.title }));
  // Only filters the page can show as chosen; anything else in the address is ignored.
  const filters = {
    action: isKnownAuditAction(asked.action) ? asked.action : '',
    draftId: draftOptions.some((d) => d.id === asked.draftId) ? asked.draftId : '',
  };
  const initial = await audit.read(identity, { action: filters.action || undefined, draftId: filters.draftId || undefined, limit: PAGE_SIZE });

  return (
    <>
      <AppHeader identity={identity} section="audit" />
      <AuditLog key={`${filters.action}|${filters.draftId}`} initial={initial} filters={filters} drafts={draftOptions} pageSize={PAGE_SIZE} />
    </>
  );
}
