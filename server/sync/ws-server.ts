/**
 * Accepts WebSocket upgrades on /sync/..., decides access, and runs one
 * SyncConnection per socket. Refusals complete the upgrade and then close
 * with a code and reason, because browsers cannot read an HTTP refusal.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CLOSE_CODES, CLOSE_REASONS, SYNC_PATH_PREFIX, type CloseCodeName } from '../../src/model/protocol.ts';
import type { Limits } from '../config.ts';
import { Emitter } from '../emitter.ts';
import { clientAddress, originAllowed } from '../net/client-address.ts';
import { isForgedForward } from '../cluster/inbound-gate.ts';
import type { Logger } from '../log.ts';
import { AddressPlaces } from '../net/address-places.ts';
import { KeyedRateLimiter, TokenBucket } from '../net/rate-limit.ts';
import { decideAccess, type Access } from '../rooms/access.ts';
import { checkBoardUpdate, checkSeatUpdate } from '../rooms/update-guard.ts';
import { Control } from '../../src/model/control.ts';
import type { RoomId } from '../../src/model/ids.ts';
import { cachedRoomView } from '../../src/model/room-view.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import type { LiveDoc, Peer } from '../rooms/live-doc.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { ProtocolError, SyncConnection, type UpdateGuard } from './connection.ts';

export type SyncServerOptions = {
  registry: RoomRegistry;
  logger: Logger;
  limits: Limits;
  allowedOrigins: readonly string[];
  trustProxy: boolean;
  pingIntervalMs: number;
  /** The installed workshops: the rule table needs the room's steps. */
  workshops: ReadonlyMap<string, Workshop>;
  /**
   * Several servers (server/cluster/): true when the upgrade was taken over,
   * relayed to the room's owner; `serveHere` runs when it should be served here after all.
   */
  relay?: (request: http.IncomingMessage, socket: Duplex, head: Buffer, serveHere: () => void) => boolean;
};

export type SyncEvents = {
  /** A sync socket closed with `code` (for the metrics). */
  socketClosed: [code: number];
};

export class SyncServer extends Emitter<SyncEvents> {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<SyncConnection>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly options: SyncServerOptions;
  private readonly perIp: KeyedRateLimiter;
  private readonly accepts: TokenBucket;
  private readonly places: AddressPlaces<LiveDoc>;
  /** Unsubscribes from the registry's events. */
  private readonly unfollow: () => void;
  /** Set by `stopInput` (shutdown): no new socket is taken and no frame is read any more. */
  private inputStopped = false;

  constructor(options: SyncServerOptions) {
    super();
    this.options = options;
    const { limits } = options;
    this.perIp = new KeyedRateLimiter(limits.connectionBurstPerIp, limits.connectionRatePerIpPerSec);
    this.accepts = new TokenBucket(limits.acceptBurst, limits.acceptRatePerSec);
    this.places = new AddressPlaces(limits.maxClientsPerAddressPerRoom);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
    this.pingTimer = setInterval(this.pingAll, options.pingIntervalMs);
    this.pingTimer.unref();
    this.unfollow = this.follow(options.registry);
  }

  /** The clients each registry event leaves behind are closed, with the code that tells them why. */
  private follow(registry: RoomRegistry): () => void {
    const unsubscribe = [
      registry.on('documentFailed', (live) => this.dropDocument(live)),
      registry.on('roomLost', (room) => this.closeRoom(room, 'serverRestarting')),
      registry.on('roomDeleted', (room) => this.closeRoom(room, 'unknownRoom')),
      registry.on('linkReplaced', (room) => this.revokeGuests(room)),
      registry.on('seatMoved', (room, seat) => this.closeSeat(room, seat)),
      registry.on('seatRemoved', (room, seat) => this.closeSeat(room, seat)),
    ];
    return () => unsubscribe.forEach((off) => off());
  }

