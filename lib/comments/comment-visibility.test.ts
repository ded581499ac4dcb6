import { describe, expect, it } from 'vitest';
import { canResolveThread, canSeeComment, commentTeam, SECRETARIAT_TEAM } from './comment-visibility';

const fr = { role: 'delegate' as const, delegation: 'FR' };
const de = { role: 'delegate' as const, delegation: 'DE' };
const secretariat = { role: 'secretariat' as const, delegation: null };
const observer = { role: 'observer' as const, delegation: null };
const usObserver = { role: 'observer' as const, delegation: 'US' };

describe('comment visibility', () => {
  it('shows public threads to everyone who reads the draft', () => {
    for (const who of [fr, de, secretariat, observer, usObserver]) expect(canSeeComment(who, { visibility: 'everyone', team: 'FR' })).toBe(true);
  });

  it('keeps an internal note inside its team, away from the secretariat too', () => {
    const note = { visibility: 'delegation' as const, team: 'FR' };
    expect(canSeeComment(fr, note)).toBe(true);
    expect(canSeeComment({ role: 'observer', delegation: 'FR' }, note)).toBe(true);
    for (const who of [de, secretariat, observer, usObserver]) expect(canSeeComment(who, note)).toBe(false);
    const chair = { visibility: 'delegation' as const, team: SECRETARIAT_TEAM };
    expect(canSeeComment(secretariat, chair)).toBe(true);
    for (const who of [fr, de, observer]) expect(canSeeComment(who, chair)).toBe(false);
  });

  it('gives individual observers no team', () => {
    expect(commentTeam(observer)).toBeNull();
    expect(commentTeam(secretariat)).toBe(SECRETARIAT_TEAM);
  });

  it('lets a delegate resolve only its own delegation’s threads, the secretariat any, observers none', () => {
    expect(canResolveThread(fr, 'write', { team: 'FR' })).toBe(true);
    expect(canResolveThread(de, 'write', { team: 'FR' })).toBe(false);
    expect(canResolveThread(secretariat, 'write', { team: 'FR' })).toBe(true);
    expect(canResolveThread({ role: 'observer', delegation: 'FR' }, 'read', { team: 'FR' })).toBe(false);
    expect(canResolveThread(fr, 'read', { team: 'FR' })).toBe(false);
  });
});
