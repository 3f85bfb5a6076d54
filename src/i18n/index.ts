/**
 * UI texts. Each area keeps one catalog per locale; English is the reference
 * whose keys the others must match (checked by the compiler).
 * Use `{name}` placeholders for values.
 */
import type { Locale } from '../model/locale.ts';
import { exportDa } from './export.da.ts';
import { exportEn } from './export.en.ts';
import { exportNb } from './export.nb.ts';
import { shellDa } from './shell.da.ts';
import { shellEn } from './shell.en.ts';
import { shellNb } from './shell.nb.ts';
import { stepsDa } from './steps.da.ts';
import { stepsEn } from './steps.en.ts';
import { stepsNb } from './steps.nb.ts';

const catalogs = {
  en: { ...shellEn, ...stepsEn, ...exportEn },
  da: { ...shellDa, ...stepsDa, ...exportDa },
  nb: { ...shellNb, ...stepsNb, ...exportNb },
} satisfies Record<Locale, Record<keyof typeof shellEn | keyof typeof stepsEn | keyof typeof exportEn, string>>;

export type MessageKey = keyof (typeof catalogs)['en'];
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key] ?? catalogs.en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
