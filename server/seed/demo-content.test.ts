import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDemoContent } from './demo-content';

const markdown = fs.readFileSync(path.join(import.meta.dirname, '../../demo/framework.md'), 'utf8');

describe('parseDemoContent', () => {
  const demo = parseDemoContent(markdown);

  it('reads the 16 clauses in order with titles and full text', () => {
    expect(demo.clauses).toHaveLength(16);
    expect(demo.clauses.map((c) => c.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(demo.clauses[0]).toMatchObject({ number: 1, title: 'Purpose' });
    expect(demo.clauses[1].text).toContain('[and is verified by the monitoring mechanism for [30] [60] consecutive days]');
    expect(demo.clauses[2].text).toContain('ALT 1: it is led by the United States.');
    expect(demo.clauses[15]).toMatchObject({ title: 'Review', text: 'The participants review the framework every [six months] [year].' });
  });

  it('reads participating and observer delegations', () => {
    expect(demo.participants.slice(0, 3)).toEqual(['FR', 'GB', 'UA']);
    expect(demo.participants).toContain('IE');
    expect(demo.participants).toHaveLength(22);
    expect(demo.observers).toEqual(['US', 'NATO', 'EU']);
    expect(demo.title).toBe('Framework for Security Guarantees for Ukraine');
  });
});
