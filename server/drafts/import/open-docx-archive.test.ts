import { describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '@/lib/errors/app-error';
import { docxOf, encryptedCfb, legacyDoc, p, zipOf } from './docx-fixtures.test-support';
import { MAX_DOCX_BYTES } from './docx-refusal';
import { openDocxArchive } from './open-docx-archive';
import { readDocxImport } from './read-docx-import';

/** The AppError `run` throws or rejects with. */
async function refusal(run: () => unknown): Promise<AppError> {
  try {
    await run();
  } catch (err) {
    if (isAppError(err)) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const reasonOf = (err: AppError) => err.issues?.[0]?.message;

describe('openDocxArchive', () => {
  it('opens a real DOCX and returns its document.xml', async () => {
    const archive = openDocxArchive(await docxOf([p('Hello')]));
    expect(archive.documentXml).toContain('Hello');
  });

  it('refuses a renamed file by its bytes, whatever its name', async () => {
    const err = await refusal(() => readDocxImport(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')));
    expect(err.code).toBe('bad_request');
    expect(reasonOf(err)).toBe('not_docx');
    expect(err.message).toMatch(/not a Word document \(\.docx\), whatever its name says/);
  });

  it('refuses a ZIP that is not a Word document (no word/document.xml)', async () => {
    const odt = zipOf([{ name: 'content.xml', data: Buffer.from('<office:document-content/>') }]);
    expect(reasonOf(await refusal(() => readDocxImport(odt)))).toBe('not_docx');
  });

  it('refuses a truncated archive as damaged', async () => {
    const file = await docxOf([p('Article 1 — Scope'), p('The parties agree.')]);
    const err = await refusal(() => readDocxImport(file.subarray(0, Math.floor(file.length / 2))));
    expect(err.code).toBe('bad_request');
    expect(reasonOf(err)).toBe('corrupt');
    expect(err.message).toMatch(/damaged/);
  });

  it('refuses an archive whose compressed data was altered (checksum)', async () => {
    const file = zipOf([{ name: 'word/document.xml', data: Buffer.from('<w:document>'.repeat(50)) }]);
    const broken = Buffer.from(file);
    broken[30 + 'word/document.xml'.length + 3] ^= 0xff; // inside the entry's deflated data
    expect(reasonOf(await refusal(() => readDocxImport(broken)))).toBe('corrupt');
  });

  it('refuses a DOCX whose document is not well-formed XML as damaged', async () => {
    const broken = zipOf([{ name: 'word/document.xml', data: Buffer.from('<w:document><w:body><w:p>unclosed') }]);
    expect(reasonOf(await refusal(() => readDocxImport(broken)))).toBe('corrupt');
  });

  it('refuses a password-protected document with a specific message', async () => {
    const err = await refusal(() => readDocxImport(encryptedCfb()));
    expect(err.code).toBe('bad_request');
    expect(reasonOf(err)).toBe('encrypted');
    expect(err.message).toMatch(/password-protected/);
    expect(err.message).toMatch(/Remove the password/);
  });

  it('tells a legacy .doc apart from a protected file', async () => {
    const err = await refusal(() => readDocxImport(legacyDoc()));
    expect(reasonOf(err)).toBe('legacy_doc');
    expect(err.message).toMatch(/older Word document \(\.doc\)/);
  });

  it('refuses a file over 10 MB before reading it', async () => {
    const big = Buffer.concat([await docxOf([p('Text')]), Buffer.alloc(MAX_DOCX_BYTES)]);
    const err = await refusal(() => readDocxImport(big));
    expect(err.code).toBe('payload_too_large');
    expect(err.status).toBe(413);
    expect(reasonOf(err)).toBe('too_large');
    expect(err.message).toMatch(/10 MB/);
  });

  it('refuses an empty upload', async () => {
    expect(reasonOf(await refusal(() => readDocxImport(Buffer.alloc(0))))).toBe('empty');
  });

  describe('zip bombs', () => {
    // 200 MB of zeros deflate to about 200 kB: well under the upload limit.
    const zeros = Buffer.alloc(200 * 1024 * 1024);
    const document = Buffer.from('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');

    it('refuses an entry that declares a huge unpacked size, from the central directory', async () => {
      const bomb = zipOf([
        { name: 'word/document.xml', data: document },
        { name: 'word/media/zeros.bin', data: zeros },
      ]);
      expect(bomb.length).toBeLessThan(MAX_DOCX_BYTES);
      const err = await refusal(() => readDocxImport(bomb));
      expect(err.code).toBe('payload_too_large');
      expect(reasonOf(err)).toBe('expands_too_much');
    });

    it('refuses an entry that lies about its size, while inflating', async () => {
      const liar = zipOf([
        { name: 'word/document.xml', data: document },
        { name: 'word/media/zeros.bin', data: zeros, declaredSize: 1000 },
      ]);
      expect(reasonOf(await refusal(() => readDocxImport(liar)))).toBe('expands_too_much');
    });

    it('refuses many small entries that add up past the bound', async () => {
      const chunk = Buffer.alloc(30 * 1024 * 1024);
      const many = zipOf([{ name: 'word/document.xml', data: document }, ...[1, 2, 3, 4].map((i) => ({ name: `word/media/part${i}.bin`, data: chunk }))]);
      expect(reasonOf(await refusal(() => readDocxImport(many)))).toBe('expands_too_much');
    });

    it('refuses an archive of too many entries', async () => {
      const entries = Array.from({ length: 2001 }, (_, i) => ({ name: `word/x${i}.xml`, data: Buffer.from('x') }));
      expect(reasonOf(await refusal(() => readDocxImport(zipOf([{ name: 'word/document.xml', data: document }, ...entries]))))).toBe('expands_too_much');
    });
  });
});
