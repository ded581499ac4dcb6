import { describe, expect, it } from 'vitest';
import { describeResolvedPoint, formatPoint, parsePoint } from './point';

describe('parsePoint', () => {
  it('reads now, revisions, log ids and ISO times', () => {
    expect(parsePoint('now')).toEqual({ ok: true, point: { kind: 'now' } });
    expect(parsePoint('')).toEqual({ ok: true, point: { kind: 'now' } });
    expect(parsePoint('rev:3')).toEqual({ ok: true, point: { kind: 'revision', number: 3 } });
    expect(parsePoint('Rev.12')).toEqual({ ok: true, point: { kind: 'revision', number: 12 } });
    expect(parsePoint('log:1234')).toEqual({ ok: true, point: { kind: 'log', id: 1234 } });
    const time = parsePoint('2026-03-04T14:05:00Z');
    expect(time.ok && time.point.kind === 'time' && time.point.at.toISOString()).toBe('2026-03-04T14:05:00.000Z');
    const offset = parsePoint('2026-03-04T16:05:00.5+02:00');
    expect(offset.ok && offset.point.kind === 'time' && offset.point.at.toISOString()).toBe('2026-03-04T14:05:00.500Z');
  });

  it('refuses anything else with a message that lists what is accepted', () => {
    for (const bad of ['rev:0', 'rev:x', 'log:-1', 'yesterday', '2026-03-04', '2026-13-40T99:99:00Z', 'log:1e3']) {
      const result = parsePoint(bad);
      expect(result.ok, bad).toBe(false);
    }
    const result = parsePoint('yesterday');
    expect(!result.ok && result.message).toMatch(/rev:N/);
  });

  it('formats points back to their canonical spelling', () => {
    expect(formatPoint({ kind: 'revision', number: 2 })).toBe('rev:2');
    expect(formatPoint({ kind: 'log', id: 9 })).toBe('log:9');
    expect(formatPoint({ kind: 'now' })).toBe('now');
    expect(formatPoint({ kind: 'time', at: new Date('2026-01-01T00:00:00Z') })).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('describeResolvedPoint', () => {
  it('names points by revision, time and author, never by a log number', () => {
    const at = '2026-03-04T14:05:00.000Z';
    expect(describeResolvedPoint({ spec: 'rev:2', label: 'Rev.2', at, by: 'Secretariat · Ana Ruiz', revision: 2 })).toBe(
      'Rev.2 · 4 Mar 2026, 14:05 UTC · Secretariat · Ana Ruiz',
    );
    expect(describeResolvedPoint({ spec: 'log:201', label: '4 Mar 2026, 14:05 UTC', at, by: 'FR · Marie Dupont' })).toBe(
      '4 Mar 2026, 14:05 UTC · FR · Marie Dupont',
    );
    expect(describeResolvedPoint({ spec: 'now', label: 'Now', at, by: null })).toBe('Now · last change 4 Mar 2026, 14:05 UTC');
    expect(describeResolvedPoint({ spec: 'start', label: 'Start of the draft', at, by: null })).toBe('Start of the draft · 4 Mar 2026, 14:05 UTC');
    expect(describeResolvedPoint({ spec: 'start', label: 'Start of the draft', at: null, by: null })).toBe('Start of the draft');
    expect(describeResolvedPoint({ spec: 'log:201', label: '4 Mar 2026, 14:05 UTC', at, by: 'FR · Marie Dupont' })).not.toMatch(/201/);
  });
});

describe('the start point', () => {
  it('reads and writes `start`, the draft as first stored', () => {
    expect(parsePoint('start')).toEqual({ ok: true, point: { kind: 'start' } });
    expect(parsePoint(' START ')).toEqual({ ok: true, point: { kind: 'start' } });
    expect(formatPoint({ kind: 'start' })).toBe('start');
  });
});
