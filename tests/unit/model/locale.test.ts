import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage } from '../../../src/model/locale.ts';

describe('localeFromAcceptLanguage', () => {
  it('defaults to Danish without a header', () => {
    expect(DEFAULT_LOCALE).toBe('da');
    expect(localeFromAcceptLanguage(undefined)).toBe('da');
    expect(localeFromAcceptLanguage(null)).toBe('da');
    expect(localeFromAcceptLanguage('')).toBe('da');
  });

  it.each([
    ['da', 'da'],
    ['da-DK', 'da'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['EN-gb', 'en'],
    ['nb', 'nb'],
    ['nb-NO', 'nb'],
  ])('maps %s to %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it.each(['no', 'no-NO', 'nn', 'nn-NO', 'NO'])('serves bokmål to Norwegian "%s"', (header) => {
    expect(localeFromAcceptLanguage(header)).toBe('nb');
  });

  it.each(['sv-SE', 'de, fr;q=0.8', '*', 'x-klingon', ',,;', 'q=1'])('falls back to Danish for "%s"', (header) => {
    expect(localeFromAcceptLanguage(header)).toBe('da');
  });

  it('prefers the highest q-value, wherever it is in the header', () => {
    expect(localeFromAcceptLanguage('en;q=0.5, da;q=0.8')).toBe('da');
    expect(localeFromAcceptLanguage('en;q=0.8,nb;q=0.9,da;q=0.1')).toBe('nb');
    expect(localeFromAcceptLanguage('da;q=0.2, en')).toBe('en');
  });

  it('keeps the header order between equal q-values', () => {
    expect(localeFromAcceptLanguage('en, da')).toBe('en');
    expect(localeFromAcceptLanguage('nb;q=0.7, en;q=0.7')).toBe('nb');
  });

  it('skips unsupported languages to the best supported one', () => {
    expect(localeFromAcceptLanguage('sv-SE, sv;q=0.9, nb;q=0.8, en;q=0.5')).toBe('nb');
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('en');
  });

  it('tolerates spaces around tags and parameters', () => {
    expect(localeFromAcceptLanguage('  fr ; q=0.9 ,  en-GB ;  q=0.95 ')).toBe('en');
  });

  it('never picks a language the client marked unacceptable with q=0', () => {
    expect(localeFromAcceptLanguage('fr, en;q=0')).toBe('da');
    expect(localeFromAcceptLanguage('en;q=0, nb;q=0.1')).toBe('nb');
  });
});

describe('isLocale', () => {
  it('accepts exactly the supported locales', () => {
    expect(['da', 'nb', 'en', 'no', 'DA', '', null, 3].map(isLocale)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
