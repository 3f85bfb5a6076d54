import { useId } from 'react';
import { countWords, judgeLength } from '../../lib/words.ts';
import type { StatementVersionValue } from '../../model/schema.ts';
import { firstStepOfKind } from '../../model/workshop-steps.ts';
import { announce } from '../announce.ts';
import { StatementEditor } from './StatementEditor.tsx';
import { StatementLength, verdictText } from './StatementLength.tsx';
import { StatementVersions } from './StatementVersions.tsx';
import { useStepOpen } from './use-step-open.ts';
import type { StepProps } from './types.ts';
import { useAnnouncement } from './use-announcement.ts';
import { useShared } from '../../sync/hooks.ts';

/** One sentence, drafted together live, with a target length and the ladder's last answer as a start. */
export function StatementStep({ step, workshop, role, connection, locale, t, identity }: StepProps<'statement'>) {
  const open = useStepOpen({ step, workshop, role, connection, identity }, 'statement.draft').ok;
  const { board, control } = connection;
  const lengthId = useId();
  const draft = board.statementDraft(step.id);
  const text = useShared([draft], () => draft.toString());
  const versions = useShared([control.statementVersionsArray(step.id)], () => control.statementVersions(step.id));
  const ladder = firstStepOfKind(workshop, 'ladder');
  const inspiration = useShared([ladder ? control.ladderPicksArray(ladder.id) : null], () =>
    ladder ? (control.ladderPicks(ladder.id).at(-1)?.text ?? null) : null,
  );

  const words = countWords(text);
  const verdict = judgeLength(words, step.minWords, step.maxWords);
  useAnnouncement(verdict, (_, next) => (role === 'projector' ? null : verdictText(t, next)));

  const save = () => {
    if (control.saveStatementVersion(step.id, text)) announce(t('statement.savedAnnouncement'));
  };
  const restore = (version: StatementVersionValue) => {
    // Keep the sentence being replaced, so a restore never loses work.
    control.saveStatementVersion(step.id, text);
    board.replaceStatementDraft(step.id, version.text);
    announce(t('statement.restoredAnnouncement'));
  };

  const length = (
    <StatementLength
      id={lengthId}
      words={words}
      min={step.minWords}
      max={step.maxWords}
      verdict={verdict}
      tooLongHint={step.tooLongHint[locale]}
      locale={locale}
      t={t}
    />
  );

  return (
    <div className={`statement statement--${role}`}>
      {inspiration ? (
        <figure className="statement-inspiration">
          <figcaption className="statement-inspiration-label">{t('statement.inspiration')}</figcaption>
          <blockquote className="statement-inspiration-text">
            <p>{inspiration}</p>
          </blockquote>
        </figure>
      ) : null}

      {role === 'projector' ? (
        <div className="statement-projected">
          <p className={`statement-projected-text${text.trim() ? '' : ' statement-projected-text--empty'}`}>
            {text.trim() || t('statement.projectorEmpty')}
          </p>
          {length}
        </div>
      ) : (
        <>
          <StatementEditor
            text={draft}
            label={t('statement.label')}
            placeholder={step.placeholder?.[locale]}
            describedBy={lengthId}
            readOnly={!open}
          />
          {length}
          <p className="statement-together">{t('statement.together')}</p>
        </>
      )}

      {role === 'facilitator' ? (
        <StatementVersions versions={versions} draft={text} locale={locale} t={t} onSave={save} onRestore={restore} />
      ) : null}
    </div>
  );
}
