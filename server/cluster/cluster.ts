/**
 * Any server accepts any socket and any room's API call (STORAGE=postgres with
 * CLUSTER_SECRET). A room is served by the one server holding its lease
 * (server/storage/pg-leases.ts); a socket or call for it that reaches another
 * server is passed on to the owner, found through the database (the lease's
 * owner, and its address in the nodes table, node-table.ts):
 *
 * - nobody holds the room: it is served here, and the claim makes it ours.
 * - another live server holds it: relayed there (socket-relay.ts, http-forward.ts),
 *   signed with the cluster secret and the client's address (forward-auth.ts).
 * - its owner cannot be reached (killed, paused, shutting down, no heartbeat):
 *   the socket waits, asking again every WAIT_POLL_MS, until the lease has run
 *   out or was given back, and then takes the room over here — the fencing
 *   token keeps the old owner from writing after that. Past the lease and a
 *   margin it is served here anyway, which refuses it (4500) if the room is
 *   still held, and the client retries with its usual backoff.
 *
 * A request that a peer forwarded is always served here: never forwarded twice.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { parseSyncPath } from '../../src/model/protocol.ts';
import type { Logger } from '../log.ts';
import { clientAddress } from '../net/client-address.ts';
import { forwardHeaders } from './forward-auth.ts';
import { forwardHttp, roomOfApiPath } from './http-forward.ts';
import { isForwarded } from './inbound-gate.ts';
import type { RoomOwner } from './node-table.ts';
import { openRelay, type Relay } from './socket-relay.ts';

/** What the cluster needs of the store (PgStore). */
export type ClusterStore = {
  holdsRoom(room: string): boolean;
  roomOwner(room: string, freshMs: number): RoomOwner | null;
  joinCluster(url: string): void;
  leaveCluster(): void;
};

/**
 * `taken`: another server holds the room. `failed`: no lease was taken (the
 * room does not exist, or the database could not say); serving here refuses the socket.
 */
export type ClaimOutcome = 'claimed' | 'taken' | 'failed';

export type ClusterOptions = {
  nodeId: string;
  /** Takes the room's lease for this server, before a socket for it is served here. */
  claim: (room: string) => ClaimOutcome;
  /** Gives the lease back unless some document of the room is loaded (the socket was refused after the claim). */
  releaseUnlessLive: (room: string) => void;
  secret: string;
  store: ClusterStore;
  leaseMs: number;
  maxFrameBytes: number;
  trustProxy: boolean;
  logger: Logger;
};

/** `claim`: nobody holds the room, whoever claims it first serves it. */
type Route = { kind: 'here' } | { kind: 'claim' } | { kind: 'owner'; url: string } | { kind: 'wait' };

/** How often a socket or call whose room's owner is unreachable asks again who holds the room. */
const WAIT_POLL_MS = 100;
/** Beyond the lease, how long such a socket waits before it is served here anyway (and refused if still held). */
const WAIT_MARGIN_MS = 2000;
/** Longest an owner may take to accept a relayed socket before it counts as unreachable. */
const MAX_HANDSHAKE_MS = 5000;
/**
 * How long an owner that could not be reached is not tried again for one
 * socket; then it is, in case it came back under the same name and address
 * (restarted with its NODE_ID, its leases taken back).
 */
const UNREACHABLE_FOR_MS = 1000;

/** Owners' URLs that could not be reached, with when; one per waiting socket. */
type Unreachable = Map<string, number>;

export class Cluster {
  private readonly options: ClusterOptions;
  private readonly wss: WebSocketServer;
  private readonly relays = new Set<Relay>();
  private url: string | null = null;
  private stopped = false;

