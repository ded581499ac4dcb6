/**
 * Checks that an upload is a DOCX that is safe to hand to mammoth, before mammoth opens
 * it: the size, the file's real type by its first bytes (never its name), a
 * password-protected or legacy Word file (both OLE compound files), a damaged archive,
 * and a zip bomb. Every entry is inflated here under the unpacked-size bound, so mammoth
 * (which inflates without one) only ever sees an archive already known to stay within it.
 */
import zlib from 'node:zlib';
import { docxRefusal, MAX_ARCHIVE_ENTRIES, MAX_DOCX_BYTES, MAX_UNPACKED_BYTES } from './docx-refusal';

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const CFB_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The parts of the archive this import reads, inflated. */
export interface DocxArchive {
  documentXml: string;
}

/** Whether a compound (OLE) file holds a directory entry called `name` (names are UTF-16LE). */
function cfbHasStream(buffer: Buffer, name: string): boolean {
  return buffer.includes(Buffer.from(name, 'utf16le'));
}

function refuseNonZip(buffer: Buffer): never {
  if (buffer.subarray(0, 8).equals(CFB_MAGIC)) {
    // Encrypted OOXML is a compound file with EncryptionInfo and EncryptedPackage streams;
    // Word 97-2003 documents are compound files with a WordDocument stream.
    if (cfbHasStream(buffer, 'EncryptionInfo') || cfbHasStream(buffer, 'EncryptedPackage')) throw docxRefusal('encrypted');
    if (cfbHasStream(buffer, 'WordDocument')) throw docxRefusal('legacy_doc');
  }
  throw docxRefusal('not_docx');
}

function findEnd(buffer: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65535.
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at -= 1) {
    if (buffer.readUInt32LE(at) === ZIP_END) return at;
  }
  throw docxRefusal('corrupt');
}

/** The central directory's entries, checked against the bounds before anything is inflated. */
function readCentralDirectory(buffer: Buffer): Entry[] {
  const end = findEnd(buffer);
  const count = buffer.readUInt16LE(end + 10);
  const size = buffer.readUInt32LE(end + 12);
  const offset = buffer.readUInt32LE(end + 16);
  // ZIP64 markers: a DOCX under the upload limit never needs them, a crafted archive might.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw docxRefusal('expands_too_much');
  if (count > MAX_ARCHIVE_ENTRIES) throw docxRefusal('expands_too_much');
  if (offset + size > end) throw docxRefusal('corrupt');
  const entries: Entry[] = [];
  let at = offset;
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > end || buffer.readUInt32LE(at) !== ZIP_CENTRAL) throw docxRefusal('corrupt');
    const nameLength = buffer.readUInt16LE(at + 28);
    const entry: Entry = {
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      crc: buffer.readUInt32LE(at + 16),
      compressedSize: buffer.readUInt32LE(at + 20),
      size: buffer.readUInt32LE(at + 24),
      localOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    };
    total += entry.size;
    if (entry.size > MAX_UNPACKED_BYTES || total > MAX_UNPACKED_BYTES) throw docxRefusal('expands_too_much');
    entries.push(entry);
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return entries;
}

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 (zlib.crc32 arrived in Node 20.15; the engines field allows 20.9). About 2.5 ms per MB. */
function crc32(data: Buffer): number {
  let crc = -1;
  for (let i = 0; i < data.length; i += 1) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/**
 * Inflates one entry, never past its declared size (nor past what is left of the
 * budget, already checked to cover it): an entry whose data expands further than its
 * header said is a bomb or damage either way.
 */
function inflate(buffer: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== ZIP_LOCAL) throw docxRefusal('corrupt');
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.compressedSize > buffer.length) throw docxRefusal('corrupt');
  const data = buffer.subarray(start, start + entry.compressedSize);
  let out: Buffer;
  if (entry.method === 0) out = data;
  else if (entry.method === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw docxRefusal('expands_too_much');
      throw docxRefusal('corrupt');
    }
  } else throw docxRefusal('corrupt');
  if (out.length !== entry.size || crc32(out) !== entry.crc) throw docxRefusal('corrupt');
  return out;
}

/**
 * Opens an uploaded DOCX, or throws the AppError that says why not (docx-refusal.ts):
 * empty, over 10 MB, not a DOCX, a legacy .doc, password-protected, damaged, or
 * unpacking beyond 100 MB / 2000 parts.
 */
export function openDocxArchive(buffer: Buffer): DocxArchive {
  if (buffer.length === 0) throw docxRefusal('empty');
  if (buffer.length > MAX_DOCX_BYTES) throw docxRefusal('too_large');
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== ZIP_LOCAL) refuseNonZip(buffer);
  if (buffer.length < 22) throw docxRefusal('corrupt');
  const entries = readCentralDirectory(buffer);
  const document = entries.find((e) => e.name === 'word/document.xml');
  if (!document) throw docxRefusal('not_docx');
  // Bit 0: a ZIP-encrypted entry (not how Word protects a file, but unreadable all the same).
  if (entries.some((e) => e.flags & 1)) throw docxRefusal('encrypted');
  let documentXml = '';
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.size === 0) continue;
    const data = inflate(buffer, entry);
    if (entry === document) documentXml = data.toString('utf8');
  }
  return { documentXml };
}
