import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import { plural } from './format.ts';
import { ICONS } from './icons.ts';

type Props = {
  /** This person's notes and the step's maximum; null where there is no maximum or no own notes (projector). */
  mine: { count: number; max: number } | null;
  /** All notes on the board and the group's aim; null before the notes are shown. */
  total: { count: number; target: { min: number; max: number } | undefined } | null;
  /** Stories are counted as stories. */
  length: 'short' | 'story';
  locale: Locale;
  t: Translate;
};

/** "Your notes: 2 of 3" and "7 notes — aim for 5–10", told in words and a symbol, never colour alone. */
export function NotesProgress({ mine, total, length, locale, t }: Props) {
  if (!mine && !total) return null;
  const keys =
    length === 'story'
      ? ({ one: 'notes.storyCountOne', other: 'notes.storyCountOther' } as const)
      : ({ one: 'notes.countOne', other: 'notes.countOther' } as const);
  const notesText = (count: number) => plural(t, locale, keys, count);
  const target = total?.target;
  const state =
    !total || !target ? null : total.count < target.min ? 'below' : total.count > target.max ? 'above' : 'within';

  return (
    <div className="notes-progress">
      {mine ? (
        <p className={`notes-progress-mine${mine.count >= mine.max ? ' notes-progress-mine--full' : ''}`}>
          {t('notes.mine', { count: mine.count, max: mine.max })}
          {mine.count >= mine.max ? <span className="notes-progress-full"> {t('notes.mineFull')}</span> : null}
        </p>
      ) : null}
      {total ? (
        <p className={`notes-progress-total${state ? ` notes-progress-total--${state}` : ''}`}>
          {state === 'within' ? <span aria-hidden="true">{ICONS.within} </span> : null}
          {target
            ? t('notes.totalWithTarget', { total: notesText(total.count), min: target.min, max: target.max })
            : notesText(total.count)}
        </p>
      ) : null}
    </div>
  );
}
