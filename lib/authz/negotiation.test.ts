import { describe, expect, it } from 'vitest';
import type { Identity } from '../domain/identity';
import { breakSilenceRefusal, cancelSilenceRefusal, clauseStatusRefusal, positionRefusal, startSilenceRefusal } from './negotiation';

const person = (role: Identity['role'], delegation: string | null): Identity => ({ userId: 'u', email: 'e', name: 'n', role, delegation });
const fr = person('delegate', 'FR');
const secretariat = person('secretariat', null);
const observer = person('observer', null);

describe('position rules', () => {
  it('lets a participating delegate state its own delegation’s position only', () => {
    expect(positionRefusal(fr, 'write', 'FR', 'participant')).toBeNull();
    expect(positionRefusal(fr, 'write', 'DE', 'participant')).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/own delegation \(FR\), not DE/),
    });
    expect(positionRefusal(fr, 'write', 'FR', 'observer')).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/as an observer/) });
  });

  it('refuses the secretariat and observers, and answers not_found for a delegation outside the draft', () => {
    expect(positionRefusal(secretariat, 'write', 'FR', 'participant')?.code).toBe('forbidden');
    expect(positionRefusal(observer, 'read', 'FR', 'participant')?.code).toBe('forbidden');
    expect(positionRefusal(fr, 'read', 'FR', 'participant')?.code).toBe('forbidden');
    expect(positionRefusal(fr, 'write', 'XX', undefined)?.code).toBe('not_found');
    // Not taking part is reported first, whoever asks.
    expect(positionRefusal(secretariat, 'write', 'XX', undefined)?.code).toBe('not_found');
  });
});

describe('clause status and silence rules', () => {
  it('leaves statuses, starting and cancelling silence to the secretariat', () => {
    for (const refusal of [clauseStatusRefusal, startSilenceRefusal, cancelSilenceRefusal]) {
      expect(refusal(secretariat)).toBeNull();
      expect(refusal(fr)?.code).toBe('forbidden');
      expect(refusal(observer)?.code).toBe('forbidden');
    }
  });

  it('lets only a participating delegation break silence', () => {
    expect(breakSilenceRefusal(fr, 'write')).toBeNull();
    expect(breakSilenceRefusal(fr, 'read')?.code).toBe('forbidden');
    expect(breakSilenceRefusal(secretariat, 'write')?.message).toMatch(/cancel the procedure/);
    expect(breakSilenceRefusal(observer, 'read')?.code).toBe('forbidden');
    expect(breakSilenceRefusal(person('delegate', null), 'write')?.code).toBe('forbidden');
  });
});
