/**
 * Accepts WebSocket upgrades on /sync/..., and keeps the set of open sync
 * connections: who is let in is admission.ts's, the life of one socket
 * socket-loop.ts's, the rule table on a writer rule-guard.ts's. This class
 * joins them and closes the connections that a registry event or shutdown
 * leaves behind. Refusals complete the upgrade and then close with a code
 * and reason, because browsers cannot read an HTTP refusal.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { SYNC_PATH_PREFIX, type CloseCodeName } from '../../src/model/protocol.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import type { Limits } from '../config.ts';
import { Emitter } from '../emitter.ts';
import type { Logger } from '../log.ts';
import { decideAccess, type GrantedAccess } from '../rooms/access.ts';
import type { LiveDoc } from '../rooms/live-doc.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { SocketAdmission } from './admission.ts';
import type { SyncConnection } from './connection.ts';
import { holdRules, type RuleHold } from './rule-guard.ts';
import { closeSocket, openConnection, type SocketLoopOptions } from './socket-loop.ts';

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
  private readonly admission: SocketAdmission;
  private readonly loop: SocketLoopOptions;
  /** Unsubscribes from the registry's events. */
  private readonly unfollow: () => void;
  /** Set by `stopInput` (shutdown): no new socket is taken and no frame is read any more. */
  private inputStopped = false;

  constructor(options: SyncServerOptions) {
    super();
    this.options = options;
    const { limits } = options;
    this.admission = new SocketAdmission(options);
    this.loop = { logger: options.logger, limits, inputStopped: () => this.inputStopped };
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
    const refusal = this.inputStopped ? 'serverRestarting' : this.admission.refusalOf(request);
    const serveHere = () =>
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        ws.once('close', (code) => this.emit('socketClosed', code));
        // Shutdown may have begun while the handshake completed (or while the owner was looked up).
        const why = this.inputStopped ? 'serverRestarting' : refusal;
        if (why) closeSocket(ws, why);
        else this.accept(ws, url, this.admission.addressOf(request));
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
    for (const connection of this.connections) closeSocket(connection.socket, code);
  }

  /** Disconnects every client of a document (after a storage failure) so they resend on reconnect. */
  dropDocument(live: LiveDoc): void {
    for (const connection of [...this.connections]) {
      if (connection.live === live) closeSocket(connection.socket, 'storageFailure');
    }
  }

  /** After the participant link was replaced: everyone but the facilitator must rejoin with the new link. */
  revokeGuests(room: string): void {
    for (const connection of [...this.connections]) {
      if (connection.live.room === room && connection.role !== 'facilitator')
        closeSocket(connection.socket, 'inviteRevoked');
    }
  }

  /** After a seat moved to another device: the old device's connections close with "unknown seat". */
  closeSeat(room: string, seat: string): void {
    for (const connection of [...this.connections]) {
      if (connection.live.room === room && connection.seat === seat) closeSocket(connection.socket, 'unknownSeat');
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
    for (const connection of [...this.connections])
      if (connection.live.room === room) closeSocket(connection.socket, code);
  }

  get size(): number {
    return this.connections.size;
  }

  /** Runs a socket whose request was admitted: access, a place on its document, the rule table, then the protocol loop. */
  private accept(ws: WebSocket, url: URL, address: string): void {
    ws.on('error', (error) => this.options.logger.info('socket_error', { error: error.message }));
    const { registry, logger } = this.options;
    const storageFailed = (error: unknown) => {
      logger.error('connection_storage_failure', { path: url.pathname, error: String(error) });
      closeSocket(ws, 'storageFailure');
    };
    let access: GrantedAccess;
    let live: LiveDoc;
    // Storage can fail here (a damaged page, files gone): only this socket is closed, never the process.
    try {
      const decided = decideAccess(url, {
        getRoom: (id) => registry.getRoom(id),
        verifySeat: (room, seat, secret) => registry.verifySeat(room, seat, secret),
      });
      if (!decided.ok) {
        closeSocket(ws, decided.refusal);
        return;
      }
      access = decided;
      live = registry.acquire(access.room.id, access.doc);
    } catch (error) {
      storageFailed(error);
      return;
    }
    const full = this.admission.enter(live, address);
    if (full) {
      closeSocket(ws, full);
      registry.release(live);
      return;
    }
    let rules: RuleHold | null;
    try {
      rules = holdRules(registry, this.options.workshops, access, live);
    } catch (error) {
      storageFailed(error);
      this.admission.leave(live, address);
      registry.release(live);
      return;
    }
    const connection = openConnection(ws, live, access, rules?.guard ?? null, this.loop, () => {
      this.connections.delete(connection);
      this.admission.leave(live, address);
      registry.release(live);
      rules?.release();
    });
    this.connections.add(connection);
    connection.start();
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
