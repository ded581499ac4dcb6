import { describe, expect, it } from 'vitest';
import { attachmentDisposition, exportFileName, longDateUtc, positionLetter, positionWords, statusMark, workingTextSubtitle } from './labels';

describe('export labels', () => {
  it('writes dates in words, in UTC', () => {
    const at = new Date('2026-11-29T14:05:59Z');
    expect(longDateUtc(at)).toBe('29 November 2026');
    expect(workingTextSubtitle(at)).toBe('Working text as of 29 November 2026, 14:05 UTC');
  });

  it('flags every status but agreed', () => {
    expect(statusMark('agreed')).toBeNull();
    expect(statusMark('agreed_ad_ref')).toBe('Agreed ad ref.');
    expect(statusMark('silence')).toBe('Under silence');
  });

  it('gives each position a letter and words from the vocabulary', () => {
    expect(positionLetter('abstain')).toBe('Ab');
    expect(positionLetter('none')).toBe('–');
    expect(positionWords({ position: 'reservation', reservation: 'parliamentary' })).toBe('Parliamentary reservation');
    expect(positionWords({ position: 'can_live_with', reservation: null })).toBe('Can live with');
  });

  it('makes a file name of the title and date without characters file systems refuse', () => {
    expect(exportFileName('Framework for Security Guarantees for Ukraine', '2026-11-29', 'docx')).toBe(
      'Framework for Security Guarantees for Ukraine 2026-11-29.docx',
    );
    expect(exportFileName('A/B: "draft"?', '2026-11-29', 'pdf')).toBe('A B draft 2026-11-29.pdf');
    expect(exportFileName('  ', '2026-11-29', 'pdf')).toBe('Draft 2026-11-29.pdf');
  });

  it('names the download in ASCII and, exactly, in UTF-8', () => {
    expect(attachmentDisposition('Framework 2026-11-29.docx')).toBe(
      `attachment; filename="Framework 2026-11-29.docx"; filename*=UTF-8''Framework%202026-11-29.docx`,
    );
    expect(attachmentDisposition('Garanties – Türkiye (Київ) 2026-11-29.pdf')).toBe(
      `attachment; filename="Garanties - Turkiye (____) 2026-11-29.pdf"; filename*=UTF-8''Garanties%20%E2%80%93%20T%C3%BCrkiye%20%28%D0%9A%D0%B8%D1%97%D0%B2%29%202026-11-29.pdf`,
    );
  });
});
