/**
 * UI texts. Each area keeps one catalog per locale; English is the reference
 * whose keys the others must match (checked by the compiler).
 * Use `{name}` placeholders for values.
 */
import type { Locale } from '../model/locale.ts';
import { fill } from './fill.ts';
import { defineDa } from './define.da.ts';
import { defineEn } from './define.en.ts';
import { defineNb } from './define.nb.ts';
import { exportDa } from './export.da.ts';
import { historyDa } from './history.da.ts';
import { historyEn } from './history.en.ts';
import { historyNb } from './history.nb.ts';
import { exportEn } from './export.en.ts';
import { exportNb } from './export.nb.ts';
import { lifecycleDa } from './lifecycle.da.ts';
import { lifecycleEn } from './lifecycle.en.ts';
import { lifecycleNb } from './lifecycle.nb.ts';
import { listsDa } from './lists.da.ts';
import { listsEn } from './lists.en.ts';
import { listsNb } from './lists.nb.ts';
import { notesDa } from './notes.da.ts';
import { notesEn } from './notes.en.ts';
import { notesNb } from './notes.nb.ts';
import { resultDa } from './result.da.ts';
import { resultEn } from './result.en.ts';
import { resultNb } from './result.nb.ts';
import { seatsDa } from './seats.da.ts';
import { seatsEn } from './seats.en.ts';
import { seatsNb } from './seats.nb.ts';
import { shellDa } from './shell.da.ts';
import { shellEn } from './shell.en.ts';
import { shellNb } from './shell.nb.ts';
import { stepsDa } from './steps.da.ts';
import { stepsEn } from './steps.en.ts';
import { stepsNb } from './steps.nb.ts';
import { toolsDa } from './tools.da.ts';
import { toolsEn } from './tools.en.ts';
import { toolsNb } from './tools.nb.ts';
import { voteDa } from './vote.da.ts';
import { voteEn } from './vote.en.ts';
import { voteNb } from './vote.nb.ts';
import { wallDa } from './wall.da.ts';
import { wallEn } from './wall.en.ts';
import { wallNb } from './wall.nb.ts';

const english = {
  ...shellEn,
  ...stepsEn,
  ...exportEn,
  ...notesEn,
  ...voteEn,
  ...defineEn,
  ...listsEn,
  ...toolsEn,
  ...resultEn,
  ...seatsEn,
  ...historyEn,
  ...lifecycleEn,
  ...wallEn,
};

const catalogs = {
  en: english,
  da: {
    ...shellDa,
    ...stepsDa,
    ...exportDa,
    ...notesDa,
    ...voteDa,
    ...defineDa,
    ...listsDa,
    ...toolsDa,
    ...resultDa,
    ...historyDa,
    ...seatsDa,
    ...lifecycleDa,
    ...wallDa,
  },
  nb: {
    ...shellNb,
    ...stepsNb,
    ...exportNb,
    ...notesNb,
    ...voteNb,
    ...defineNb,
    ...listsNb,
    ...toolsNb,
    ...resultNb,
    ...historyNb,
    ...seatsNb,
    ...lifecycleNb,
    ...wallNb,
  },
} satisfies Record<Locale, Record<keyof typeof english, string>>;

export type MessageKey = keyof (typeof catalogs)['en'];
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;
/** One language's texts, every key present. */
export type Catalog = Readonly<Record<MessageKey, string>>;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return fill(catalogs[locale][key] ?? catalogs.en[key], params);
}

/** One language's whole catalog, for a page to hand to its island (see translate.ts). */
export function catalogOf(locale: Locale): Catalog {
  return catalogs[locale];
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
