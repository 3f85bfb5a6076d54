/**
 * A light y-websocket client for hundreds of connections: `ws`, y-protocols'
 * sync messages and lib0 encoding, no awareness and no reconnects. It still
 * keeps its own Y.Doc and applies every update it receives.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { Board } from '../../src/model/board.ts';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdateMessage } from '../../src/model/wire.ts';
import { now } from './edits.ts';

const REMOTE = Symbol('remote');

export type ProtoClientOptions = {
  /** Keep the sync-step-2 payload and apply it on `applyDeferred()`, so a join storm measures the server. */
  deferApply?: boolean;
  /** Sync params: a seat (`seat`, `secret`) to write as, or the facilitator's `key`. */
  params?: Record<string, string>;
  /**
   * False: a wire-level receiver. Remote updates are handed to `onUpdate`
   * and not applied (the initial state still is, so the client's own edits
   * stay valid): for measuring the server with more receivers than one
   * client core could run as full Yjs replicas.
   */
  applyRemote?: boolean;
  /** Told about every remote update message as it arrives. */
  onUpdate?: (update: Uint8Array) => void;
};

/**
 * Runs `change` on `doc` and sends every update it makes. The 'update'
 * listener is attached only for the change: while a Y.Doc has one, Yjs
 * encodes every transaction, remote ones included, at a cost that grows with
 * the room; hundreds of replicas on one client core would measure that
 * instead of the server.
 */
export function sendChange(doc: Y.Doc, change: () => void, send: (frame: Uint8Array) => void): void {
  const listener = (update: Uint8Array) => send(encodeUpdateMessage(update));
  doc.on('update', listener);
  try {
    change();
  } finally {
    doc.off('update', listener);
  }
}

export class ProtoClient {
  readonly doc = new Y.Doc();
  readonly board = new Board(this.doc);
  readonly ws: WebSocket;
  readonly startedAt = now();
  /** When the server's full answer to our sync request had arrived. */
  receivedAt = 0;
  /** When that answer was applied: the client is synced. */
  syncedAt = 0;
  stateBytes = 0;
  closeCode: number | null = null;
  /** Update messages received (each one Yjs transaction on this client). */
  updatesReceived = 0;
  readonly synced: Promise<void>;
  /** Resolves when the server's answer to our sync request has arrived (applied or not). */
  readonly received: Promise<void>;
  private onReceived: () => void = () => {};
  private onSynced: () => void = () => {};
  private deferred: Uint8Array | null = null;
  private readonly options: ProtoClientOptions;

  constructor(serverUrl: string, room: string, options: ProtoClientOptions = {}) {
    this.options = options;
    const query = new URLSearchParams(options.params ?? {}).toString();
    this.ws = new WebSocket(`${serverUrl}/${room}${query ? `?${query}` : ''}`, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.synced = new Promise((resolve, reject) => {
      this.ws.once('error', reject);
      this.ws.once('close', (code) => {
        this.closeCode = code;
        reject(new Error(`closed with ${code} before sync`));
      });
      this.onSynced = resolve;
    });
    this.received = new Promise((resolve, reject) => {
      this.onReceived = resolve;
      this.synced.catch(reject);
    });
    this.synced.catch(() => {});
    this.received.catch(() => {});
    this.ws.on('error', () => {});
    this.ws.on('open', () => this.send(encodeSyncStep1(this.doc)));
    this.ws.on('message', (data: Buffer) =>
      this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    );
  }

  /** Makes a local change and sends it (see `sendChange`). */
  write(change: () => void): void {
    sendChange(this.doc, change, (frame) => this.send(frame));
  }

  applyDeferred(): void {
    if (!this.deferred) return;
    Y.applyUpdate(this.doc, this.deferred, REMOTE);
    this.deferred = null;
    this.syncedAt = now();
    this.onSynced();
  }

  close(): void {
    this.ws.terminate();
    this.doc.destroy();
  }

  private receive(frame: Uint8Array): void {
    const message = decodeMessage(frame);
    if (message.type === 'syncStep1') {
      this.send(encodeSyncStep2(this.doc, message.stateVector));
    } else if (message.type === 'syncStep2') {
      if (this.receivedAt === 0) {
        this.receivedAt = now();
        this.onReceived();
      }
      this.stateBytes = message.update.byteLength;
      if (this.options.deferApply && this.syncedAt === 0) {
        this.deferred = message.update;
        return;
      }
      Y.applyUpdate(this.doc, message.update, REMOTE);
      if (this.syncedAt === 0) {
        this.syncedAt = now();
        this.onSynced();
      }
    } else if (message.type === 'update') {
      this.updatesReceived++;
      this.options.onUpdate?.(message.update);
      if (this.options.applyRemote !== false) Y.applyUpdate(this.doc, message.update, REMOTE);
    }
    // Presence and auth are not modelled here.
  }

  private send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }
}
