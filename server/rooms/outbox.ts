/**
 * What leaves a live document once the write holding it has returned
 * (durable before broadcast, see live-doc.ts): replies to single peers, and
 * the stored updates of one commit, merged into one broadcast encoded once
 * for every peer.
 */
import * as Y from 'yjs';
import type { ParticipantId } from '../../src/model/ids.ts';
import { encodeUpdateMessage } from '../../src/model/wire.ts';

/** What the live doc needs of a connection: somewhere to send bytes. */
export interface Peer {
  /** `sent` runs once the message has left the server's buffers. */
  send(message: Uint8Array, sent?: () => void): void;
  /** Awareness client ids this peer has published, removed when it leaves. */
  readonly awarenessClients: Set<number>;
  /** Whose writes these are, for the document budget and the room's history; absent or null: no seat. */
  readonly seat?: ParticipantId | string | null;
  /** Who the peer writes as, for the room's history (a SyncConnection has both). */
  readonly role?: string;
}

/** A reply for one peer, or a stored update for everyone but the peer it came from. */
export type OutboxEntry =
  { to: Peer; message: Uint8Array; sent?: () => void } | { to: 'all'; update: Uint8Array; origin: Peer | undefined };

/**
 * Sends what waited for one write: its updates as one broadcast (merged when
 * there are several), in the place of the first of them; replies keep their
 * order. A peer whose own update is merged with others' receives its own back
 * too, which Yjs ignores. Replies to peers that left are dropped.
 */
export function deliverStored(entries: readonly OutboxEntry[], peers: ReadonlySet<Peer>): void {
  let broadcast: Broadcast | null | undefined;
  for (const entry of entries) {
    if (entry.to !== 'all') {
      if (peers.has(entry.to)) entry.to.send(entry.message, entry.sent);
      continue;
    }
    if (broadcast !== undefined) continue;
    broadcast = encodeBroadcast(entries);
    if (!broadcast) {
      deliverOneByOne(entries, peers);
      continue;
    }
    for (const peer of peers) if (peer !== broadcast.except) peer.send(broadcast.message);
  }
}

/** Fallback when the updates of one commit could not be merged: one message per update, as received. */
function deliverOneByOne(entries: readonly OutboxEntry[], peers: ReadonlySet<Peer>): void {
  for (const entry of entries) {
    if (entry.to !== 'all') continue;
    const message = encodeUpdateMessage(entry.update);
    for (const peer of peers) if (peer !== entry.origin) peer.send(message);
  }
}

type Broadcast = { message: Uint8Array; except: Peer | undefined };

/**
 * One message for all the stored updates in `entries`. The sender is left
 * out only when every update came from the same peer. Null if Yjs cannot
 * merge them (the caller then sends them one by one).
 */
function encodeBroadcast(entries: readonly OutboxEntry[]): Broadcast | null {
  const updates: Uint8Array[] = [];
  const origins = new Set<Peer | undefined>();
  for (const entry of entries) {
    if (entry.to !== 'all') continue;
    updates.push(entry.update);
    origins.add(entry.origin);
  }
  const except = origins.size === 1 ? origins.values().next().value : undefined;
  if (updates.length === 1) return { message: encodeUpdateMessage(updates[0]!), except };
  try {
    return { message: encodeUpdateMessage(Y.mergeUpdates(updates)), except };
  } catch {
    return null;
  }
}