  constructor(options: ClusterOptions) {
    this.options = options;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false });
  }

  /** Once listening: registers this server under `url` for the others to reach. */
  join(url: string): void {
    this.options.store.joinCluster(url);
    this.url = url;
    this.options.logger.info('cluster_joined', { node: this.options.nodeId, url });
  }

  /** Relayed sockets now open (tests, /health). */
  get relayCount(): number {
    return this.relays.size;
  }

  /** True when the upgrade was taken over: relayed to the owner, or held until it can be (`serveHere` may run later). */
  relayUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer, serveHere: () => void): boolean {
    if (this.stopped || isForwarded(request)) return false;
    const target = parseSyncPath(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!target) return false;
    const first = this.route(target.room, new Map());
    if (first.kind === 'here') return false;
    const deadline = Date.now() + this.options.leaseMs + WAIT_MARGIN_MS;
    const unreachable: Unreachable = new Map();
    const attempt = (route: Route) => {
      if (socket.destroyed) return;
      if (route.kind === 'here' || this.stopped || Date.now() > deadline) return serveHere();
      if (route.kind === 'claim') {
        const outcome = this.options.claim(target.room);
        // Another server was quicker (two clients of a free room at two servers): go there instead.
        if (outcome === 'taken') return void setImmediate(() => attempt(this.route(target.room, unreachable)));
        // The claim is taken before the socket is served, so a lost race never reaches the client as a refusal.
        serveHere();
        if (outcome === 'claimed') this.options.releaseUnlessLive(target.room);
        return;
      }
      if (route.kind === 'wait') {
        setTimeout(() => attempt(this.route(target.room, unreachable)), WAIT_POLL_MS).unref();
        return;
      }
      const upstream = new URL(request.url ?? '/', route.url.replace(/^http/, 'ws'));
      openRelay({
        request,
        socket,
        head,
        upstreamUrl: upstream.href,
        headers: this.headersFor(request, upstream.pathname + upstream.search),
        wss: this.wss,
        handshakeTimeoutMs: Math.min(this.options.leaseMs, MAX_HANDSHAKE_MS),
        maxPayload: this.options.maxFrameBytes,
        onUnreachable: (why) => {
          this.options.logger.info('owner_unreachable', { room: target.room, owner: route.url, why });
          unreachable.set(route.url, Date.now());
          attempt(this.route(target.room, unreachable));
        },
        onOpen: (relay) => {
          if (this.stopped) return relay.close();
          this.relays.add(relay);
          void relay.closed.then(() => this.relays.delete(relay));
        },
      });
    };
    attempt(first);
    return true;
  }

  /** True when an API call was taken over: proxied to the room's owner, or answered 503 when it cannot be reached. */
  forwardApi(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (this.stopped || isForwarded(req)) return false;
    const room = roomOfApiPath((req.url ?? '/').split('?')[0] ?? '/');
    if (!room) return false;
    const route = this.route(room, new Map());
    // An unreachable owner: the call is refused with Retry-After rather than held (its body is streaming in).
    if (route.kind === 'here' || route.kind === 'claim') return false;
    forwardHttp(req, res, route.kind === 'owner' ? route.url : null, this.signed(req, req.url ?? '/'), (why) =>
      this.options.logger.info('owner_unreachable', { room, why }),
    );
    return true;
  }

  /** Shutdown: leave the nodes table first, so no peer sends anything more here, then close the relays. */
  shutdown(): void {
    this.stopped = true;
    try {
      if (this.url) this.options.store.leaveCluster();
    } catch (error) {
      // Unreachable database: the heartbeat goes stale by itself.
      this.options.logger.error('cluster_leave_failed', { error: String(error) });
    }
    for (const relay of this.relays) relay.close();
    this.wss.close();
  }

  /** The signature vouching for the client's address, for `path` (path and query as sent on). */
  private signed(req: http.IncomingMessage, path: string): Record<string, string> {
    const address = clientAddress(req, this.options.trustProxy);
    return forwardHeaders(this.options.secret, req.method ?? 'GET', path, address);
  }

  /** A relayed upgrade's headers: some of the client's own, and the signature. */
  private headersFor(req: http.IncomingMessage, path: string): Record<string, string> {
    const headers: Record<string, string> = {};
    // Origin and Host as the client sent them: the owner's origin check compares the two.
    for (const name of ['origin', 'host', 'user-agent'] as const) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    return { ...headers, ...this.signed(req, path) };
  }

  private route(room: string, unreachable: Unreachable): Route {
    const { store, nodeId, leaseMs } = this.options;
    let owner: RoomOwner | null;
    try {
      if (store.holdsRoom(room)) return { kind: 'here' };
      // A heartbeat older than a lease is a server that stopped renewing anything.
      owner = store.roomOwner(room, leaseMs);
    } catch {
      // The database is unreachable: serving here fails closed and tells the client so.
      return { kind: 'here' };
    }
    if (!owner) return { kind: 'claim' };
    if (owner.node === nodeId) return { kind: 'here' };
    const failedAt = owner.url === null ? undefined : unreachable.get(owner.url);
    const recentlyFailed = failedAt !== undefined && Date.now() - failedAt < UNREACHABLE_FOR_MS;
    if (owner.url === null || owner.url === this.url || recentlyFailed) return { kind: 'wait' };
    return { kind: 'owner', url: owner.url };
  }
}
