import type { MessageKey, Translate } from '../../i18n/index.ts';
import type { LengthVerdict } from '../../lib/words.ts';
import type { Locale } from '../../model/locale.ts';
import { plural } from './format.ts';
import { ICONS } from './icons.ts';

const VERDICT_KEYS = {
  empty: 'statement.verdictEmpty',
  short: 'statement.verdictShort',
  within: 'statement.verdictWithin',
  long: 'statement.verdictLong',
} as const satisfies Record<LengthVerdict, MessageKey>;

type Props = {
  id: string;
  words: number;
  min: number;
  max: number;
  verdict: LengthVerdict;
  /** The workshop's KISS hint, shown when the sentence grows too long. */
  tooLongHint: string;
  locale: Locale;
  t: Translate;
};

/** "8 words — aim for 7–10", the verdict as icon and text, and the KISS hint when too long. */
export function StatementLength({ id, words, min, max, verdict, tooLongHint, locale, t }: Props) {
  return (
    <div id={id} className={`statement-length statement-length--${verdict}`}>
      <p className="statement-count">
        {plural(t, locale, { one: 'statement.wordCountOne', other: 'statement.wordCountOther' }, words, { min, max })}
      </p>
      <p className="statement-verdict">
        <span aria-hidden="true" className="statement-verdict-icon">
          {ICONS[verdict]}
        </span>{' '}
        {t(VERDICT_KEYS[verdict])}
      </p>
      {verdict === 'long' ? <p className="statement-kiss">{tooLongHint}</p> : null}
    </div>
  );
}

export function verdictText(t: Translate, verdict: LengthVerdict): string {
  return t(VERDICT_KEYS[verdict]);
}
