/**
 * Readers for exported files, used by tests to check what a recipient actually gets:
 * the text Word shows (mammoth), the raw XML parts of a DOCX (jszip) and the text of
 * each PDF page (pdf.js). Test support only: nothing in the server imports this.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';

/** The text of a DOCX as Word shows it, paragraphs separated by blank lines. */
export async function docxText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value;
}

/** One XML part of a DOCX (e.g. `word/document.xml`), or null when absent. */
export async function docxPart(buffer: Buffer, name: string): Promise<string | null> {
  const zip = await JSZip.loadAsync(buffer);
  return (await zip.file(name)?.async('string')) ?? null;
}

/** Every `<w:ins>` / `<w:del>` of the document body with its author and text. */
export async function docxRevisions(buffer: Buffer): Promise<Array<{ kind: 'ins' | 'del'; author: string; text: string }>> {
  const xml = (await docxPart(buffer, 'word/document.xml')) ?? '';
  const out: Array<{ kind: 'ins' | 'del'; author: string; text: string }> = [];
  for (const m of xml.matchAll(/<w:(ins|del)\b([^>]*)>([\s\S]*?)<\/w:\1>/g)) {
    const author = /w:author="([^"]*)"/.exec(m[2])?.[1] ?? '';
    const text = [...m[3].matchAll(/<w:(?:t|delText)\b[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join('');
    out.push({ kind: m[1] as 'ins' | 'del', author: decodeXml(author), text: decodeXml(text) });
  }
  return out;
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of each page of a PDF, lines joined with spaces and whitespace collapsed. */
export async function pdfPages(buffer: Buffer): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(buffer), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('');
    pages.push(text.replace(/\s+/g, ' ').trim());
  }
  await pdf.destroy();
  return pages;
}
