import { z } from './shape.ts';

/** The languages the UI and every workshop are written in. */
export const LOCALES = ['da', 'nb', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'da';

export const localeSchema = z.enum(LOCALES);

export const LOCALE_NAMES: Record<Locale, string> = {
  da: 'Dansk',
  nb: 'Norsk bokmål',
  en: 'English',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    // q=0 means "not acceptable" (RFC 9110), not "least preferred".
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    // Norwegian speakers often send "no" or "nn"; bokmål is what we have.
    if (base === 'no' || base === 'nn' || base === 'nb') return 'nb';
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}
