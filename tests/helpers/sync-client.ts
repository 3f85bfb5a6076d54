/** A y-websocket client in Node for protocol-level tests. */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Board } from '../../src/model/board.ts';
import { Control } from '../../src/model/control.ts';

export type SyncClient = ReturnType<typeof syncClient>;

/** The sync endpoint of a server reached at `httpUrl` (http://host:port), for `syncClient`. */
export const syncUrlOf = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/sync`;

export function syncClient(
  wsUrl: string,
  roomname: string,
  params: Record<string, string> = {},
  webSocket: typeof globalThis.WebSocket = WebSocket as unknown as typeof globalThis.WebSocket,
) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, roomname, doc, {
    WebSocketPolyfill: webSocket,
    params,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    board: new Board(doc),
    control: new Control(doc),
    closes,
    synced: new Promise<void>((resolve) => provider.once('sync', () => resolve())),
  };
}

/** Opens a raw socket and resolves with the close code and reason the server sends. */
export function closeOf(url: string, headers: Record<string, string> = {}): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('error', () => {});
  });
}

/**
 * A seat in `room`, issued by the server in process, as sync params plus the
 * ids a seated writer puts on what it writes (`seat` as author id, `anonKey`
 * for pseudonyms on anonymous steps).
 */
export function seatIn(
  server: { core: { registry: { issueSeat(room: never): { seat: string; secret: string; anonKey: string } } } },
  room: string,
) {
  const { seat, secret, anonKey } = server.core.registry.issueSeat(room as never);
  return { seat, secret, anonKey, params: { seat, secret } };
}
