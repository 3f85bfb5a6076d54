/**
 * Presence fan-out for one document, paid per tick instead of per change.
 *
 * Relaying each presence change at once to every peer costs (changes × peers)
 * sends: with n people each changing at a steady rate, n². Here a change only
 * marks its client id; once per tick the room sends ONE message to each peer
 * with the latest state of every marked id. So a room costs at most
 * (peers × 1000 / tick) sends a second, whatever its people do, and each
 * state travels once per tick however often it changed in between.
 *
 * Two budgets bound what one message carries: a connection's ids are relayed
 * at most `perConnectionPerSec` times a second, the room relays at most
 * `perRoomPerSec` states a second. What does not fit stays marked for a later
 * tick, never lost: the latest state always arrives. Removals (someone left)
 * are cheap and always go with the next tick.
 */
import type * as awarenessProtocol from 'y-protocols/awareness';
import { TokenBucket } from '../net/rate-limit.ts';
import { encodeAwarenessMessage } from '../../src/model/wire.ts';

export type PresenceBatcherOptions = {
  tickMs: number;
  perConnectionPerSec: number;
  perRoomPerSec: number;
};

/** What the batcher needs of a connection. */
export interface PresencePeer {
  send(message: Uint8Array): void;
}

export class PresenceBatcher<P extends PresencePeer> {
  /** Changed client ids not yet relayed, each with the peer that published it (undefined: the server). */
  private readonly marked = new Map<number, P | undefined>();
  private readonly perPeer = new WeakMap<P, TokenBucket>();
  private readonly room: TokenBucket;
  private timer: NodeJS.Timeout | null = null;
  /** Every present state as one message, for joiners and queries; dropped on every change. */
  private everyone: Uint8Array | null = null;
  /** Read by DocPresence, which adds who published what to the fan-out. */
  protected readonly awareness: awarenessProtocol.Awareness;
  private readonly peers: () => Iterable<P>;
  private readonly options: PresenceBatcherOptions;

  constructor(awareness: awarenessProtocol.Awareness, peers: () => Iterable<P>, options: PresenceBatcherOptions) {
    this.awareness = awareness;
    this.peers = peers;
    this.options = options;
    // A room's budget holds one second's worth, so a burst (everyone joining) drains within a second.
    this.room = new TokenBucket(Math.max(1, options.perRoomPerSec), options.perRoomPerSec);
  }

  /** Client ids whose state changed; `from` is the peer that changed them, if any. */
  changed(clientIds: readonly number[], from: P | undefined): void {
    if (clientIds.length === 0) return;
    this.everyone = null;
    for (const id of clientIds) this.marked.set(id, from ?? this.marked.get(id));
    this.timer ??= setTimeout(this.tick, this.options.tickMs);
    this.timer.unref?.();
  }

  /** Every present state, encoded once until presence changes: a greeting or a query costs no encoding. */
  everyoneMessage(): Uint8Array | null {
    const states = this.awareness.getStates();
    if (states.size === 0) return null;
    this.everyone ??= encodeAwarenessMessage(this.awareness, [...states.keys()]);
    return this.everyone;
  }

  /** Stops the timer; nothing more is sent. */
  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.marked.clear();
  }

  /** How many changes wait for a later tick (for tests). */
  get waiting(): number {
    return this.marked.size;
  }

  private readonly tick = (): void => {
    this.timer = null;
    const relay: number[] = [];
    const states = this.awareness.getStates();
    for (const [id, from] of this.marked) {
      const removal = !states.has(id);
      if (!removal) {
        if (this.room.waitMs() > 0) break;
        if (from && !this.bucketOf(from).take()) continue;
        this.room.take();
      }
      relay.push(id);
      this.marked.delete(id);
    }
    if (relay.length > 0) {
      const message = encodeAwarenessMessage(this.awareness, relay);
      for (const peer of this.peers()) peer.send(message);
    }
    if (this.marked.size > 0) {
      this.timer = setTimeout(this.tick, this.options.tickMs);
      this.timer.unref?.();
    }
  };

  private bucketOf(peer: P): TokenBucket {
    let bucket = this.perPeer.get(peer);
    if (!bucket) {
      // Burst of two: a join followed at once by a name change both go out promptly.
      bucket = new TokenBucket(2, this.options.perConnectionPerSec);
      this.perPeer.set(peer, bucket);
    }
    return bucket;
  }
}
