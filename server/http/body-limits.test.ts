import { describe, expect, it } from 'vitest';
import { bodyLimitFor } from './body-limits';

describe('body limits', () => {
  it('gives each route its limit, first match first', () => {
    expect(bodyLimitFor('POST', '/api/auth/callback/credentials').bytes).toBe(64 * 1024);
    expect(bodyLimitFor('POST', '/api/auth').bytes).toBe(64 * 1024);
    expect(bodyLimitFor('POST', '/api/drafts/import').bytes).toBe(11 * 1024 * 1024);
    expect(bodyLimitFor('post', '/api/drafts/import/preview').bytes).toBe(11 * 1024 * 1024);
    // Only POST to the import routes gets the upload limit.
    expect(bodyLimitFor('PUT', '/api/drafts/import').bytes).toBe(1024 * 1024);
    expect(bodyLimitFor('POST', '/api/drafts/importer').bytes).toBe(1024 * 1024);
    expect(bodyLimitFor('POST', '/api/drafts/x/comments').name).toBe('JSON API');
    expect(bodyLimitFor('POST', '/apiary').name).toBe('pages and everything else');
    expect(bodyLimitFor(undefined, '/').bytes).toBe(1024 * 1024);
  });
});
