/**
 * A DOCX upload to an import preview: the archive checked (open-docx-archive.ts), the
 * document converted by mammoth, split into clauses (lib/drafts/detect-clauses.ts), and
 * what could not be kept counted. Tracked changes are taken as if all were accepted
 * (mammoth keeps insertions and leaves deletions out) and listed, like comments,
 * footnotes, endnotes, tables, images and links, in `dropped`.
 */
import mammoth from 'mammoth';
import { detectClauses } from '@/lib/drafts/detect-clauses';
import { describeDropped, type DroppedItem, type ImportPreview } from '@/lib/drafts/import-plan';
import { docxRefusal } from './docx-refusal';
import { htmlToUnits } from './html-to-units';
import { openDocxArchive } from './open-docx-archive';

/** Word's Title style is kept apart: it names the draft and never opens a clause. */
const STYLE_MAP = ["p[style-name='Title'] => p.title:fresh", "p[style-name='Subtitle'] => p:fresh", 'u => u', 'strike => s'];

function countIn(xml: string, pattern: RegExp): number {
  return xml.match(pattern)?.length ?? 0;
}

/** What document.xml holds that the import leaves out, by its own markup. */
export function countDocumentXmlDrops(documentXml: string): DroppedItem[] {
  return [
    { kind: 'comment', count: countIn(documentXml, /<w:commentReference[\s/>]/g) },
    { kind: 'trackedChange', count: countIn(documentXml, /<w:(?:ins|del|moveFrom|moveTo)[\s>]/g) },
    { kind: 'footnote', count: countIn(documentXml, /<w:footnoteReference[\s/>]/g) },
    { kind: 'endnote', count: countIn(documentXml, /<w:endnoteReference[\s/>]/g) },
  ];
}

/**
 * The preview of an uploaded DOCX.
 * @throws AppError (docx-refusal.ts) when the file is not an importable DOCX or has no text.
 */
export async function readDocxImport(buffer: Buffer): Promise<ImportPreview> {
  const { documentXml } = openDocxArchive(buffer);
  let images = 0;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => {
          images += 1;
          return { src: '' };
        }),
      },
    );
    html = result.value;
  } catch {
    throw docxRefusal('corrupt');
  }
  const counts = { table: 0, link: 0 };
  const units = htmlToUnits(html, counts);
  const all: DroppedItem[] = [
    { kind: 'table', count: counts.table },
    { kind: 'image', count: images },
    ...countDocumentXmlDrops(documentXml),
    { kind: 'link', count: counts.link },
  ];
  const dropped = all.filter((d) => d.count > 0);
  if (units.length === 0) {
    const left = dropped.filter((d) => d.kind === 'table' || d.kind === 'image');
    throw docxRefusal('no_text', left.length > 0 ? `It holds only ${left.map(describeDropped).join(' and ')}, which are not imported.` : undefined);
  }
  return detectClauses(units, dropped);
}
