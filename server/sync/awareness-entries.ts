/**
 * The awareness update format (y-protocols): a count, then per client its
 * id, clock and state as a JSON string. Decoded here so the server can look
 * at each entry before it reaches the room's awareness.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type AwarenessEntry = { clientId: number; clock: number; state: string };

export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      state: decoding.readVarString(decoder),
    });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return encoding.encode((encoder) => {
    encoding.writeVarUint(encoder, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(encoder, entry.clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.state);
    }
  });
}

/** A removal: the client left. */
export const isRemoval = (entry: AwarenessEntry) => entry.state === 'null';
