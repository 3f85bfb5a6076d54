/**
 * The cheapest receiver the bench has: a y-websocket client on a bare TCP
 * socket. The handshake is `node:http`'s upgrade; after it the server's frames
 * are read straight off the socket (ws-frames.ts), many per `data` event, and
 * an update's edit markers are scanned in place, without a Yjs transaction
 * and without a `ws` message event per frame. Hundreds of these fit on one
 * client core where ProtoClient receivers (applying or not) saturate it, so
 * the server's own ceiling can show (bench/scenarios/floor.ts).
 *
 * It is still an honest client: it syncs (sync step 1, and applies the
 * server's sync-step-2 answer into its own Y.Doc, so its edits are valid
 * for our server's update guard), answers the server's sync step 1 and its
 * pings, masks what it sends and writes as its seat. Remote updates are not
 * applied (as ProtoClient with `applyRemote: false`).
 */
import http from 'node:http';
import type net from 'node:net';
import * as Y from 'yjs';
import { Board } from '../../src/model/board.ts';
import type { RefusalReason } from '../../src/model/protocol.ts';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2 } from '../../src/model/wire.ts';
import { now } from './edits.ts';
import { sendChange } from './proto-client.ts';
import {
  acceptFor,
  clientFrame,
  closePayload,
  FrameError,
  FrameReader,
  handshakeKey,
  OPCODE,
  WS_CLOSE,
} from './ws-frames.ts';

export type RawWireClientOptions = {
  /** Sync params: a seat (`seat`, `secret`) to write as, or the facilitator's `key`. */
  params?: Record<string, string>;
  /**
   * Told about every remote update. `receivedAt` is the time (now() clock)
   * the socket read that carried it was handled: every frame of one read
   * arrived together, so the clock is read once per read, not per frame.
   */
  onUpdate?: (update: Uint8Array, receivedAt: number) => void;
};

/** The server's origin for the sync answer applied into our document. */
const REMOTE = Symbol('remote');
const WEBSOCKET_VERSION = '13';

export class RawWireClient {
  readonly doc = new Y.Doc();
  readonly board = new Board(this.doc);
  /** Resolves when the server's sync-step-2 answer has been applied; rejects if the connection ends first. */
  readonly synced: Promise<void>;
  /** Resolves with the close code once the connection is over (1006 when it ended without a close frame). */
  readonly closed: Promise<number>;
  closeCode: number | null = null;
  /** The HTTP status of a refused upgrade (the server answered instead of switching protocols). */
  refusedWithStatus: number | null = null;
  /** Update messages received (the count the bench's messages-per-client figure reads). */
  updatesReceived = 0;
  /** Every binary message received, updates or not. */
  messagesReceived = 0;
  pingsAnswered = 0;
  /** Updates the server refused ("permission denied" auth messages), with the rule it named. */
  readonly refusals: RefusalReason[] = [];
  private readonly request: http.ClientRequest;
  private socket: net.Socket | null = null;
  private readonly reader = new FrameReader((opcode, payload) => this.frame(opcode, payload));
  private readonly onUpdate: RawWireClientOptions['onUpdate'];
  /** The time of the read being handled, read from the clock at most once per read. */
  private readAt = 0;
  private onSynced: () => void = () => {};
  private onClosed: (code: number) => void = () => {};
  private closing = false;

