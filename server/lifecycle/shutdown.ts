/**
 * The shutdown sequence: named steps run once, one after the other, in the order they
 * were added. A step that takes long is named in the log (with the connections still
 * open), so a stuck shutdown says where it is stuck.
 */
import type { Logger } from 'pino';

export interface Shutdown {
  /** Append a step; steps run in the order added. */
  step(name: string, run: () => unknown): void;
  /** Run every step (once: later calls return the same promise). */
  run(): Promise<void>;
}

export interface ShutdownOptions {
  logger: Logger;
  /** Connections still open, for the "still waiting" log line. */
  openConnections(): number;
  /** How long a step may take before it is logged as still waiting. */
  slowStepMs?: number;
}

export function createShutdown({ logger, openConnections, slowStepMs = 2000 }: ShutdownOptions): Shutdown {
  const steps: Array<{ name: string; run: () => unknown }> = [];
  let running: Promise<void> | undefined;
  return {
    step(name, run) {
      steps.push({ name, run });
    },
    run() {
      running ??= (async () => {
        for (const { name, run } of steps) {
          const slow = setTimeout(() => logger.warn({ step: name, connections: openConnections() }, 'shutdown step still waiting'), slowStepMs);
          try {
            await run();
          } finally {
            clearTimeout(slow);
          }
        }
      })();
      return running;
    },
  };
}
