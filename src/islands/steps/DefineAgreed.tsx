import { useId } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { Define } from '../../model/define.ts';
import type { Locale } from '../../model/locale.ts';
import type { Role } from '../../model/roles.ts';
import type { StepOf } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { tooLongHintOf } from './draft-target.ts';
import { Heading } from './Heading.tsx';
import { StatementEditor } from './StatementEditor.tsx';
import { StatementLength } from './StatementLength.tsx';
import { StatementVersions } from './StatementVersions.tsx';
import { useSharedSentence } from './use-shared-sentence.ts';

type Props = {
  step: StepOf<'define'>;
  define: Define;
  role: Role;
  /** Participants of a locked step see the draft without an editor. */
  readOnly: boolean;
  connection: RoomConnection;
  locale: Locale;
  t: Translate;
};

/**
 * The one agreed definition, drafted together in the statement editor: the
 * define step's own shared draft, word target and saved versions.
 */
export function DefineAgreed({ step, define, role, readOnly, connection, locale, t }: Props) {
  const titleId = useId();
  const lengthId = useId();
  const instructionId = useId();
  const draft = define.agreedDraft(step.id);
  const { text, versions, words, verdict, save, restore } = useSharedSentence({ connection, step, draft, role, t });
  const term = step.term[locale];

  const length = (
    <StatementLength
      id={lengthId}
      words={words}
      min={step.minWords}
      max={step.maxWords}
      verdict={verdict}
      tooLongHint={tooLongHintOf(step, locale, t)}
      locale={locale}
      t={t}
    />
  );

  return (
    <section className="define-agreed" aria-labelledby={titleId}>
      <Heading role={role} id={titleId} className="define-agreed-title">
        {t('define.agreedTitle')}
      </Heading>
      <p id={instructionId} className="define-agreed-instruction">
        {step.draftInstruction[locale]}
      </p>
      {role === 'projector' || readOnly ? (
        <figure className="define-agreed-projected">
          <figcaption className="define-agreed-label">{t('define.agreedLabel', { term })}</figcaption>
          <p className={`define-agreed-text${text.trim() ? '' : ' define-agreed-text--empty'}`}>
            {text.trim() || t('define.projectorEmpty')}
          </p>
          {length}
        </figure>
      ) : (
        <>
          <StatementEditor
            text={draft}
            label={t('define.agreedLabel', { term })}
            describedBy={`${instructionId} ${lengthId}`}
          />
          {length}
          <p className="statement-together">{t('statement.together')}</p>
        </>
      )}
      {role === 'facilitator' ? (
        <StatementVersions versions={versions} draft={text} locale={locale} t={t} onSave={save} onRestore={restore} />
      ) : null}
    </section>
  );
}
