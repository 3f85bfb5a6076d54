/**
 * Whether this person may write a collection of a step right now, asked of the
 * rule table (src/model/rules.ts) that the server enforces: the controls an
 * island enables are exactly the writes the server will take.
 */
import { useMemo } from 'react';
import { roomViewOf } from '../../model/room-view.ts';
import { stepOpenTo, type Verdict } from '../../model/rules.ts';
import { useShared } from '../../sync/hooks.ts';
import type { StepKind } from '../../model/workshop.ts';
import type { StepProps } from './types.ts';

type Context<K extends StepKind> = Pick<StepProps<K>, 'step' | 'workshop' | 'role' | 'connection' | 'identity'>;

export function useStepOpen<K extends StepKind>(ctx: Context<K>, collection: string): Verdict {
  const { step, workshop, role, connection, identity } = ctx;
  const control = connection.control;
  const watched = useMemo(
    () => [control.stateMap(), control.stepToolsMap(step.id), ...consentRounds(ctx)],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [control, step.id],
  );
  return useShared(watched, () =>
    stepOpenTo({ role, seat: role === 'projector' ? null : identity.id }, step, roomViewOf(workshop, control, null), collection),
  );
}

/** A sentence can be edited from its consent step until agreed: watch those rounds too. */
function consentRounds<K extends StepKind>({ step, workshop, connection }: Context<K>) {
  return workshop.steps
    .filter((s) => s.kind === 'consent' && s.statementStep === step.id)
    .map((s) => connection.control.consentRoundMap(s.id));
}
