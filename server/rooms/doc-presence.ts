/**
 * Presence in one live document: the batched fan-out (presence-batcher.ts)
 * plus who published each client id. Two records are kept, for different
 * readers: the peer that published an id, so that a removal announced by
 * anyone also takes the id off that peer's list (its presence must not be
 * removed twice when it leaves); and the seat or role key that ever held an
 * id, so that another connection cannot speak for it (presence-gate.ts).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Peer } from './outbox.ts';
import { PresenceBatcher, type PresenceBatcherOptions } from './presence-batcher.ts';

export class DocPresence extends PresenceBatcher<Peer> {
  /** The peer that published each present client id. */
  private readonly owners = new Map<number, Peer>();
  /** Who holds each client id ever published here; written only by `noteHolder`. */
  private readonly holderKeys = new Map<number, string>();
  /** Who is in the document now: only their presence is attributed to them. */
  private readonly joined: () => ReadonlySet<Peer>;

  constructor(awareness: awarenessProtocol.Awareness, peers: () => ReadonlySet<Peer>, options: PresenceBatcherOptions) {
    super(awareness, peers, options);
    this.joined = peers;
    awareness.on('update', this.handleUpdate);
  }

  /** Who holds each presence client id ever published here (see presence-gate.ts). */
  get holders(): ReadonlyMap<number, string> {
    return this.holderKeys;
  }

  /** Records that `holder` (a seat or role key, see presence-gate.ts) publishes presence as `clientId`. */
  noteHolder(clientId: number, holder: string): void {
    this.holderKeys.set(clientId, holder);
  }

  /** A peer left: the presence it published goes with it. */
  peerLeft(peer: Peer): void {
    if (peer.awarenessClients.size === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
  }

  override destroy(): void {
    this.awareness.off('update', this.handleUpdate);
    super.destroy();
  }

  private readonly handleUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const peer = origin && this.joined().has(origin as Peer) ? (origin as Peer) : undefined;
    if (peer) {
      for (const id of added) {
        peer.awarenessClients.add(id);
        this.owners.set(id, peer);
      }
    }
    for (const id of removed) {
      this.owners.get(id)?.awarenessClients.delete(id);
      this.owners.delete(id);
    }
    // Presence is not stored, so it need not wait for storage; it leaves with the room's next tick.
    this.changed([...added, ...updated, ...removed], peer);
  };
}
