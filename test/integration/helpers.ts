/**
 * Small helpers shared by integration tests: typed API calls and clause text in a Y.Doc
 * the way Tiptap stores it (a fragment of paragraphs of XmlText).
 */
import * as Y from 'yjs';
import type { DraftDetail, DraftSummary } from '@/lib/api/types';
import { clauseField } from '@/lib/collab/clause-field';

export async function getJson<T>(url: string, cookie?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: (await res.json()) as T };
}

/** The demo draft and its clauses, as the given user sees them. */
export async function demoDraft(baseUrl: string, cookie: string): Promise<DraftDetail> {
  const list = await getJson<DraftSummary[]>(`${baseUrl}/api/drafts`, cookie);
  if (list.status !== 200 || list.body.length === 0) throw new Error(`no draft visible: ${list.status} ${JSON.stringify(list.body)}`);
  const detail = await getJson<DraftDetail>(`${baseUrl}/api/drafts/${list.body[0].id}`, cookie);
  if (detail.status !== 200) throw new Error(`draft detail failed: ${detail.status}`);
  return detail.body;
}

/** Plain text of a clause body (paragraphs joined by newlines). */
export function clauseText(doc: Y.Doc, clauseId: string): string {
  const fragment = doc.getXmlFragment(clauseField(clauseId));
  return fragment
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => (child instanceof Y.XmlText ? child.toString().replace(/<[^>]+>/g, '') : ''))
            .join('')
        : '',
    )
    .join('\n');
}

/** Insert text into the first paragraph of a clause that holds text, at `index` (default: the end). */
export function typeInClause(doc: Y.Doc, clauseId: string, text: string, index?: number): void {
  const fragment = doc.getXmlFragment(clauseField(clauseId));
  const withText = fragment.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.length > 0 && node.get(0) instanceof Y.XmlText);
  let xmlText: Y.XmlText;
  if (withText) xmlText = withText.get(0) as Y.XmlText;
  else {
    const paragraph = new Y.XmlElement('paragraph');
    xmlText = new Y.XmlText('');
    paragraph.insert(0, [xmlText]);
    fragment.insert(fragment.length, [paragraph]);
  }
  xmlText.insert(index ?? xmlText.length, text);
}
