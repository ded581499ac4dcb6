/**
 * DOCX fixtures for the import tests, generated with the `docx` package (real Word files,
 * written the way Word writes them) plus the broken shapes: a renamed file, a truncated
 * archive, a password-protected (CFB) file, a zip bomb and an oversized upload.
 */
import zlib from 'node:zlib';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ISectionOptions,
} from 'docx';

type Children = ISectionOptions['children'];

/** A Word document of the given body, with a decimal numbering `clauses` and a bullet numbering `bullets`. */
export async function docxOf(children: Children, extra: { comments?: boolean; footnotes?: boolean } = {}): Promise<Buffer> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'clauses',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.START },
          ],
        },
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.START }] },
      ],
    },
    ...(extra.comments ? { comments: { children: [{ id: 0, author: 'FR', date: new Date('2026-01-01'), children: [new Paragraph('Too strong.')] }] } } : {}),
    ...(extra.footnotes ? { footnotes: { 1: { children: [new Paragraph('See the 2024 declaration.')] } } } : {}),
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

export const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
export const h = (text: string, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) =>
  new Paragraph({ heading, children: [new TextRun(text)] });
export const numbered = (text: string, level = 0) => new Paragraph({ numbering: { reference: 'clauses', level }, children: [new TextRun(text)] });
export const bullet = (text: string) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun(text)] });
export { HeadingLevel, Paragraph, TextRun };

/** A 1x1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export const image = () => new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } })] });

export const table = (cells: string[]) => new Table({ rows: [new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) })] });

export const commented = (text: string, comment: string) =>
  new Paragraph({
    children: [
      new CommentRangeStart(0),
      new TextRun(text),
      new CommentRangeEnd(0),
      new TextRun({ children: [new CommentReference(0)] }),
      new TextRun(` ${comment}`),
    ],
  });

const REVISION = { author: 'UA', date: '2026-01-02T10:00:00Z' };
/** "The parties shall [deleted: consider][inserted: ensure] monitoring." with two tracked changes. */
export const tracked = () =>
  new Paragraph({
    children: [
      new TextRun('The parties shall '),
      new DeletedTextRun({ text: 'consider ', id: 1, ...REVISION }),
      new InsertedTextRun({ text: 'ensure ', id: 2, ...REVISION }),
      new TextRun('monitoring.'),
    ],
  });

export const footnoted = (text: string) => new Paragraph({ children: [new TextRun(text), new FootnoteReferenceRun(1)] });

/** A legacy-style compound file (CFB) holding the streams of an encrypted OOXML package. */
export function encryptedCfb(): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18); // minor version
  header.writeUInt16LE(0x0003, 0x1a); // major version 3 (512-byte sectors)
  header.writeUInt16LE(0xfffe, 0x1c); // byte order
  header.writeUInt16LE(9, 0x1e); // sector shift
  header.writeUInt16LE(6, 0x20); // mini sector shift
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory starts at sector 1
  header.writeUInt32LE(0x1000, 0x38); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  header.writeUInt32LE(0, 0x4c); // FAT in sector 0
  for (let i = 1; i < 109; i += 1) header.writeUInt32LE(0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0: FAT
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: directory, end of chain
  const dir = Buffer.alloc(sector);
  ['Root Entry', 'EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces'].forEach((name, i) => {
    const entry = i * 128;
    dir.write(name, entry, 'utf16le');
    dir.writeUInt16LE((name.length + 1) * 2, entry + 0x40);
    dir.writeUInt8(i === 0 ? 5 : 2, entry + 0x42);
  });
  return Buffer.concat([header, fat, dir]);
}

/** A legacy Word 97-2003 compound file (a `.doc`), recognisable by its WordDocument stream. */
export function legacyDoc(): Buffer {
  const file = encryptedCfb();
  const dir = 1024;
  for (let i = 1; i < 4; i += 1) file.fill(0, dir + i * 128, dir + i * 128 + 0x42);
  file.write('WordDocument', dir + 128, 'utf16le');
  return file;
}

/** A ZIP of one stored or deflated entry, written by hand so the tests control every size field. */
export function zipOf(entries: Array<{ name: string; data: Buffer; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = zlib.deflateRawSync(entry.data, { level: 1 });
    const size = entry.declaredSize ?? entry.data.length;
    const crc = zlib.crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}
