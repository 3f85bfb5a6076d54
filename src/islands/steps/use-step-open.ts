/**
 * Whether this person may write a collection of a step right now, asked of the
 * rule table (src/model/rules.ts, src/model/seat-rules.ts) that the server
 * enforces: the controls an island enables are exactly the writes the server will take.
 */
import { useMemo } from 'react';
import { roomViewOf } from '../../model/room-view.ts';
import { stepOpenTo, type Verdict } from '../../model/rules.ts';
import type { StepToolsValue } from '../../model/schema.ts';
import { seatStepOpen } from '../../model/seat-rules.ts';
import { useShared } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import type { StepKind } from '../../model/workshop.ts';
import type { StepProps } from './types.ts';

type Context<K extends StepKind> = Pick<StepProps<K>, 'step' | 'workshop' | 'role' | 'connection' | 'identity'>;

/** May this person write `collection` of the step on the board? */
export function useStepOpen<K extends StepKind>(ctx: Context<K>, collection: string): Verdict {
  return useRoomVerdict(ctx, (writer, view) => stepOpenTo(writer, ctx.step, view, collection));
}

/** May this person write its private entries of the step (silent or anonymous notes, own definition) to its seat? */
export function useSeatOpen<K extends StepKind>(ctx: Context<K>): Verdict {
  return useRoomVerdict(ctx, (writer, view) => seatStepOpen(writer, ctx.step, view));
}

/** The facilitator's flags of a step (revealed, locked), live. */
export function useStepTools(connection: RoomConnection, stepId: string): StepToolsValue {
  const control = connection.control;
  return useShared([control.stepToolsMap(stepId)], () => control.stepTools(stepId));
}

function useRoomVerdict<K extends StepKind>(
  ctx: Context<K>,
  ask: (writer: { role: StepProps<K>['role']; seat: string | null }, view: ReturnType<typeof roomViewOf>) => Verdict,
): Verdict {
  const { step, workshop, role, connection, identity } = ctx;
  const control = connection.control;
  const watched = useMemo(
    () => [control.stateMap(), control.stepToolsMap(step.id), ...consentRounds(ctx)],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [control, step.id],
  );
  return useShared(watched, () =>
    ask({ role, seat: role === 'projector' ? null : identity.id }, roomViewOf(workshop, control, null)),
  );
}

/** A sentence can be edited from its consent step until agreed: watch those rounds too. */
function consentRounds<K extends StepKind>({ step, workshop, connection }: Context<K>) {
  return workshop.steps
    .filter((s) => s.kind === 'consent' && s.statementStep === step.id)
    .map((s) => connection.control.consentRoundMap(s.id));
}
