import { useId, useMemo } from 'react';
import type { MessageKey } from '../../i18n/index.ts';
import {
  Behaviours,
  canChangeBehaviour,
  type BehaviourActor,
  type BehaviourErrorCode,
} from '../../model/behaviours.ts';
import type { BehaviourValue } from '../../model/schema.ts';
import { useShared } from '../../sync/hooks.ts';
import { announce } from '../announce.ts';
import { BehaviourForm } from './BehaviourForm.tsx';
import { BehaviourGoalView } from './BehaviourGoalView.tsx';
import { BehaviourList } from './BehaviourList.tsx';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';
import { useStepOpen } from './use-step-open.ts';
import type { StepProps } from './types.ts';
import { useAnnouncement } from './use-announcement.ts';
import { useBehaviourGoal } from './use-behaviour-goal.ts';

const ERROR_KEYS = {
  empty_text: 'behaviours.emptyText',
  list_full: 'behaviours.full',
  not_found: 'behaviours.gone',
  not_allowed: 'behaviours.notAllowed',
} as const satisfies Record<BehaviourErrorCode, MessageKey>;

/** Concrete behaviours in priority order: what we do, how we carry it out, how you can see it happen. */
export function BehavioursStep({
  step,
  workshop,
  role,
  connection,
  locale,
  t,
  identity,
}: StepProps<'behaviours'>) {
  const behaviours = useMemo(() => new Behaviours(connection.board.doc), [connection.board]);
  const list = useShared([behaviours.map(step.id)], () => behaviours.list(step.id));
  const goal = useBehaviourGoal(step, workshop, connection, locale, t);
  const titleId = useId();

  const actor: BehaviourActor = { id: identity.id, name: identity.name, facilitator: role === 'facilitator' };
  // The rule table decides, as on the server: locking stops participants; the facilitator can still tidy the list.
  const writable = useStepOpen({ step, workshop, role, connection, identity }, 'behaviours').ok;
  const full = step.maxItems !== undefined && list.length >= step.maxItems;
  const errorText = (code: BehaviourErrorCode) => t(ERROR_KEYS[code], { max: step.maxItems ?? 0 });

  useAnnouncement(list, (before, after) => {
    if (role === 'projector') return null;
    const known = new Set(before.map((b) => b.id));
    const fresh = after.filter((b) => !known.has(b.id) && b.authorId !== identity.id);
    return fresh.length === 1 && fresh[0] ? t('behaviours.announceAdded', { text: fresh[0].text }) : null;
  });

  const moveTo = (behaviour: BehaviourValue, position: number): number | null => {
    const result = behaviours.moveTo(step.id, behaviour.id, position);
    if (!result.ok) {
      announce(errorText(result.code));
      return null;
    }
    const now = behaviours.list(step.id);
    const at = now.findIndex((b) => b.id === behaviour.id);
    announce(t('behaviours.announceMoved', { text: behaviour.text, position: at + 1, count: now.length }));
    return at;
  };

  return (
    <div className={`behaviours behaviours--${role}`}>
      {goal ? <BehaviourGoalView goal={goal} role={role} t={t} /> : null}

      {writable && !full ? (
        <BehaviourForm
          title={t('behaviours.formTitle')}
          submitLabel={t('behaviours.add')}
          resetOnSave
          t={t}
          onSubmit={(fields) => {
            const result = behaviours.add(step.id, fields, identity, { maxItems: step.maxItems });
            return result.ok ? null : errorText(result.code);
          }}
        />
      ) : null}
      {writable && full ? <p className="behaviours-full">{errorText('list_full')}</p> : null}

      <section className="behaviours-ranking" aria-labelledby={titleId}>
        <Heading role={role} id={titleId} className="behaviours-title">
          {plural(t, locale, { one: 'behaviours.listTitleOne', other: 'behaviours.listTitleOther' }, list.length)}
        </Heading>
        {writable && list.length > 1 ? <p className="behaviours-hint">{t('behaviours.orderHint')}</p> : null}
        {list.length === 0 ? (
          <p className="behaviours-empty">
            {role === 'projector' ? t('behaviours.emptyProjector') : t('behaviours.empty')}
          </p>
        ) : (
          <BehaviourList
            behaviours={list}
            role={role}
            selfId={identity.id}
            canMove={writable}
            canChange={(behaviour) => writable && canChangeBehaviour(behaviour, actor)}
            t={t}
            onMoveTo={moveTo}
            onSaveEdit={(behaviour, fields) => {
              const result = behaviours.edit(step.id, behaviour.id, fields, actor);
              return result.ok ? null : errorText(result.code);
            }}
            onRemove={(behaviour) => {
              const result = behaviours.remove(step.id, behaviour.id, actor);
              announce(result.ok ? t('behaviours.announceRemoved') : errorText(result.code));
            }}
          />
        )}
      </section>
    </div>
  );
}
