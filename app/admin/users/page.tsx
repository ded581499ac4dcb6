import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { UserDto } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import { getServices } from '@/server/services-registry';
import type { DelegationOption } from '../../_components/admin/delegation-option';
import { SecretariatOnly } from '../../_components/admin/secretariat-only';
import { UsersAdmin } from '../../_components/admin/users-admin';
import { AppHeader } from '../../_components/app-header';
import { requireIdentityOrRedirect } from '../../_server/current-identity';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('users.title') };
}
export const dynamic = 'force-dynamic';

/**
 * The delegations people can be assigned to: every delegation Accord knows (also one
 * just added, before any draft lists it), plus any code someone already holds.
 */
async function delegationOptions(identity: Identity, users: readonly UserDto[]): Promise<DelegationOption[]> {
  const known = await getServices().draftAdmin.listDelegations(identity);
  const byCode = new Map<string, DelegationOption>(known.map((d) => [d.code, { code: d.code, name: d.name }]));
  for (const u of users) if (u.delegation && !byCode.has(u.delegation)) byCode.set(u.delegation, { code: u.delegation, name: null });
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The secretariat's list of people and their access (`GET/POST /api/users`, `PATCH /api/users/:id`). */
export default async function UsersPage() {
  const identity = await requireIdentityOrRedirect('/admin/users');
  if (identity.role !== 'secretariat') {
    return (
      <>
        <AppHeader identity={identity} />
        <SecretariatOnly identity={identity} what={(await getTranslations('admin'))('secretariatOnly.usersWhat')} />
      </>
    );
  }
  const users = await getServices().userAdmin.list(identity);
  const delegations = await delegationOptions(identity, users);
  return (
    <>
      <AppHeader identity={identity} section="users" />
      <UsersAdmin initialUsers={users} delegations={delegations} selfId={identity.userId} />
    </>
  );
}
