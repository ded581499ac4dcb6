/**
 * What the harness needs from a target: where clients connect, how they authenticate,
 * which processes to measure, and how to stop it.
 */
import type { Pinning } from '../lib/pin';

export type TargetId = 'a' | 'b' | 'c' | 'd';
export const TARGET_IDS: TargetId[] = ['a', 'b', 'c', 'd'];

export interface Endpoint {
  /** http://127.0.0.1:<port> */
  httpUrl: string;
  /** The y-websocket server URL given to WebsocketProvider (the room is appended by the provider). */
  wsUrl: string;
}

/** Everything the load generator needs to connect its clients. */
export interface LoadSetup {
  kind: 'accord' | 'reference';
  /** Client i connects to endpoints[i % endpoints.length] (round-robin). */
  endpoints: Endpoint[];
  /** The room: the draft id for Accord. */
  room: string;
  /** Clause ids whose `clause:<id>` fragments the clients edit (client i edits clauseIds[i % n]). */
  clauseIds: string[];
  /** Session cookies, one per delegate account; client i uses cookies[i % n]. Empty for the reference. */
  cookies: string[];
  /** The reference starts empty: the first client creates the clause paragraphs. */
  seedIfEmpty: boolean;
}

export interface RunningTarget {
  id: TargetId;
  label: string;
  setup: LoadSetup;
  /** Cheap HTTP URLs answered by each server's event loop, polled during the window to see whether it stays responsive. */
  probeUrls: string[];
  /** Root pids of the server processes (their process trees are measured). */
  serverPids(): number[];
  /** Pids of external services doing work for this target (PostgreSQL backends, redis-server). */
  servicePids(): Promise<number[]>;
  /** Notes for the report (e.g. "fan-out not implemented yet"). */
  notes: string[];
  /** Whether every server process is still running. */
  alive(): boolean;
  /** Recent server logs, for diagnosing a failed point. */
  logs(): string;
  stop(): Promise<void>;
}

export interface TargetContext {
  pinning: Pinning;
  /** PostgreSQL admin URL (a throwaway database is created on it). */
  databaseUrl: string;
  redisUrl: string;
  redisPid: number | null;
  /** How many clauses the clients spread their edits over. */
  clauseCount: number;
  log(message: string): void;
}

export interface TargetDefinition {
  id: TargetId;
  label: string;
  needs: Array<'build' | 'postgres' | 'redis'>;
  start(ctx: TargetContext): Promise<RunningTarget>;
}