  /** True when the request was ours to handle. */
  handleUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== SYNC_PATH_PREFIX && !url.pathname.startsWith(`${SYNC_PATH_PREFIX}/`)) return false;
    socket.on('error', () => socket.destroy());
    const refusal = this.admissionRefusal(request);
    const serveHere = () =>
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        ws.once('close', (code) => this.emit('socketClosed', code));
        // Shutdown may have begun while the handshake completed (or while the owner was looked up).
        const why = this.inputStopped ? 'serverRestarting' : refusal;
        if (why) close(ws, why);
        else this.accept(ws, url, clientAddress(request, this.options.trustProxy));
      });
    if (refusal || !this.options.relay?.(request, socket, head, serveHere)) serveHere();
    return true;
  }

  /**
   * Shutdown's first step: new sockets are turned away with "server
   * restarting" and frames that still arrive are not read. A client's update
   * dropped here was never acknowledged (nothing is sent before it is stored),
   * so the client sends it again to the next process.
   */
  stopInput(): void {
    this.inputStopped = true;
  }

  /** Closes every client with "server restarting", so they reconnect to the next process. */
  closeAll(code: CloseCodeName = 'serverRestarting'): void {
    this.stopInput();
    this.unfollow();
    clearInterval(this.pingTimer);
    this.disconnectAll(code);
    this.wss.close();
  }

  /** Closes every client connection and keeps accepting new ones (a network drop, as the clients see it). */
  disconnectAll(code: CloseCodeName = 'serverRestarting'): void {
    for (const connection of this.connections) close(connection.socket, code);
  }

  /** Disconnects every client of a document (after a storage failure) so they resend on reconnect. */
  dropDocument(live: LiveDoc): void {
    for (const connection of [...this.connections]) {
      if (connection.live === live) close(connection.socket, 'storageFailure');
    }
  }

  /** After the participant link was replaced: everyone but the facilitator must rejoin with the new link. */
  revokeGuests(room: string): void {
    for (const connection of [...this.connections]) {
      if (connection.live.room === room && connection.role !== 'facilitator') close(connection.socket, 'inviteRevoked');
    }
  }

  /** After a seat moved to another device: the old device's connections close with "unknown seat". */
  closeSeat(room: string, seat: string): void {
    for (const connection of [...this.connections]) {
      if (connection.live.room === room && connection.seat === seat) close(connection.socket, 'unknownSeat');
    }
  }

  /** The seats some device holds a connection as, in one pass over the connections. */
  onlineSeats(room: string): Set<string> {
    const seats = new Set<string>();
    for (const connection of this.connections) {
      if (connection.live.room === room && connection.seat) seats.add(connection.seat);
    }
    return seats;
  }

  /** Closes every connection to a room, the facilitator's too (the room was deleted). */
  closeRoom(room: string, code: CloseCodeName): void {
    for (const connection of [...this.connections]) if (connection.live.room === room) close(connection.socket, code);
  }

  get size(): number {
    return this.connections.size;
  }

  /** Checks that need only the request: origin, and how fast this address and everyone are connecting. */
  private admissionRefusal(request: http.IncomingMessage): CloseCodeName | null {
    if (this.inputStopped) return 'serverRestarting';
    // A client posing as a cluster peer (forwarding headers without a valid signature, server/cluster/).
    if (isForgedForward(request)) return 'forbidden';
    if (!originAllowed(request, this.options.allowedOrigins)) return 'originNotAllowed';
    // Shedding load early keeps a reconnect storm from starving the clients already in.
    if (!this.accepts.take()) return 'rateLimited';
    if (this.perIp.check(clientAddress(request, this.options.trustProxy)) > 0) return 'rateLimited';
    return null;
  }

  private accept(ws: WebSocket, url: URL, address: string): void {
    ws.on('error', (error) => this.options.logger.info('socket_error', { error: error.message }));
    const { registry } = this.options;
    let access: Access;
    let live: LiveDoc;
    // Storage can fail here (a damaged page, files gone): only this socket is closed, never the process.
    try {
      access = decideAccess(url, {
        getRoom: (id) => registry.getRoom(id),
        verifySeat: (room, seat, secret) => registry.verifySeat(room, seat, secret),
      });
      if (!access.ok) {
        close(ws, access.refusal);
        return;
      }
      live = registry.acquire(access.room.id, access.doc);
    } catch (error) {
      this.options.logger.error('connection_storage_failure', { path: url.pathname, error: String(error) });
      close(ws, 'storageFailure');
      return;
    }
    ws.binaryType = 'nodebuffer';
    const { limits } = this.options;
    if (connectionsOf(live) >= limits.maxClientsPerRoom) {
      close(ws, 'roomFull');
      this.options.registry.release(live);
      return;
    }
    if (!this.places.take(live, address)) {
      close(ws, 'addressFull');
      this.options.registry.release(live);
      return;
    }
    // The rules of the board and of seats read the room's control document: it stays loaded while they have writers.
    const guarded = access.writable && access.kind !== 'control';
    let control: { live: LiveDoc; release: () => void } | null = null;
    try {
      control = guarded ? this.holdControl(access.room.id) : null;
    } catch (error) {
      this.options.logger.error('connection_storage_failure', { path: url.pathname, error: String(error) });
      close(ws, 'storageFailure');
      registry.release(live);
      return;
    }
    const logger = this.options.logger;
    const connection = new SyncConnection(
      ws,
      live,
      access.role,
      access.seat,
      access.writable,
      {
        maxAwarenessBytes: limits.maxAwarenessBytes,
        maxAwarenessClients: limits.maxPresenceClientsPerConnection,
        maxSocketBufferBytes: limits.maxSocketBufferBytes,
        slowReaderGraceMs: limits.slowReaderGraceMs,
        refusalBurst: limits.refusalBurst,
        refusalRatePerSec: limits.refusalRatePerSec,
      },
      new TokenBucket(limits.messageBurst, limits.messageRatePerSec),
      control ? this.guardFor(access, live, control.live) : null,
      (refusal) =>
        logger.info('update_refused', { room: access.room.id, seat: access.seat, role: access.role, ...refusal }),
    );
    connection.onSlowReader = () => {
      this.options.logger.info('connection_closed', { code: 'slowReader', buffered: ws.bufferedAmount });
      close(ws, 'slowReader');
      // The close frame waits behind what the client does not read; its buffers are freed regardless.
      setTimeout(() => ws.terminate(), this.options.limits.slowReaderCloseWaitMs).unref();
    };
    live.peers.add(connection);
    this.connections.add(connection);

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (this.inputStopped) return;
      if (!isBinary) {
        close(ws, 'protocolError');
        return;
      }
      try {
        connection.receive(toBytes(data));
      } catch (error) {
        if (error instanceof ProtocolError) {
          this.options.logger.info('connection_closed', { code: error.closeCode, reason: error.message });
          close(ws, error.closeCode);
        } else {
          this.options.logger.error('sync_error', { error: String(error) });
          close(ws, 'protocolError');
        }
      }
    });
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('close', () => {
      this.connections.delete(connection);
      this.places.release(live, address);
      live.removePeer(connection);
      this.options.registry.release(live);
      control?.release();
    });
    connection.start();
  }

  /** Keeps a room's control document loaded (a silent peer) until `release`. */
  private holdControl(room: RoomId): { live: LiveDoc; release: () => void } {
    const live = this.options.registry.acquire(room, 'control');
    const holder: Peer = { send() {}, awarenessClients: new Set() };
    live.peers.add(holder);
    return {
      live,
      release: () => {
        live.peers.delete(holder);
        this.options.registry.release(live);
      },
    };
  }

  /** The rule table applied to one writer's updates of a board. */
  /** The rule table applied to one writer's updates of the board or of its seat's document. */
  private guardFor(access: Extract<Access, { ok: true }>, live: LiveDoc, control: LiveDoc): UpdateGuard {
    const workshop = this.options.workshops.get(access.room.workshop);
    const writer = { role: access.role, seat: access.seat };
    const check = access.kind === 'seat' ? checkSeatUpdate : checkBoardUpdate;
    if (!workshop)
      return () => ({ ok: false, rule: 'not_allowed', message: 'the workshop of this room is not installed' });
    const view = cachedRoomView(workshop, new Control(control.doc), access.anonKey);
    return (update) => check(live.doc, update, writer, view());
  }

  private readonly pingAll = () => {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  };
}

function close(ws: WebSocket, name: CloseCodeName): void {
  if (ws.readyState === ws.CLOSED || ws.readyState === ws.CLOSING) return;
  ws.close(CLOSE_CODES[name], CLOSE_REASONS[name]);
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Sockets on a document; the silent peers that keep a control document loaded for the board's rules do not count. */
function connectionsOf(live: LiveDoc): number {
  let count = 0;
  for (const peer of live.peers) if (peer instanceof SyncConnection) count++;
  return count;
}
