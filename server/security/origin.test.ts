import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin';

describe('isAllowedOrigin', () => {
  it('accepts requests without Origin (scripts)', () => {
    expect(isAllowedOrigin(undefined, 'accord.example.org')).toBe(true);
  });

  it('compares with PUBLIC_URL when configured', () => {
    expect(isAllowedOrigin('https://accord.example.org', 'internal:3000', 'https://accord.example.org')).toBe(true);
    expect(isAllowedOrigin('http://accord.example.org', 'internal:3000', 'https://accord.example.org')).toBe(false);
    expect(isAllowedOrigin('https://evil.example', 'accord.example.org', 'https://accord.example.org')).toBe(false);
  });

  it('compares with the Host header otherwise', () => {
    expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000')).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 'localhost:3000')).toBe(false);
    expect(isAllowedOrigin('null', 'localhost:3000')).toBe(false);
    expect(isAllowedOrigin('http://localhost:3000', undefined)).toBe(false);
  });
});
