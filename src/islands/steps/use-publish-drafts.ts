import { useEffect, useState } from 'react';
import type { DraftToPublish, PublishResult } from '../../model/notes.ts';

type Options = {
  /** True once this participant's drafts may leave the device: the step is revealed and the room is synced. */
  active: boolean;
  drafts: readonly DraftToPublish[];
  /** Changes when the board's notes change, so drafts left over at the limit are tried again when a place frees up. */
  boardVersion: unknown;
  publish: (drafts: readonly DraftToPublish[]) => PublishResult;
  /** Removes drafts that are on the board now (or were blank): the device keeps only what is still private. */
  forget: (ids: readonly string[]) => void;
  onPublished: (count: number) => void;
};

/**
 * Silent writing's hand-over: when the facilitator reveals the step, this
 * participant's own browser puts its drafts on the board, then forgets them.
 * Drafts the step's maximum leaves out stay private and are returned, so the
 * view can say why they did not appear.
 */
export function usePublishDrafts({ active, drafts, boardVersion, publish, forget, onPublished }: Options): string[] {
  const [overLimit, setOverLimit] = useState<string[]>([]);
  useEffect(() => {
    if (!active || drafts.length === 0) {
      setOverLimit((previous) => (previous.length === 0 ? previous : []));
      return;
    }
    const result = publish(drafts);
    const done = [...result.published, ...result.blank];
    if (done.length > 0) forget(done);
    if (result.published.length > 0) onPublished(result.published.length);
    setOverLimit(result.overLimit);
    // The callbacks are fresh each render; what matters is a change of state, drafts or board.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, drafts, boardVersion]);
  return overLimit;
}
