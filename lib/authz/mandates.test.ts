import { describe, expect, it } from 'vitest';
import { mandateRefusal, mandateState, type MandateTerms } from './mandates';

const now = new Date('2026-12-05T12:00:00Z');
const m = (over: Partial<MandateTerms> = {}): MandateTerms => ({
  from: 'HU',
  to: 'PL',
  clauseIds: null,
  until: null,
  breakSilence: false,
  revokedAt: null,
  ...over,
});

describe('mandateRefusal', () => {
  it('allows a valid mandate for every clause', () => {
    expect(mandateRefusal([m()], 'PL', 'HU', { kind: 'position', clauseId: 'c1' }, now)).toBeNull();
  });

  it.each([
    ['no mandate', [], /holds no mandate from HU/],
    ['a mandate to someone else', [m({ to: 'CZ' })], /holds no mandate from HU/],
    ['revoked', [m({ revokedAt: new Date('2026-12-05T11:00:00Z') })], /was revoked/],
    ['expired', [m({ until: new Date('2026-12-05T11:59:59Z') })], /has expired/],
    ['clause not covered', [m({ clauseIds: ['c2'] })], /does not cover this clause/],
  ])('refuses %s, naming why', (_label, mandates, message) => {
    const refusal = mandateRefusal(mandates, 'PL', 'HU', { kind: 'position', clauseId: 'c1' }, now);
    expect(refusal?.code).toBe('forbidden');
    expect(refusal?.message).toMatch(message);
  });

  it('uses any valid mandate among revoked and expired ones', () => {
    const mandates = [m({ revokedAt: now }), m({ until: new Date('2026-12-01T00:00:00Z') }), m({ clauseIds: ['c1'], until: new Date('2026-12-06T00:00:00Z') })];
    expect(mandateRefusal(mandates, 'PL', 'HU', { kind: 'position', clauseId: 'c1' }, now)).toBeNull();
  });

  it('breaks silence only when the mandate says so and covers every clause', () => {
    const use = { kind: 'silence' as const, clauseIds: ['c1', 'c2'] };
    expect(mandateRefusal([m()], 'PL', 'HU', use, now)?.message).toMatch(/does not allow breaking silence/);
    expect(mandateRefusal([m({ breakSilence: true, clauseIds: ['c1'] })], 'PL', 'HU', use, now)?.message).toMatch(/every clause/);
    expect(mandateRefusal([m({ breakSilence: true })], 'PL', 'HU', use, now)).toBeNull();
  });
});

describe('mandateState', () => {
  it('is revoked, expired or active', () => {
    expect(mandateState(m({ revokedAt: now }), now)).toBe('revoked');
    expect(mandateState(m({ until: now }), now)).toBe('expired');
    expect(mandateState(m({ until: new Date('2027-01-01T00:00:00Z') }), now)).toBe('active');
  });
});
