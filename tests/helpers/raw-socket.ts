/** Raw y-websocket frames for hostile-client tests: a socket, and readers for what the server sends. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import type { RefusalReason } from '../../src/model/protocol.ts';

export type RawSocket = ReturnType<typeof rawSocket>;

/** A socket that records refusals (auth "permission denied") and presence states it receives. */
export function rawSocket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  ws.binaryType = 'nodebuffer';
  ws.on('error', () => {});
  const refusals: RefusalReason[] = [];
  /** Presence messages received, each as the entries it carried. */
  const presence: { clientId: number; state: unknown }[][] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === 2 && decoding.readVarUint(decoder) === 0) {
      refusals.push(JSON.parse(decoding.readVarString(decoder)) as RefusalReason);
    } else if (type === 1) {
      presence.push(readPresence(decoding.readVarUint8Array(decoder)));
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  return { ws, opened, closed, refusals, presence };
}

function readPresence(update: Uint8Array): { clientId: number; state: unknown }[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: { clientId: number; state: unknown }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    entries.push({ clientId, state: JSON.parse(decoding.readVarString(decoder)) });
  }
  return entries;
}

/** A presence message for `clientId` with any state and clock the sender likes. */
export function presenceFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(
      e,
      encoding.encode((inner) => {
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, clientId);
        encoding.writeVarUint(inner, clock);
        encoding.writeVarString(inner, JSON.stringify(state));
      }),
    );
  });
}

/** A Yjs update message (or, with `framed` false, the bare update) that writes one map entry of `bytes` characters. */
export function bulkUpdate(bytes: number, key = 'bulk', framed = true): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('stuffing').set(key, 'x'.repeat(bytes));
  if (!framed) return update;
  return encoding.encode((e) => {
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
  });
}

/** Sync step 1 with any state vector. */
export function syncRequest(stateVector: Uint8Array): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** A state vector naming a client the document never saw. */
export function madeUpStateVector(client = 424242, clock = 7): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
  });
}
