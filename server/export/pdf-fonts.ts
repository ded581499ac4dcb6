/**
 * The fonts embedded in exported PDFs: DejaVu (Bitstream Vera licence, free to embed
 * and redistribute), shipped as TrueType files by the `dejavu-fonts-ttf` package. They
 * cover Latin, Greek and Cyrillic and the typographic quotes and dashes of real texts,
 * which the 14 standard PDF fonts (Latin-1 only) do not. Subsets are embedded.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const FILES = {
  serif: 'DejaVuSerifCondensed.ttf',
  serifBold: 'DejaVuSerifCondensed-Bold.ttf',
  serifItalic: 'DejaVuSerifCondensed-Italic.ttf',
  serifBoldItalic: 'DejaVuSerifCondensed-BoldItalic.ttf',
  sans: 'DejaVuSansCondensed.ttf',
  sansBold: 'DejaVuSansCondensed-Bold.ttf',
} as const;

export type PdfFont = keyof typeof FILES;

let cache: Record<PdfFont, Buffer> | null = null;

/** The font files, read once per process. Throws when the package is missing. */
export function pdfFonts(): Record<PdfFont, Buffer> {
  if (cache) return cache;
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  cache = Object.fromEntries(Object.entries(FILES).map(([name, file]) => [name, fs.readFileSync(path.join(dir, file))])) as Record<PdfFont, Buffer>;
  return cache;
}
