import { useId, useMemo, useState } from 'react';
import type { MessageKey } from '../../i18n/index.ts';
import { canChangeQuestion, Questions, type QuestionActor, type QuestionErrorCode } from '../../model/questions.ts';
import type { QuestionValue } from '../../model/schema.ts';
import { useShared } from '../../sync/hooks.ts';
import { announce } from '../announce.ts';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';
import { QuestionForm } from './QuestionForm.tsx';
import { useStepOpen } from './use-step-open.ts';
import type { StepProps } from './types.ts';
import { useAnnouncement } from './use-announcement.ts';
import { SpotlightControl } from '../spotlight/SpotlightScope.tsx';

const ERROR_KEYS = {
  empty_text: 'questions.emptyText',
  unknown_moment: 'questions.unknownMoment',
  not_found: 'questions.gone',
  not_allowed: 'questions.notAllowed',
} as const satisfies Record<QuestionErrorCode, MessageKey>;

/** The gross-list of questions to ask customers, grouped by the moment in the conversation. */
export function QuestionsStep({ step, workshop, role, connection, locale, t, identity }: StepProps<'questions'>) {
  const questions = useMemo(() => new Questions(connection.board.doc), [connection.board]);
  const all = useShared([questions.map(step.id)], () => questions.list(step.id));
  const [editing, setEditing] = useState<string | null>(null);
  const titleId = useId();
  const actor: QuestionActor = { id: identity.id, name: identity.name, facilitator: role === 'facilitator' };
  // The rule table says when this person may add (current step, unlocked, holding a seat), as the server does.
  const writable = useStepOpen({ step, workshop, role, connection, identity }, 'questions').ok;

  useAnnouncement(all, (before, after) => {
    if (role === 'projector') return null;
    const known = new Set(before.map((q) => q.id));
    const fresh = after.filter((q) => !known.has(q.id) && q.authorId !== identity.id);
    return fresh.length === 1 && fresh[0] ? t('questions.announceAdded', { text: fresh[0].text }) : null;
  });

  return (
    <div className={`questions questions--${role}`}>
      {writable ? (
        <QuestionForm
          step={step}
          locale={locale}
          title={t('questions.formTitle')}
          submitLabel={t('questions.add')}
          resetOnSave
          t={t}
          onSubmit={(fields) => {
            const result = questions.add(step, fields, identity);
            return result.ok ? null : t(ERROR_KEYS[result.code]);
          }}
        />
      ) : null}

      <section className="questions-list" aria-labelledby={titleId}>
        <Heading role={role} id={titleId} className="questions-title">
          {plural(t, locale, { one: 'questions.listTitleOne', other: 'questions.listTitleOther' }, all.length)}
        </Heading>
        {all.length === 0 ? (
          <p className="questions-empty">
            {role === 'projector' ? t('questions.emptyProjector') : t('questions.empty')}
          </p>
        ) : (
          step.moments.map((moment) => {
            const inMoment = all.filter((q) => q.moment === moment.id);
            if (inMoment.length === 0) return null;
            return (
              <section key={moment.id} className="questions-moment" aria-label={moment.label[locale]}>
                <Heading role={role} sub className="questions-moment-title">
                  {moment.label[locale]}
                </Heading>
                <ul className="questions-items">
                  {inMoment.map((q) =>
                    editing === q.id ? (
                      <li key={q.id} className="questions-item questions-item--editing">
                        <QuestionForm
                          step={step}
                          locale={locale}
                          title={t('questions.editTitle')}
                          submitLabel={t('questions.save')}
                          initial={{ text: q.text, type: q.type, moment: q.moment, purpose: q.purpose }}
                          t={t}
                          onCancel={() => setEditing(null)}
                          onSubmit={(fields) => {
                            const result = questions.edit(step, q.id, fields, actor);
                            if (!result.ok) return t(ERROR_KEYS[result.code]);
                            setEditing(null);
                            return null;
                          }}
                        />
                      </li>
                    ) : (
                      <QuestionItem
                        key={q.id}
                        question={q}
                        mine={q.authorId === identity.id}
                        canChange={writable && canChangeQuestion(q, actor)}
                        onEdit={() => setEditing(q.id)}
                        onRemove={() => {
                          const result = questions.remove(step.id, q.id, actor);
                          announce(result.ok ? t('questions.announceRemoved') : t(ERROR_KEYS[result.code]));
                        }}
                        t={t}
                      />
                    ),
                  )}
                </ul>
              </section>
            );
          })
        )}
      </section>
    </div>
  );
}

type ItemProps = {
  question: QuestionValue;
  mine: boolean;
  canChange: boolean;
  onEdit: () => void;
  onRemove: () => void;
  t: StepProps<'questions'>['t'];
};

function QuestionItem({ question, mine, canChange, onEdit, onRemove, t }: ItemProps) {
  return (
    <li className="questions-item">
      <p className="questions-item-text">{question.text}</p>
      <p className="questions-item-meta">
        <span className={`questions-badge questions-badge--${question.type}`}>
          {t(question.type === 'open' ? 'questions.typeOpen' : 'questions.typeClosed')}
        </span>
        {question.purpose ? (
          <span className="questions-item-purpose">
            {t('questions.purposeShort')} {question.purpose}
          </span>
        ) : null}
        {mine ? (
          <span className="questions-item-author">{t('questions.byYou')}</span>
        ) : question.authorName ? (
          <span className="questions-item-author">{question.authorName}</span>
        ) : null}
      </p>
      <SpotlightControl kind="question" itemId={question.id} text={question.text} />
      {canChange ? (
        <p className="questions-item-actions">
          <button
            type="button"
            className="steps-button"
            aria-label={t('questions.editQuestion', { text: question.text })}
            onClick={onEdit}
          >
            {t('questions.edit')}
          </button>
          <button
            type="button"
            className="steps-button"
            aria-label={t('questions.removeQuestion', { text: question.text })}
            onClick={onRemove}
          >
            {t('questions.remove')}
          </button>
        </p>
      ) : null}
    </li>
  );
}
