/** Small formatting helpers for the step components. */
import type { MessageKey, MessageParams, Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';

export type PluralKeys = { one: MessageKey; other: MessageKey };

/** Picks the singular or plural message by the locale's plural rules; `{count}` is filled in. */
export function plural(t: Translate, locale: Locale, keys: PluralKeys, count: number, params?: MessageParams): string {
  const category = new Intl.PluralRules(locale).select(count);
  return t(category === 'one' ? keys.one : keys.other, { ...params, count });
}

export function formatDateTime(locale: Locale, at: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
