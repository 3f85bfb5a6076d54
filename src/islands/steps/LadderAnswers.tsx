import type { Translate } from '../../i18n/index.ts';
import type { RankedAnswer } from '../../lib/ladder.ts';
import type { Locale } from '../../model/locale.ts';
import type { Role } from '../../model/roles.ts';
import { plural } from './format.ts';
import { ICONS } from './icons.ts';
import { SpotlightControl } from '../spotlight/SpotlightScope.tsx';

type Props = {
  answers: readonly RankedAnswer[];
  /** Answer ids this person supports. */
  supported: ReadonlySet<string>;
  selfId: string;
  role: Role;
  locale: Locale;
  t: Translate;
  /** The step is locked for this person: support and remove are shown but do nothing. */
  locked?: boolean;
  /** The last round: a pick ends the ladder rather than asking the next why. */
  lastRound?: boolean;
  onToggleSupport: (answer: RankedAnswer) => void;
  onRemove: (answer: RankedAnswer) => void;
  onPick: (answer: RankedAnswer) => void;
};

/**
 * The answers of the current round, most supported first, as cards. Each
 * button's name starts with its visible word and adds the answer, so a list
 * of buttons still says which answer each one acts on.
 */
export function LadderAnswers(props: Props) {
  const { answers, supported, selfId, role, locale, t, locked = false, lastRound = false, ...actions } = props;
  if (answers.length === 0) {
    return (
      <p className="ladder-answers-empty">{role === 'projector' ? t('ladder.emptyProjector') : t('ladder.empty')}</p>
    );
  }
  return (
    <ul className="ladder-answers">
      {answers.map((answer) => {
        const supportCount = plural(
          t,
          locale,
          { one: 'ladder.supportersOne', other: 'ladder.supportersOther' },
          answer.supporters,
        );
        const mine = answer.authorId === selfId;
        return (
          <li key={answer.id} className="ladder-answer">
            <p className="ladder-answer-text">{answer.text}</p>
            {role !== 'projector' && (answer.authorName || mine) ? (
              <p className="ladder-answer-author">{mine ? t('ladder.byYou') : answer.authorName}</p>
            ) : null}
            {/* The facilitator's toggle sits with the other actions, where a row has room for it. */}
            {role === 'facilitator' ? null : <SpotlightControl kind="answer" itemId={answer.id} text={answer.text} />}
            {role === 'projector' ? (
              // The wall has no room for "3 supporters" under every answer: a short "+3" says it, none says nothing.
              answer.supporters > 0 ? (
                <p className="ladder-answer-support">
                  <span aria-hidden="true">+{answer.supporters}</span>
                  <span className="visually-hidden">{supportCount}</span>
                </p>
              ) : null
            ) : (
              <div className="ladder-answer-actions">
                <button
                  type="button"
                  className="steps-button ladder-support"
                  aria-pressed={supported.has(answer.id)}
                  aria-label={t('ladder.supportAnswer', { text: answer.text })}
                  disabled={locked}
                  onClick={() => actions.onToggleSupport(answer)}
                >
                  <span aria-hidden="true">{ICONS.support}</span> {t('ladder.support')}
                </button>
                <span className="ladder-answer-support">{supportCount}</span>
                {role === 'facilitator' ? (
                  <SpotlightControl kind="answer" itemId={answer.id} text={answer.text} />
                ) : null}
                {mine || role === 'facilitator' ? (
                  <button
                    type="button"
                    className="steps-button steps-button--quiet"
                    aria-label={t('ladder.removeAnswer', { text: answer.text })}
                    disabled={locked}
                    onClick={() => actions.onRemove(answer)}
                  >
                    <span aria-hidden="true">{ICONS.remove}</span> {t('ladder.remove')}
                  </button>
                ) : null}
                {role === 'facilitator' ? (
                  <button
                    type="button"
                    className="steps-button steps-button--primary ladder-pick"
                    aria-label={t(lastRound ? 'ladder.pickLastAnswer' : 'ladder.pickAnswer', { text: answer.text })}
                    onClick={() => actions.onPick(answer)}
                  >
                    {t(lastRound ? 'ladder.pickLast' : 'ladder.pick')}
                  </button>
                ) : null}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
