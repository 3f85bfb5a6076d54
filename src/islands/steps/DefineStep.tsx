import { useMemo } from 'react';
import { Define } from '../../model/define.ts';
import { usePresence, useShared } from '../../sync/hooks.ts';
import { useWrittenCount, useWrittenMark } from '../../sync/written-marks.ts';
import { DefineAgreed } from './DefineAgreed.tsx';
import { DefineOwnCards } from './DefineOwnCards.tsx';
import { DefineOwnChange } from './DefineOwnChange.tsx';
import { DefineOwnWriter } from './DefineOwnWriter.tsx';
import { plural } from './format.ts';
import { ICONS } from './icons.ts';
import type { StepProps } from './types.ts';
import { useAnnouncement } from './use-announcement.ts';
import { useOwnDefinition } from './use-own-definition.ts';
import { useSeatOpen, useStepOpen, useStepTools } from './use-step-open.ts';

/**
 * Define a word together: first everyone writes their own definition in
 * private (in their seat's document); the facilitator reveals them and the
 * server puts them side by side on the board; then the group drafts one
 * agreed definition.
 */
export function DefineStep(props: StepProps<'define'>) {
  const { step, role, connection, locale, t, identity } = props;
  const tools = useStepTools(connection, step.id);
  const define = useMemo(() => new Define(connection.board.doc), [connection.board]);
  const author = useMemo(() => ({ id: identity.id, name: identity.name }), [identity.id, identity.name]);
  const own = useOwnDefinition({ connection, stepId: step.id, define, author, revealed: tools.revealed });
  // What the rule table lets this person write: the private definition before the reveal, the board's after.
  const privateOpen = useSeatOpen(props).ok;
  const boardOpen = useStepOpen(props, 'define.own').ok;
  // Published definitions are read only while revealed: hiding again hides them on every screen.
  const published = useShared([define.ownDefinitionsMap(step.id)], () => define.ownDefinitions(step.id));
  const definitions = tools.revealed ? published : [];
  // Whether this participant has written, never what: the console counts those who have.
  useWrittenMark(role === 'participant' ? connection.awareness : null, step.id, own.stored.trim() !== '');
  const term = step.term[locale];
  const locked = role === 'participant' && tools.locked;

  useAnnouncement(tools.revealed, (_, revealed) =>
    role === 'projector' ? null : t(revealed ? 'define.announceRevealed' : 'define.announceHidden'),
  );

  return (
    <div className={`define define--${role}${tools.revealed ? ' define--revealed' : ''}`}>
      <p className="define-term">
        <span className="define-term-label">{t('define.termLabel')}</span>{' '}
        <strong className="define-term-word">{term}</strong>
      </p>

      {!tools.revealed ? (
        role === 'participant' ? (
          <DefineOwnWriter term={term} own={own} locked={!privateOpen} t={t} />
        ) : role === 'facilitator' ? (
          <DefineWaitingFacilitator
            stepId={step.id}
            connection={connection}
            onReveal={() => connection.control.setRevealed(step.id, true)}
            t={t}
            locale={locale}
          />
        ) : (
          <div className="define-waiting">
            <p className="define-waiting-text">{t('define.projectorWaiting', { term })}</p>
            <p className="define-waiting-more">{t('define.projectorWaitingMore')}</p>
          </div>
        )
      ) : (
        <>
          <DefineOwnCards definitions={definitions} selfId={identity.id} role={role} locale={locale} t={t} />
          {role === 'participant' && boardOpen ? <DefineOwnChange term={term} own={own} t={t} /> : null}
          <DefineAgreed
            step={step}
            define={define}
            role={role}
            readOnly={locked}
            connection={connection}
            locale={locale}
            t={t}
          />
        </>
      )}
    </div>
  );
}

type WaitingProps = {
  stepId: string;
  connection: StepProps<'define'>['connection'];
  onReveal: () => void;
  t: StepProps<'define'>['t'];
  locale: StepProps<'define'>['locale'];
};

/** Before the reveal the facilitator sees who is here, never what anyone writes. */
function DefineWaitingFacilitator({ stepId, connection, onReveal, t, locale }: WaitingProps) {
  const people = usePresence(connection.awareness);
  const present = people.filter((p) => p.role === 'participant').length;
  const written = useWrittenCount(connection.awareness, stepId);
  return (
    <div className="define-waiting define-waiting--facilitator">
      <p className="define-waiting-text">
        {plural(t, locale, { one: 'define.presentOne', other: 'define.presentOther' }, present)}
      </p>
      <p className="define-written" aria-live="polite">
        {t('define.written', { count: written, present })}
      </p>
      <p className="define-private">
        <span aria-hidden="true">{ICONS.private}</span> {t('define.facilitatorPrivate')}
      </p>
      <button type="button" className="steps-button steps-button--primary" onClick={onReveal}>
        {t('define.reveal')}
      </button>
    </div>
  );
}
