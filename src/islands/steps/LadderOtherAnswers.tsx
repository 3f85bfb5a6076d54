import type { Translate } from '../../i18n/index.ts';
import type { RankedAnswer } from '../../lib/ladder.ts';
import type { Locale } from '../../model/locale.ts';
import type { Role } from '../../model/roles.ts';
import { plural } from './format.ts';

type Props = {
  answers: readonly RankedAnswer[];
  selfId: string;
  role: Role;
  locale: Locale;
  t: Translate;
};

/**
 * The answers of a closed round that were not carried on, folded away under
 * the rung: kept in view, so nothing anyone wrote disappears (also an answer
 * that arrived just as the round closed). Read-only on every screen.
 */
export function LadderOtherAnswers({ answers, selfId, role, locale, t }: Props) {
  return (
    <details className="ladder-others">
      <summary className="ladder-others-summary">{t('ladder.otherAnswers', { count: answers.length })}</summary>
      <ul className="ladder-others-list">
        {answers.map((answer) => {
          const author = answer.authorId === selfId ? t('ladder.byYou') : answer.authorName;
          const support =
            answer.supporters > 0
              ? plural(t, locale, { one: 'ladder.supportersOne', other: 'ladder.supportersOther' }, answer.supporters)
              : null;
          // Who and how much support: for the people in the room, not for the wall.
          const meta = role === 'projector' ? [] : [author, support].filter(Boolean);
          return (
            <li key={answer.id} className="ladder-other">
              <p className="ladder-other-text">{answer.text}</p>
              {meta.length > 0 ? <p className="ladder-other-meta">{meta.join(' · ')}</p> : null}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
