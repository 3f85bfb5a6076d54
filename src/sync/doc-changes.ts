/** A hook that follows whole documents rather than single shared types. */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A number that grows with every change to any of the documents (local or
 * remote), so a view derived from everything in them (the export model) can
 * be recomputed with `useMemo` keyed on it.
 */
export function useDocChanges(docs: readonly (Y.Doc | null | undefined)[]): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const live = docs.filter((doc): doc is Y.Doc => Boolean(doc));
    const bump = () => setVersion((v) => v + 1);
    for (const doc of live) doc.on('update', bump);
    // A change between the first render and this effect would otherwise be missed.
    bump();
    return () => {
      for (const doc of live) doc.off('update', bump);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, docs);
  return version;
}
