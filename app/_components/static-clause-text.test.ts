import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { staticTextHtml, type StaticNode } from '@/lib/collab/static-nodes';
import { StaticClauseText } from './static-clause-text';

const NODES: StaticNode[] = [
  { kind: 'element', tag: 'h2', children: [{ kind: 'text', text: 'Scope', marks: [] }] },
  {
    kind: 'element',
    tag: 'p',
    children: [
      { kind: 'text', text: 'The <b>parties</b> & ', marks: [] },
      { kind: 'text', text: 'shall', marks: ['strong', 'em'] },
      { kind: 'element', tag: 'br', children: [] },
    ],
  },
  {
    kind: 'element',
    tag: 'ul',
    children: [{ kind: 'element', tag: 'li', children: [{ kind: 'element', tag: 'p', children: [{ kind: 'text', text: 'one', marks: [] }] }] }],
  },
];

describe('StaticClauseText', () => {
  it('renders the same markup as the HTML of the nodes, text escaped, inside the editor wrappers', () => {
    const html = renderToStaticMarkup(createElement(StaticClauseText, { nodes: NODES }));
    expect(html).toBe(
      `<div class="clause-editor-wrap"><div class="clause-editor" data-editable="false"><div class="clause-text clause-text--static" lang="en" data-testid="clause-static-text">${staticTextHtml(NODES).replace('<br>', '<br/>')}</div></div></div>`,
    );
    expect(html).toContain('The &lt;b&gt;parties&lt;/b&gt; &amp; <strong><em>shall</em></strong>');
  });

  it('gives an empty clause one empty paragraph, as the editor does', () => {
    expect(renderToStaticMarkup(createElement(StaticClauseText, { nodes: [] }))).toContain('data-testid="clause-static-text"><p></p></div>');
  });
});
