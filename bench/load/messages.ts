/**
 * The contract between the harness (bench/run.ts) and a load-generator process
 * (bench/load/generator.ts): its configuration, the events it prints on stdout as
 * `@@bench <json>` lines, and its result.
 */
import type { LoadSetup } from '../targets/types';

export const EVENT_PREFIX = '@@bench ';

export interface GeneratorConfig {
  targetId: string;
  setup: LoadSetup;
  clients: number;
  /** Edits per second per client. */
  editRate: number;
  /** Caret moves (awareness updates) per second per client. */
  caretRate: number;
  warmupMs: number;
  durationMs: number;
  /** After the window, how long to wait for the last edits to reach everybody. */
  drainTimeoutMs: number;
  connectTimeoutMs: number;
  /** Clients connected at once. */
  connectBatch: number;
}

export interface Percentiles {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface GeneratorResult {
  clients: number;
  connectMs: number;
  /** From the window start to the moment edits stopped. */
  windowSeconds: number;
  /** From the window start to the end of the drain (the server CPU window). */
  cpuWindowSeconds: number;
  edits: {
    /** Edits sent inside the measuring window. */
    sent: number;
    /** All edits sent, warm-up included. */
    sentTotal: number;
    expectedDeliveries: number;
    deliveries: number;
    deliveryRatio: number;
    /** Edits of the window that reached every other client. */
    fullyDelivered: number;
    /** Edits sent / clients × rate × window: below 1 when the generator could not keep up. */
    offeredRatio: number;
  };
  /** Edit → arrival at one other client, per (edit, receiver), ms. */
  latencyMs: Percentiles;
  /** Edit → arrival at the last of the other clients, per fully delivered edit, ms. */
  fanoutMs: Percentiles;
  awareness: {
    /** Caret moves sent inside the window (all clients). */
    sent: number;
    /** Caret moves sent / clients × caret rate × window. */
    offeredRatio: number;
    /** Awareness messages received inside the window (all clients). */
    received: number;
    perClientPerSecond: number;
    bytesPerClientPerSecond: number;
  };
  /** Sync-protocol messages (updates, echoes included) received per client per second in the window. */
  syncMessagesPerClientPerSecond: number;
  convergence: {
    converged: boolean;
    /** Distinct versions of the edited clauses' text among the clients (1 = converged). */
    distinctVersions: number;
    /** A client connected after the run, per endpoint: does it see the same text? */
    fresh: Array<{ endpoint: string; matches: boolean; error?: string }>;
    /** Final length of the edited clauses' text (characters, summed). */
    textLength: number;
  };
  generator: {
    cpuSeconds: number;
    /** cpuSeconds / cpuWindowSeconds: near 1.0 means the generator's core was saturated. */
    utilisation: number;
    eventLoopDelayP99Ms: number;
    eventLoopDelayMaxMs: number;
  };
  /** Unexpected closes of client connections during the run, by close code. */
  closes: Record<string, number>;
  warnings: string[];
}

export type GeneratorEvent =
  | { type: 'progress'; message: string }
  | { type: 'window-start' }
  | { type: 'window-end' }
  | { type: 'result'; result: GeneratorResult }
  | { type: 'error'; message: string };
