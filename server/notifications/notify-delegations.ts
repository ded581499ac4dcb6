/**
 * `notifyDelegations`: the entry point other parts of the server (comments, brackets
 * and alternatives, …) call to tell delegations about something that concerns them.
 * It stores one row per delegation of the draft and pushes `notification:new` to that
 * delegation's connected members (never to the actor). Next bundles route code apart
 * from the custom server, so the running service is found on globalThis, registered
 * by the composition root.
 */
import type { NotificationService, NotifyInput } from './notification-service';

const KEY = Symbol.for('accord.notifications');

type GlobalWithNotifier = typeof globalThis & { [KEY]?: Pick<NotificationService, 'notify'> };

export function registerNotifier(service: Pick<NotificationService, 'notify'> | undefined): void {
  (globalThis as GlobalWithNotifier)[KEY] = service;
}

/**
 * Notify delegations of a draft. Codes that are not delegations of the draft are
 * ignored. The caller decides who may know about the subject: do not pass delegations
 * that may not see it (e.g. others than the author's for an internal note).
 * Throws when the server's notification service is not running.
 */
export async function notifyDelegations(input: NotifyInput): Promise<void> {
  const service = (globalThis as GlobalWithNotifier)[KEY];
  if (!service) throw new Error('Notifications are not available: the Accord server did not register its notification service.');
  await service.notify(input);
}

export type { NotifyInput };
