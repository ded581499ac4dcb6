import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from './app-error';

describe('AppError', () => {
  it('maps codes to HTTP statuses and a JSON body', () => {
    const err = new AppError('not_found', { message: 'No such draft.' });
    expect(err.status).toBe(404);
    expect(err.toBody()).toEqual({ error: { code: 'not_found', message: 'No such draft.' } });
  });

  it('is recognised across module copies by its brand, not by instanceof', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('accord.AppError')]: true, code: 'forbidden' });
    expect(isAppError(foreign)).toBe(true);
    expect(isAppError(new Error('plain'))).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
