/**
 * Fires silence-procedure deadlines. A timer is armed for the earliest running
 * deadline, and a periodic sweep catches procedures started by other instances and
 * deadlines that passed while the server was down (also run once at start). The
 * database decides who completes a procedure, so racing instances do it exactly once.
 */
import type { Logger } from 'pino';

export interface SilenceSchedulerDeps {
  completeDue(now?: Date): Promise<number>;
  nextDeadline(): Promise<Date | null>;
  logger: Logger;
  sweepMs?: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export class SilenceScheduler {
  private timer: NodeJS.Timeout | null = null;
  private armedFor: number | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: SilenceSchedulerDeps) {}

  /** Complete whatever is overdue now, then keep watching. */
  async start(): Promise<void> {
    await this.tick();
    this.sweep = setInterval(() => void this.tick(), this.deps.sweepMs ?? 15_000);
    this.sweep.unref();
  }

  /** A procedure with this deadline was just started. */
  arm(deadline: Date): void {
    if (this.stopped) return;
    const at = deadline.getTime();
    if (this.armedFor !== null && this.armedFor <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.armedFor = null;
        void this.tick();
      },
      Math.min(Math.max(at - Date.now(), 0) + 5, MAX_TIMER_MS),
    );
    this.timer.unref();
  }

  /** Runs one pass at a time; errors are logged and retried at the next pass. */
  private tick(): Promise<void> {
    this.running = this.running.then(async () => {
      if (this.stopped) return;
      try {
        await this.deps.completeDue(new Date());
        const next = await this.deps.nextDeadline();
        if (next) this.arm(next);
      } catch (err) {
        this.deps.logger.error({ err }, 'silence deadline pass failed; retrying at the next sweep');
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweep) clearInterval(this.sweep);
    await this.running;
  }
}
