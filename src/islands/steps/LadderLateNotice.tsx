import type { Translate } from '../../i18n/index.ts';
import type { AnswerValue } from '../../model/schema.ts';

type Props = {
  /** This person's answers that arrived just as their round closed (see lateAnswers). */
  answers: readonly AnswerValue[];
  /** False once the ladder is complete: there is no open question to post to. */
  canRepost: boolean;
  onRepost: (answer: AnswerValue) => void;
  onDismiss: (answer: AnswerValue) => void;
  t: Translate;
};

/**
 * Tells the author, next to the answer form, that an answer landed in the
 * round that closed while it was on its way, and offers to post it for the
 * question now open. The list is always rendered, so a notice is announced
 * politely when it appears.
 */
export function LadderLateNotice({ answers, canRepost, onRepost, onDismiss, t }: Props) {
  return (
    <ul className="ladder-late" aria-live="polite">
      {answers.map((answer) => (
        <li key={answer.id} className="ladder-late-notice">
          <p className="ladder-late-text">{t('ladder.lateNotice', { text: answer.text })}</p>
          <p className="ladder-late-kept">{t('ladder.lateKept')}</p>
          <div className="ladder-late-actions">
            {canRepost ? (
              <button
                type="button"
                className="steps-button steps-button--primary"
                aria-label={t('ladder.lateRepostAnswer', { text: answer.text })}
                onClick={() => onRepost(answer)}
              >
                {t('ladder.lateRepost')}
              </button>
            ) : null}
            <button
              type="button"
              className="steps-button steps-button--quiet"
              aria-label={t('ladder.lateDismissAnswer', { text: answer.text })}
              onClick={() => onDismiss(answer)}
            >
              {t('ladder.lateDismiss')}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
