import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './download-export';

describe('fileNameFromDisposition', () => {
  it('prefers the exact UTF-8 name, then the plain one, then the fallback', () => {
    expect(
      fileNameFromDisposition(
        `attachment; filename="Garanties - Turkiye 2026-11-29.pdf"; filename*=UTF-8''Garanties%20%E2%80%93%20T%C3%BCrkiye%202026-11-29.pdf`,
        'x.pdf',
      ),
    ).toBe('Garanties – Türkiye 2026-11-29.pdf');
    expect(fileNameFromDisposition('attachment; filename="Framework 2026-11-29.docx"', 'x.docx')).toBe('Framework 2026-11-29.docx');
    expect(fileNameFromDisposition('attachment; filename=plain.docx', 'x.docx')).toBe('plain.docx');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A; filename="safe.pdf"`, 'x.pdf')).toBe('safe.pdf');
    expect(fileNameFromDisposition(null, 'x.docx')).toBe('x.docx');
  });
});
