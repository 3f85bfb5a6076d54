/**
 * A participant's own definition on a define step. Before the reveal it lives
 * only in this device's private drafts (one draft per person); once the
 * facilitator reveals the step, this device publishes it to the board itself.
 * Nothing of the text, not even its length, reaches the network before that.
 */
import { useEffect, useState } from 'react';
import { definitionToPublish, type Define } from '../../model/define.ts';
import type { OwnDefinitionValue } from '../../model/schema.ts';
import { useShared } from '../../sync/hooks.ts';
import { usePrivateDrafts } from '../../sync/private-drafts.ts';

export type OwnDefinitionHandle = {
  /** The text kept on this device ('' when nothing is written yet). */
  stored: string;
  /** What everyone sees, once published. */
  published: OwnDefinitionValue | undefined;
  /** Keeps the text on this device; false when the device refused to store it. */
  keep: (text: string) => boolean;
  storageFailed: boolean;
};

type Options = {
  room: string;
  stepId: string;
  define: Define;
  author: { id: string; name: string | null };
  revealed: boolean;
  /** Only a participant's own browser publishes; the facilitator and projector write no definition. */
  publishes: boolean;
};

export function useOwnDefinition({ room, stepId, define, author, revealed, publishes }: Options): OwnDefinitionHandle {
  const drafts = usePrivateDrafts(room, stepId);
  const [storageFailed, setStorageFailed] = useState(false);
  const draft = drafts.drafts[0];
  const stored = draft?.text ?? '';
  const published = useShared([define.ownDefinitionsMap(stepId)], () => define.ownDefinition(stepId, author.id));

  useEffect(() => {
    // The only place a definition leaves the device: after the reveal, from its writer's own browser.
    if (!publishes || !revealed) return;
    const text = definitionToPublish(stored, published);
    if (text) define.publishOwn(stepId, author, text);
  }, [publishes, revealed, stored, published, define, stepId, author]);

  const keep = (text: string): boolean => {
    try {
      if (draft) drafts.update(draft.id, text);
      else drafts.add(text);
      setStorageFailed(false);
      return true;
    } catch {
      setStorageFailed(true);
      return false;
    }
  };

  return { stored, published, keep, storageFailed };
}
