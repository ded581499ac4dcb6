import { describe, expect, it } from 'vitest';
import { commentSegments } from './comment-segments';

describe('commentSegments', () => {
  it('keeps HTML as plain text', () => {
    expect(commentSegments('<img src=x onerror=alert(1)> <b>bold</b>')).toEqual([{ type: 'text', text: '<img src=x onerror=alert(1)> <b>bold</b>' }]);
  });

  it('links http(s) URLs without their trailing punctuation', () => {
    expect(commentSegments('See https://example.org/a?b=1. Then')).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { type: 'text', text: '. Then' },
    ]);
  });

  it('keeps a parenthesis that belongs to the URL', () => {
    const [, link] = commentSegments('x https://en.wikipedia.org/wiki/Treaty_(law)');
    expect(link).toMatchObject({ type: 'link', href: 'https://en.wikipedia.org/wiki/Treaty_(law)' });
  });

  it('never links javascript: or data: URLs', () => {
    const segments = commentSegments('javascript:alert(1) data:text/html,<script>alert(1)</script>');
    expect(segments.every((s) => s.type === 'text')).toBe(true);
  });

  it('marks mentions of known delegations only', () => {
    expect(commentSegments('@FR and @XY', new Set(['FR']))).toEqual([
      { type: 'mention', text: '@FR', code: 'FR' },
      { type: 'text', text: ' and @XY' },
    ]);
  });
});
