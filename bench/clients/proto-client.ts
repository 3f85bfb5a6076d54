/**
 * A light y-websocket client for hundreds of connections: `ws`, y-protocols'
 * sync messages and lib0 encoding, no awareness and no reconnects. It still
 * keeps its own Y.Doc and applies every update it receives.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { Board } from '../../src/model/board.ts';
import { now } from './edits.ts';
import type { SeatGrant } from '../../src/model/protocol.ts';
import { seatQuery } from './seats.ts';

const MESSAGE_SYNC = 0;
const REMOTE = Symbol('remote');

export type ProtoClientOptions = {
  /** Keep the sync-step-2 payload and apply it on `applyDeferred()`, so a join storm measures the server. */
  deferApply?: boolean;
  /** The seat it writes as (our server); readers and the reference server's clients have none. */
  seat?: SeatGrant | null;
};

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
    this.ws = new WebSocket(`${serverUrl}/${room}${seatQuery(options.seat)}`, { perMessageDeflate: false });
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
    this.ws.on('open', () => this.sendSync(syncProtocol.writeSyncStep1, this.doc));
    this.ws.on('message', (data: Buffer) =>
      this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    );
  }

  /**
   * Makes a local change and sends it. The 'update' listener is attached only
   * for the change: while a Y.Doc has one, Yjs encodes every transaction,
   * remote ones included, at a cost that grows with the room; hundreds of
   * replicas on one client core would measure that instead of the server.
   */
  write(change: () => void): void {
    this.doc.on('update', this.sendLocal);
    try {
      change();
    } finally {
      this.doc.off('update', this.sendLocal);
    }
  }

  private readonly sendLocal = (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) this.sendSync(syncProtocol.writeUpdate, update);
  };

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

  private receive(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // presence is not modelled here
    const subtype = decoding.readVarUint(decoder);
    if (subtype === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      this.sendSync(syncProtocol.writeSyncStep2, this.doc, stateVector);
    } else if (subtype === syncProtocol.messageYjsSyncStep2) {
      const update = decoding.readVarUint8Array(decoder);
      if (this.receivedAt === 0) {
        this.receivedAt = now();
        this.onReceived();
      }
      this.stateBytes = update.byteLength;
      if (this.options.deferApply && this.syncedAt === 0) {
        this.deferred = update;
        return;
      }
      Y.applyUpdate(this.doc, update, REMOTE);
      if (this.syncedAt === 0) {
        this.syncedAt = now();
        this.onSynced();
      }
    } else if (subtype === syncProtocol.messageYjsUpdate) {
      this.updatesReceived++;
      Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), REMOTE);
    }
  }

  private sendSync<A extends unknown[]>(write: (encoder: encoding.Encoder, ...args: A) => void, ...args: A): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    write(encoder, ...args);
    this.ws.send(encoding.toUint8Array(encoder));
  }
}
