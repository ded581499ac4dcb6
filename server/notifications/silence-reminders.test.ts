import { describe, expect, it } from 'vitest';
import { dueStage, nextStageAt } from './silence-reminders';

const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.UTC(2026, 2, 4, 12) + ms);

describe('silence reminders', () => {
  const week = { startedAt: at(-7 * 24 * HOUR), deadline: at(0) };

  it('is due 24 hours before the deadline, then 1 hour before', () => {
    expect(dueStage(week, at(-25 * HOUR))).toBeNull();
    expect(dueStage(week, at(-24 * HOUR))?.stage).toBe('24h');
    expect(dueStage(week, at(-2 * HOUR))?.stage).toBe('24h');
    expect(dueStage(week, at(-HOUR))?.stage).toBe('1h');
    expect(dueStage(week, at(-1))?.stage).toBe('1h');
    expect(dueStage(week, at(0))).toBeNull();
  });

  it('skips a stage the procedure never had time for', () => {
    const short = { startedAt: at(-3 * HOUR), deadline: at(0) };
    expect(dueStage(short, at(-2 * HOUR))).toBeNull();
    expect(dueStage(short, at(-HOUR / 2))?.stage).toBe('1h');
    const veryShort = { startedAt: at(-HOUR / 2), deadline: at(0) };
    expect(dueStage(veryShort, at(-HOUR / 4))).toBeNull();
  });

  it('tells the scheduler when the next reminder becomes due', () => {
    expect(nextStageAt(week, at(-48 * HOUR))).toEqual(at(-24 * HOUR));
    expect(nextStageAt(week, at(-10 * HOUR))).toEqual(at(-HOUR));
    expect(nextStageAt(week, at(-HOUR / 2))).toBeNull();
  });
});