  constructor(serverUrl: string, room: string, options: RawWireClientOptions = {}) {
    this.onUpdate = options.onUpdate;
    const query = new URLSearchParams(options.params ?? {}).toString();
    const url = new URL(`${serverUrl}/${room}${query ? `?${query}` : ''}`);
    this.closed = new Promise((resolve) => (this.onClosed = resolve));
    this.synced = new Promise((resolve, reject) => {
      this.onSynced = resolve;
      void this.closed.then((code) => reject(new Error(`connection ended with ${code} before sync`)));
    });
    this.synced.catch(() => {});
    const key = handshakeKey();
    this.request = http.request({
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      // A socket of its own: the agent's pool is for requests that end, not for hundreds of upgrades.
      agent: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Version': WEBSOCKET_VERSION,
      },
    });
    this.request.on('upgrade', (response, socket, head) => this.opened(socket, key, response, head));
    this.request.on('response', (response) => {
      this.refusedWithStatus = response.statusCode ?? 0;
      response.resume();
      this.ended(WS_CLOSE.abnormal);
    });
    this.request.on('error', () => this.ended(WS_CLOSE.abnormal));
    this.request.end();
  }

  /** Makes a local change and sends it, as ProtoClient does. */
  write(change: () => void): void {
    sendChange(this.doc, change, (frame) => this.send(OPCODE.binary, frame));
  }

  /** Drops the connection at once (no close handshake), as `ws.terminate()` does. */
  close(): void {
    this.request.destroy();
    this.socket?.destroy();
    this.ended(WS_CLOSE.abnormal);
    this.doc.destroy();
  }

  /** Starts the close handshake with `code`; `closed` resolves when the server has answered. */
  closeWith(code: number): void {
    if (this.closing || !this.socket) return;
    this.closing = true;
    this.socket.write(clientFrame(OPCODE.close, closePayload(code)));
  }

  private opened(socket: net.Socket, key: string, response: http.IncomingMessage, head: Buffer): void {
    this.socket = socket;
    socket.on('error', () => {});
    socket.on('close', () => this.ended(WS_CLOSE.abnormal));
    if (response.headers['sec-websocket-accept'] !== acceptFor(key)) {
      socket.destroy();
      return;
    }
    // Edits are small and latency is what is measured: no Nagle delay, as ws sets too.
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.send(OPCODE.binary, encodeSyncStep1(this.doc));
    if (head.length > 0) this.read(head);
  }

  private read(chunk: Buffer): void {
    this.readAt = 0;
    try {
      this.reader.push(chunk);
    } catch (error) {
      // A broken frame (FrameError) or a message that is not y-websocket (WireError from decodeMessage).
      this.fail(error instanceof FrameError ? error.closeCode : WS_CLOSE.protocolError);
    }
  }

  private frame(opcode: number, payload: Buffer): void {
    if (opcode === OPCODE.binary) this.message(payload);
    else if (opcode === OPCODE.ping) {
      this.send(OPCODE.pong, payload);
      this.pingsAnswered++;
    } else if (opcode === OPCODE.close) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : WS_CLOSE.noStatus;
      this.reader.stop();
      // Answer the close (RFC 6455 §5.5.1) unless we started it, then let the server end the TCP connection.
      if (!this.closing) this.socket?.write(clientFrame(OPCODE.close, payload.subarray(0, 2)));
      this.closing = true;
      this.socket?.end();
      this.ended(code);
    }
    // Pongs and text frames mean nothing to a y-websocket client.
  }

  private message(payload: Buffer): void {
    this.messagesReceived++;
    const message = decodeMessage(payload);
    if (message.type === 'update') {
      this.updatesReceived++;
      if (this.onUpdate) {
        if (this.readAt === 0) this.readAt = now();
        this.onUpdate(message.update, this.readAt);
      }
    } else if (message.type === 'syncStep1') {
      this.send(OPCODE.binary, encodeSyncStep2(this.doc, message.stateVector));
    } else if (message.type === 'syncStep2') {
      Y.applyUpdate(this.doc, message.update, REMOTE);
      this.onSynced();
    } else if (message.type === 'auth' && message.refusal) {
      this.refusals.push(message.refusal);
    }
    // Presence is not modelled here.
  }

  /** A frame the server should not have sent: close with `code` and stop reading. */
  private fail(code: number): void {
    this.reader.stop();
    this.closeWith(code);
    this.socket?.end();
    this.ended(code);
  }

  private send(opcode: number, payload: Uint8Array): void {
    if (this.socket && !this.closing && this.socket.writable) this.socket.write(clientFrame(opcode, payload));
  }

  private ended(code: number): void {
    if (this.closeCode !== null) return;
    this.closeCode = code;
    this.reader.stop();
    this.onClosed(code);
  }
}
