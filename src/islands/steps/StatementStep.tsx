import { useId } from 'react';
import { firstStepOfKind } from '../../model/workshop-steps.ts';
import { StatementEditor } from './StatementEditor.tsx';
import { StatementLength } from './StatementLength.tsx';
import { StatementVersions } from './StatementVersions.tsx';
import { useStepOpen } from './use-step-open.ts';
import type { StepProps } from './types.ts';
import { useSharedSentence } from './use-shared-sentence.ts';
import { useShared } from '../../sync/hooks.ts';

/** One sentence, drafted together live, with a target length and the ladder's last answer as a start. */
export function StatementStep({ step, workshop, role, connection, locale, t, identity }: StepProps<'statement'>) {
  const open = useStepOpen({ step, workshop, role, connection, identity }, 'statement.draft').ok;
  const { board, control } = connection;
  const lengthId = useId();
  const draft = board.statementDraft(step.id);
  const { text, versions, words, verdict, save, restore } = useSharedSentence({ connection, step, draft, role, t });
  const ladder = firstStepOfKind(workshop, 'ladder');
  const inspiration = useShared([ladder ? control.ladderPicksArray(ladder.id) : null], () =>
    ladder ? (control.ladderPicks(ladder.id).at(-1)?.text ?? null) : null,
  );

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
