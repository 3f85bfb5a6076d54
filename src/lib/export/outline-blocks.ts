/**
 * The format-neutral blocks of the export outline, and what their builders share. Its own module so
 * that outline.ts and outline-steps.ts both use these types without importing each other.
 */
import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';

export type Block =
  | { type: 'title'; text: string }
  | { type: 'meta'; items: { label: string; value: string }[] }
  | { type: 'heading'; level: 2 | 3 | 4; text: string }
  /** An agreed text, set large: the purpose, a definition. */
  | { type: 'statement'; text: string; caption: string }
  | { type: 'paragraph'; text: string; muted?: boolean }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'table'; columns: string[]; rows: string[][] }
  | { type: 'footer'; text: string };

/** Messages with a separate `.one` form. */
export type Countable = 'export.words' | 'export.groupSize';

/** What the block builders share: the translator and date formatting of the export. */
export type OutlineContext = {
  t: Translate;
  locale: Locale;
  /** A date and time in the export's time zone. */
  dateTime: (iso: string) => string;
  /** A name for a person field: "Anonymous" when there is none. */
  person: (name: string | null) => string;
  /** Picks the `.one` message for a count of one, by the language's plural rules. */
  count: (key: Countable, count: number, params?: Record<string, string | number>) => string;
};
