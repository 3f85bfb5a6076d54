/**
 * One owner per room, fenced. Several servers may share one PostgreSQL
 * database; a room's documents are loaded by one of them at a time, the one
 * holding the room's lease (table room_leases, see pg-schema.ts).
 *
 * - claim: before a room is loaded. Granted when no other server holds an
 *   unexpired lease; every grant comes with a new fencing token, larger than
 *   any before it.
 * - every write of a room's documents carries the token (`fenceFor`), and the
 *   database refuses it, in the write's own transaction, unless the token is
 *   still the room's current one. A server that was paused or cut off past its
 *   lease, and whose room was taken over, can therefore never write again: not
 *   even the writes it had already posted before it noticed.
 * - renewal: every third of the lease, for all rooms held, on a connection of
 *   its own. A room not renewed (taken over, deleted) is lost: listeners drop it.
 * - release: when the room is unloaded (idle) and at shutdown, ordered after
 *   the room's last writes, so the next owner loads them.
 */
import type { RoomId } from '../../src/model/ids.ts';
import type { PgBridge } from './pg-bridge.ts';
import type { Fence } from './pg-writes.ts';

/** The room is held by another server; its clients should come back later (or through that server). */
export class RoomOwnedElsewhere extends Error {}

/** SQLSTATE that ledestjerne_fence raises (pg-schema.ts). */
export const FENCE_REFUSED = 'LD409';

export class RoomLeases {
  private readonly held = new Map<string, number>();
  private readonly listeners = new Set<(room: RoomId) => void>();
  private readonly bridge: PgBridge;
  private timer: NodeJS.Timeout | null = null;
  private renewing = false;
  /** This server's entry in the nodes table, refreshed with every renewal once set (server/cluster/). */
  private member: { id: string; url: string } | null = null;
  readonly owner: string;
  readonly leaseMs: number;

  constructor(bridge: PgBridge, owner: string, leaseMs: number) {
    this.bridge = bridge;
    this.owner = owner;
    this.leaseMs = leaseMs;
  }

  start(): void {
    this.timer = setInterval(() => this.renew(), Math.max(1, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  /** Takes the room unless this server holds it already; throws RoomOwnedElsewhere when another one does. */
  claim(room: RoomId): void {
    if (this.held.has(room)) return;
    const token = this.bridge.run({ op: 'claim', room, owner: this.owner, leaseMs: this.leaseMs }) as number | null;
    if (token === null) throw new RoomOwnedElsewhere(`room ${room} is served by another server`);
    this.held.set(room, token);
  }

  release(room: RoomId): void {
    const token = this.held.get(room);
    if (token === undefined) return;
    this.held.delete(room);
    // Behind the room's last writes in the writing connection's queue; a failure leaves the lease to expire.
    this.bridge.post({ op: 'release', rooms: [room], tokens: [token] }, () => {});
  }

  holds(room: string): boolean {
    return this.held.has(room);
  }

  /** The tokens a write touching `rooms` carries; 0 for a room this server does not hold (then no one may). */
  fenceFor(rooms: Iterable<string>): Fence {
    const unique = [...new Set(rooms)];
    return { rooms: unique, tokens: unique.map((room) => this.held.get(room) ?? 0) };
  }

  /** A write under `fence` was refused by the database: with one room, that room is lost (with several, the write queue retries each alone). */
  refused(fence: Fence): void {
    if (fence.rooms.length === 1 && fence.tokens[0] !== 0) this.lose(fence.rooms[0]!, fence.tokens[0]!);
  }

  onLost(listener: (room: RoomId) => void): void {
    this.listeners.add(listener);
  }

  /** Blocks until every lease held is given back (shutdown: the next owner need not wait for them to expire). */
  releaseAll(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const rooms = [...this.held.keys()];
    const tokens = rooms.map((room) => this.held.get(room)!);
    this.held.clear();
    if (rooms.length > 0) this.bridge.run({ op: 'release', rooms, tokens });
  }

  /**
   * Joins the nodes table under `url`: registered now (blocking, so a start
   * fails when it cannot), then refreshed with every renewal, even with no room held.
   */
  join(url: string): void {
    this.member = { id: this.owner, url };
    this.bridge.run({ op: 'registerNode', node: this.owner, url });
  }

  /** Leaves the nodes table (shutdown): other servers stop sending this one sockets and calls. */
  leave(): void {
    if (!this.member) return;
    this.member = null;
    this.bridge.run({ op: 'deregisterNode', node: this.owner });
  }

  private renew(): void {
    if (this.renewing || (this.held.size === 0 && !this.member)) return;
    const sent = [...this.held];
    this.renewing = true;
    this.bridge.renew(
      {
        op: 'renew',
        rooms: sent.map(([room]) => room),
        tokens: sent.map(([, token]) => token),
        leaseMs: this.leaseMs,
        node: this.member ?? undefined,
      },
      (error, value) => {
        this.renewing = false;
        // Unreachable database: the writes fail closed meanwhile; the next renewal tells whether the rooms are still ours.
        if (error) return;
        const kept = new Set(value as string[]);
        for (const [room, token] of sent) if (!kept.has(room)) this.lose(room, token);
      },
    );
  }

  private lose(room: string, token: number): void {
    // Released or claimed anew since: that lease is not the one lost.
    if (this.held.get(room) !== token) return;
    this.held.delete(room);
    for (const listener of this.listeners) listener(room as RoomId);
  }
}
