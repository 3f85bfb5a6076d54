import { useId } from 'react';
import type * as Y from 'yjs';
import type { Translate } from '../../i18n/index.ts';
import { countWords, judgeLength } from '../../lib/words.ts';
import type { Locale } from '../../model/locale.ts';
import { placeholderOf, tooLongHintOf, type DraftTarget } from './draft-target.ts';
import { StatementEditor } from './StatementEditor.tsx';
import { StatementLength } from './StatementLength.tsx';
import { useShared } from '../../sync/hooks.ts';

type Props = {
  /** The shared draft of the statement step being agreed on. */
  draft: Y.Text;
  /** That statement (or define) step, for its target length and hint; none if the workshop lacks it. */
  statement: DraftTarget | undefined;
  open: boolean;
  onToggle: () => void;
  /** What editing here does, for whoever sees it (facilitator or participant). */
  hint: string;
  locale: Locale;
  t: Translate;
};

/**
 * "Edit the sentence": the same shared editor as the statement step, opened
 * in place on the agreement step, so the sentence can be adjusted after an
 * objection without taking every screen back to the statement step.
 */
export function ConsentDraftEditor({ draft, statement, open, onToggle, hint, locale, t }: Props) {
  const panelId = useId();
  const lengthId = useId();
  const hintId = useId();
  const text = useShared([draft], () => draft.toString());
  const words = countWords(text);

  return (
    <div className="consent-edit">
      <button
        type="button"
        className="steps-button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={onToggle}
      >
        {t('consent.editSentence')}
      </button>
      {open ? (
        <div id={panelId} className="consent-edit-panel">
          {/* Focus goes to the field: the button was pressed to type in it. */}
          <StatementEditor
            text={draft}
            label={t('statement.label')}
            placeholder={placeholderOf(statement, locale)}
            describedBy={statement ? `${lengthId} ${hintId}` : hintId}
            focusAtEnd
          />
          {statement ? (
            <StatementLength
              id={lengthId}
              words={words}
              min={statement.minWords}
              max={statement.maxWords}
              verdict={judgeLength(words, statement.minWords, statement.maxWords)}
              tooLongHint={tooLongHintOf(statement, locale, t)}
              locale={locale}
              t={t}
            />
          ) : null}
          <p id={hintId} className="consent-hint consent-hint--quiet">
            {hint}
          </p>
        </div>
      ) : null}
    </div>
  );
}
