import { describe, expect, it } from 'vitest';
import { localeCookieHeader, localeFromAcceptLanguage, pickLocale } from './locales';

describe('choosing the language of a request', () => {
  it('reads Accept-Language by quality, any fr* being French', () => {
    expect(localeFromAcceptLanguage('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9,en;q=0.5,fr;q=0.4')).toBe('en');
    expect(localeFromAcceptLanguage('en;q=0.2, fr-BE;q=0.7')).toBe('fr');
    expect(localeFromAcceptLanguage('de, it')).toBeNull();
    expect(localeFromAcceptLanguage('fr;q=0')).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });

  it('prefers the stored choice, then the cookie, then the browser, then English', () => {
    expect(pickLocale({ stored: 'en', cookie: 'fr', acceptLanguage: 'fr' })).toBe('en');
    expect(pickLocale({ stored: null, cookie: 'fr', acceptLanguage: 'en' })).toBe('fr');
    expect(pickLocale({ stored: null, cookie: 'xx', acceptLanguage: 'fr-FR' })).toBe('fr');
    expect(pickLocale({ cookie: 'de', acceptLanguage: 'de' })).toBe('en');
    expect(pickLocale({})).toBe('en');
  });

  it('keeps the cookie a year, for the whole site', () => {
    expect(localeCookieHeader('fr')).toBe('accord-locale=fr; Path=/; Max-Age=31536000; SameSite=Lax');
  });
});
