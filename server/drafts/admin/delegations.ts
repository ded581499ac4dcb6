/**
 * Delegations Accord knows: listed for the secretariat's pickers, added by the
 * secretariat with a code, a name and a colour that stays legible (lib/domain/legible-color).
 */
import { asc, eq } from 'drizzle-orm';
import type { DelegationDto } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import { assignDelegationColor, isLegibleDelegationColor } from '@/lib/domain/legible-color';
import type { CreateDelegationRequest } from '@/lib/requests/drafts';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../../audit/audit-log';
import { delegations } from '../../db/schema';
import { requireSecretariat, type DraftAdminContext } from './context';

export async function listDelegations(ctx: DraftAdminContext, identity: Identity): Promise<DelegationDto[]> {
  requireSecretariat(identity, 'manages delegations');
  return ctx.db.select({ code: delegations.code, name: delegations.name, color: delegations.color }).from(delegations).orderBy(asc(delegations.code));
}

export async function createDelegation(ctx: DraftAdminContext, identity: Identity, body: CreateDelegationRequest): Promise<DelegationDto> {
  requireSecretariat(identity, 'adds delegations');
  if (body.color && !isLegibleDelegationColor(body.color)) {
    throw new AppError('bad_request', {
      message: `The colour ${body.color} is not legible enough: it needs a contrast of at least 4.5:1 on white and 3:1 on the dark header. Leave it out to get one assigned.`,
      issues: [{ path: 'color', message: 'is not legible on white and on the dark header' }],
    });
  }
  const created = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ code: delegations.code }).from(delegations).where(eq(delegations.code, body.code)).limit(1);
    if (existing) throw new AppError('conflict', { message: `A delegation with the code ${body.code} already exists.` });
    const taken = (await tx.select({ color: delegations.color }).from(delegations)).map((d) => d.color);
    const color = body.color?.toLowerCase() ?? assignDelegationColor(taken);
    const [row] = await tx
      .insert(delegations)
      .values({ code: body.code, name: body.name, color })
      .onConflictDoNothing()
      .returning({ code: delegations.code, name: delegations.name, color: delegations.color });
    if (!row) throw new AppError('conflict', { message: `A delegation with the code ${body.code} already exists.` });
    await writeAudit(tx, { actor: identity, action: 'delegation.created', subject: body.code, details: { name: body.name, color } });
    return row;
  });
  ctx.onDelegationCreated?.(created.code, created.color);
  return created;
}
