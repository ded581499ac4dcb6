import { Fragment, type ReactNode } from 'react';
import type { StaticNode } from '@/lib/collab/static-nodes';

/** Static nodes as React elements: fixed tags only, text as text (React escapes it). */
function renderNodes(nodes: readonly StaticNode[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (node.kind === 'text') {
      let inner: ReactNode = node.text;
      for (const Tag of [...node.marks].reverse()) inner = <Tag>{inner}</Tag>;
      return <Fragment key={i}>{inner}</Fragment>;
    }
    const Tag = node.tag;
    if (Tag === 'hr' || Tag === 'br') return <Tag key={i} />;
    return <Tag key={i}>{renderNodes(node.children)}</Tag>;
  });
}

/**
 * A clause's text, read-only, as the server read it from the draft's document: painted
 * before the editors exist and replaced in place by the clause's editor once it holds
 * the text. Same wrappers and classes as the editor (ClauseEditor), so the text sits at
 * the same place in the same typography and nothing moves at the swap.
 */
export function StaticClauseText({ nodes }: { nodes: readonly StaticNode[] }) {
  return (
    <div className="clause-editor-wrap">
      <div className="clause-editor" data-editable="false">
        <div className="clause-text clause-text--static" lang="en" data-testid="clause-static-text">
          {nodes.length ? renderNodes(nodes) : <p />}
        </div>
      </div>
    </div>
  );
}
