/**
 * When this screen saw each why-ladder round close, in this device's clock
 * (see noteRoundClosings). Recorded by a Yjs observer, which runs the moment a
 * pick arrives, before React renders: the time is as close to the arrival as
 * the page can know it.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { noteRoundClosings, type RoundClosings } from '../../lib/ladder.ts';

/** `closedRounds` reads the number of closed rounds from the live document. */
export function useRoundClosings(picks: Y.Array<unknown>, closedRounds: () => number): RoundClosings {
  // Rounds already closed when the screen opens were not seen closing: their time stays unknown.
  const [closings, setClosings] = useState<RoundClosings>(() => noteRoundClosings(new Map(), closedRounds(), null));
  useEffect(() => {
    const note = () => {
      const now = Date.now();
      const count = closedRounds();
      setClosings((previous) => noteRoundClosings(previous, count, now));
    };
    // A pick that arrived between the first render and this effect is caught here.
    note();
    picks.observe(note);
    return () => picks.unobserve(note);
    // `closedRounds` reads the same live array; a new function each render changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [picks]);
  return closings;
}
