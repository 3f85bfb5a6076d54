/**
 * "I'm done" as the islands read it: who on a step has said so, and the
 * tally among the participants in the room now. The facilitator is never
 * counted (nor the projector); a person in two tabs counts once.
 */
import { Done } from '../../model/done.ts';
import { COLLECTION_RULES } from '../../model/rules.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import { useShared, type PresentPerson } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

/** Steps where participants contribute: the ones the rule table lets them say done on. */
export function takesDone(step: WorkshopStep): boolean {
  return COLLECTION_RULES.done?.kinds.includes(step.kind) ?? false;
}

export function useDoneIds(connection: RoomConnection | null, stepId: string): ReadonlySet<string> {
  const done = connection ? new Done(connection.boardDoc) : null;
  return useShared([done?.map(stepId)], () => new Set(done ? done.list(stepId).keys() : []));
}

export type DoneTally = {
  count: number;
  total: number;
  /** The participants who are done, by name (null: no name given), in name order. */
  names: (string | null)[];
};

export function doneTally(people: readonly PresentPerson[], doneIds: ReadonlySet<string>): DoneTally {
  const participants = new Map<string, string | null>();
  for (const person of people) if (person.role === 'participant') participants.set(person.id, person.name);
  const names = [...participants].filter(([id]) => doneIds.has(id)).map(([, name]) => name);
  names.sort((a, b) => (a ?? '\uffff').localeCompare(b ?? '\uffff'));
  return { count: names.length, total: participants.size, names };
}
