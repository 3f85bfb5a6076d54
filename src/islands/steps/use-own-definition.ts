/**
 * A participant's own definition on a define step. Before the reveal it lives
 * in the seat's private document, which only this person's devices and the
 * server hold (so it survives a closed laptop and a change of device, and no
 * other screen receives it); at the reveal the server publishes it to the
 * board. After the reveal it is changed on the board directly.
 */
import { useEffect, useMemo } from 'react';
import type { Define } from '../../model/define.ts';
import type { OwnDefinitionValue } from '../../model/schema.ts';
import { SeatDoc } from '../../model/seat-doc.ts';
import { useShared } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

export type OwnDefinitionHandle = {
  /** The private text in the seat ('' when nothing is written yet). */
  stored: string;
  /** What everyone sees, once published. */
  published: OwnDefinitionValue | undefined;
  /** Keeps the text: in the seat before the reveal, on the board after; false when there is nowhere to keep it yet. */
  keep: (text: string) => boolean;
  /** True while the seat's document has not arrived (nothing can be kept yet). */
  storageFailed: boolean;
};

type Options = {
  connection: RoomConnection;
  stepId: string;
  define: Define;
  author: { id: string; name: string | null };
  revealed: boolean;
};

export function useOwnDefinition({ connection, stepId, define, author, revealed }: Options): OwnDefinitionHandle {
  const seatDoc = connection.seatDoc;
  const seat = useMemo(() => (seatDoc ? new SeatDoc(seatDoc) : null), [seatDoc]);
  const stored = useShared([seat?.ownDefinitionsMap()], () => seat?.ownDefinition(stepId)?.text ?? '');
  const published = useShared([define.ownDefinitionsMap(stepId)], () => define.ownDefinition(stepId, author.id));

  useEffect(() => {
    // The definition is published with the name its writer goes by at the reveal, not when it was typed.
    const kept = seat?.ownDefinition(stepId);
    if (!revealed && kept && kept.name !== author.name) seat?.setOwnDefinition(stepId, kept.text, author.name);
  }, [seat, stepId, revealed, author.name, stored]);

  const keep = (text: string): boolean => {
    if (revealed) return define.publishOwn(stepId, author, text) !== null;
    if (!seat) return false;
    seat.setOwnDefinition(stepId, text, author.name);
    return true;
  };

  return { stored, published, keep, storageFailed: !revealed && seat === null };
}
