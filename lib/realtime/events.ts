/**
 * The socket.io contract between browser and server. Every client payload has a
 * zod schema that the server parses before acting; the TypeScript types only help
 * the compiler.
 */
import { z } from 'zod';
import type { PresenceUser } from '../domain/identity';
import type { ErrorCode } from '../errors/app-error';

export const joinDraftSchema = z.object({ draftId: z.string().uuid() });
export type JoinDraftPayload = z.infer<typeof joinDraftSchema>;

export const leaveDraftSchema = joinDraftSchema;
export type LeaveDraftPayload = z.infer<typeof leaveDraftSchema>;

export interface PresencePayload {
  draftId: string;
  /** Everyone with the draft open right now, one entry per person, sorted by delegation then name. */
  users: PresenceUser[];
}

export interface RealtimeErrorPayload {
  code: ErrorCode;
  message: string;
  /** The event that was refused, when the error answers one. */
  event?: string;
}

export type Ack<T> = (result: { ok: true; data: T } | { ok: false; error: RealtimeErrorPayload }) => void;

export interface ServerToClientEvents {
  presence: (payload: PresencePayload) => void;
  error: (payload: RealtimeErrorPayload) => void;
}

export interface ClientToServerEvents {
  'draft:join': (payload: JoinDraftPayload, ack?: Ack<PresencePayload>) => void;
  'draft:leave': (payload: LeaveDraftPayload) => void;
}

/** socket.io room name for a draft. */
export function draftRoom(draftId: string): string {
  return `draft:${draftId}`;
}
