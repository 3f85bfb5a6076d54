/**
 * The spotlight as the islands see it: what it shows now (resolved against the
 * board, see src/lib/spotlight.ts), recomputed when either document changes.
 */
import { useEffect, useMemo, useState } from 'react';
import { spotlightItem, type SpotlightItem } from '../../lib/spotlight.ts';
import type { Workshop } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

export function useSpotlightItem(connection: RoomConnection | null, workshop: Workshop): SpotlightItem | null {
  const [version, setVersion] = useState(0);
  const board = connection?.boardDoc;
  const control = connection?.controlDoc;
  useEffect(() => {
    if (!board || !control) return;
    const bump = () => setVersion((v) => v + 1);
    board.on('update', bump);
    control.on('update', bump);
    return () => {
      board.off('update', bump);
      control.off('update', bump);
    };
    // Keyed on the documents: the connection replaces one after a refused update.
  }, [board, control]);
  const item = useMemo(
    () => (board && control ? spotlightItem(workshop, { board, control }) : null),
    // version: recount after every change of the documents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [board, control, workshop, version],
  );
  // Same item and words: keep the previous object, so effects keyed on it do not run again.
  return useStable(item);
}

function useStable(item: SpotlightItem | null): SpotlightItem | null {
  const [kept, setKept] = useState(item);
  const same = kept === item || (kept !== null && item !== null && JSON.stringify(kept) === JSON.stringify(item));
  useEffect(() => {
    if (!same) setKept(item);
  }, [same, item]);
  return same ? kept : item;
}
