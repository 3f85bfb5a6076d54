/**
 * "Has written" marks in presence, for steps whose texts stay on each device
 * until the reveal (own definitions): the facilitator sees how many have
 * written something, never what or how much. A mark is a step id in the
 * presence field `wrote`; it is presence, so it is gone when the person
 * leaves, and untrusted, so it only ever feeds a count. The server relays the
 * field only in the schema's shape (server/sync/presence-gate.ts).
 */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { presenceValue, WROTE_FIELD, wroteMarksValue as marks } from '../model/schema.ts';

/** At most this many marked steps per person (the schema's limit): a workshop has far fewer define steps. */
const MAX_MARKS = 20;

/** Marks (or unmarks) this device as having written on `stepId`. */
export function useWrittenMark(awareness: Awareness | null | undefined, stepId: string, written: boolean): void {
  useEffect(() => {
    if (!awareness) return;
    const parsed = marks.safeParse(awareness.getLocalState()?.[WROTE_FIELD]);
    const current = parsed.success ? parsed.data : [];
    if (current.includes(stepId) === written) return;
    const next = written ? [...current, stepId].slice(-MAX_MARKS) : current.filter((id) => id !== stepId);
    awareness.setLocalStateField(WROTE_FIELD, next);
  }, [awareness, stepId, written]);
}

/** How many participants present have written on `stepId` (one per person, however many devices). */
export function useWrittenCount(awareness: Awareness | null | undefined, stepId: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const people = new Set<string>();
      for (const state of awareness.getStates().values()) {
        const user = presenceValue.safeParse((state as { user?: unknown }).user);
        const wrote = marks.safeParse((state as Record<string, unknown>)[WROTE_FIELD]);
        if (user.success && user.data.role === 'participant' && wrote.success && wrote.data.includes(stepId)) {
          people.add(user.data.id);
        }
      }
      setCount(people.size);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness, stepId]);
  return count;
}
