/** A real y-websocket `WebsocketProvider` in Node, as the browsers run it (with presence). */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Board } from '../../src/model/board.ts';
import type { SeatGrant } from '../../src/model/protocol.ts';
import { now } from './edits.ts';

export class ProviderClient {
  readonly doc = new Y.Doc();
  readonly board = new Board(this.doc);
  readonly provider: WebsocketProvider;
  readonly startedAt = now();
  syncedAt = 0;
  /** Not counted for providers (they parse messages themselves). */
  readonly updatesReceived = Number.NaN;
  readonly synced: Promise<void>;

  constructor(serverUrl: string, room: string, name: string, seat: SeatGrant | null = null) {
    this.provider = new WebsocketProvider(serverUrl, room, this.doc, {
      params: seat ? { seat: seat.seat, secret: seat.secret } : {},
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    this.provider.awareness.setLocalStateField('user', { id: name, name, role: 'participant' });
    this.synced = new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        this.syncedAt = now();
        this.provider.off('sync', onSync);
        resolve();
      };
      this.provider.on('sync', onSync);
    });
  }

  /** Makes a local change; the provider sends it. */
  write(change: () => void): void {
    change();
  }

  close(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
