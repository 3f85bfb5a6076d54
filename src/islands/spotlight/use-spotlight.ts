/**
 * The spotlight as the islands see it: what it shows now (resolved against the
 * board, see src/lib/spotlight.ts), recomputed when either document changes.
 *
 * Resolving reads every kind of contribution, so it needs every model of the
 * board. Most of a session nothing is in the spotlight: the resolver loads the
 * first time something is, not with the page (the participant page's budget).
 */
import { useEffect, useMemo, useState } from 'react';
import type { SpotlightItem } from '../../lib/spotlight.ts';
import { Spotlight } from '../../model/spotlight.ts';
import type { Workshop } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

type Resolve = (typeof import('../../lib/spotlight.ts'))['spotlightItem'];

let resolver: Resolve | null = null;
let loading: Promise<Resolve> | null = null;

function loadResolver(): Promise<Resolve> {
  loading ??= import('../../lib/spotlight.ts').then(
    (module) => (resolver = module.spotlightItem),
    (error: unknown) => {
      // A failed chunk load (network) is retried at the spotlight's next change.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * The item in the spotlight, null when there is none, and undefined for the
 * moment the spotlight holds something but its resolver is still loading
 * (callers show nothing then, and do not announce a change).
 */
export function useSpotlightItem(
  connection: RoomConnection | null,
  workshop: Workshop,
): SpotlightItem | null | undefined {
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
  const set = !!control && new Spotlight(control).current() !== null;
  const waiting = set && resolver === null;
  useEffect(() => {
    if (!waiting) return;
    let live = true;
    loadResolver().then(
      () => live && setVersion((v) => v + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [waiting, version]);
  const item = useMemo(
    () => {
      if (!board || !control || !set) return null;
      return resolver ? resolver(workshop, { board, control }) : undefined;
    },
    // version: recount after every change of the documents, and once the resolver has loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [board, control, workshop, version, set],
  );
  // Same item and words: keep the previous object, so effects keyed on it do not run again.
  return useStable(item);
}

function useStable(item: SpotlightItem | null | undefined): SpotlightItem | null | undefined {
  const [kept, setKept] = useState(item);
  const same = kept === item || (!!kept && !!item && JSON.stringify(kept) === JSON.stringify(item));
  useEffect(() => {
    if (!same) setKept(item);
  }, [same, item]);
  return same ? kept : item;
}
