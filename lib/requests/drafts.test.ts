import { describe, expect, it } from 'vitest';
import { createDelegationSchema, createDraftSchema, importDraftFieldsSchema, updateDraftSchema } from '@/lib/requests/drafts';

const paths = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) => result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('draft request schemas', () => {
  it('accepts a draft with participants, observers and pasted text', () => {
    const body = createDraftSchema.parse({
      title: '  Zero draft ',
      participants: ['FR', 'NATO'],
      observers: ['EU'],
      text: { format: 'markdown', content: '# A' },
    });
    expect(body.title).toBe('Zero draft');
  });

  it('names a delegation listed twice, or both participating and observing', () => {
    expect(paths(createDraftSchema.safeParse({ title: 'x', participants: ['FR', 'FR'] }))).toEqual(['participants']);
    expect(paths(createDraftSchema.safeParse({ title: 'x', participants: ['FR'], observers: ['FR'] }))).toEqual(['observers']);
    expect(paths(updateDraftSchema.safeParse({ participants: ['DE'], observers: ['DE'] }))).toEqual(['observers']);
  });

  it('accepts a plan only with pasted text', () => {
    expect(paths(createDraftSchema.safeParse({ title: 'x', participants: [], plan: [{ title: 'A', units: [{ n: 0 }] }] }))).toContain('plan');
  });

  it('refuses an empty change and a reason alone', () => {
    expect(updateDraftSchema.safeParse({}).success).toBe(false);
    expect(updateDraftSchema.safeParse({ reason: 'why' }).success).toBe(false);
    expect(updateDraftSchema.parse({ state: 'open', reason: ' Correction. ' })).toEqual({ state: 'open', reason: 'Correction.' });
  });

  it('reads comma-separated delegation fields of the multipart import', () => {
    expect(importDraftFieldsSchema.parse({ title: 'T', participants: 'FR, DE ,,NATO', observers: '' })).toEqual({
      title: 'T',
      participants: ['FR', 'DE', 'NATO'],
      observers: [],
    });
    expect(paths(importDraftFieldsSchema.safeParse({ title: 'T', participants: 'fr' }))).toEqual(['participants.0']);
  });

  it('checks delegation codes and colours', () => {
    expect(createDelegationSchema.parse({ code: 'HU', name: ' Hungary ' })).toEqual({ code: 'HU', name: 'Hungary' });
    expect(paths(createDelegationSchema.safeParse({ code: 'Hungary', name: 'H' }))).toEqual(['code']);
    expect(paths(createDelegationSchema.safeParse({ code: 'HU', name: 'H', color: 'blue' }))).toEqual(['color']);
  });
});
