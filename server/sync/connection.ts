/**
 * The y-websocket protocol for one socket: sync, awareness, queries. No
 * policy here beyond "a read-only connection's document writes are dropped".
 * Every message is decoded inside try/catch; a bad message closes only this
 * socket and never touches the document.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { CloseCodeName } from '../../src/model/protocol.ts';
import type { ParticipantId } from '../../src/model/ids.ts';
import type { Role } from '../../src/model/roles.ts';
import type { BudgetVerdict } from '../rooms/doc-budget.ts';
import { TokenBucket } from '../net/rate-limit.ts';
import type { GuardVerdict } from '../rooms/update-guard.ts';
import type { LiveDoc, Peer } from '../rooms/live-doc.ts';
import { decodeAwarenessEntries, encodeAwarenessEntries } from './awareness-entries.ts';
import { SlowReaderWatch, SyncReplies } from './backpressure.ts';
import { admitPresence, holderKey } from './presence-gate.ts';
import { decodeMessage, encodeRefusal, encodeSyncStep1 } from '../../src/model/wire.ts';

/** Why a connection must be closed; only that connection, never the room. */
export class ProtocolError extends Error {
  readonly closeCode: CloseCodeName;

  constructor(message: string, closeCode: CloseCodeName = 'protocolError') {
    super(message);
    this.closeCode = closeCode;
  }
}

/** Decides whether an update may be applied (the rule table, for the board). */
export type UpdateGuard = (update: Uint8Array) => GuardVerdict;

/** A refused update, as it is logged and told to its sender. */
export type Refusal = { rule: string; message: string; root?: string };
export type RefusalLog = (refusal: Refusal) => void;

export type ConnectionLimits = {
  /** Largest presence state of one client, as JSON. */
  maxAwarenessBytes: number;
  /** Awareness client ids one connection may speak for (a tab has one). */
  maxAwarenessClients: number;
  /** Unsent bytes a socket may hold, and for how long, before it is closed as a slow reader. */
  maxSocketBufferBytes: number;
  slowReaderGraceMs: number;
  /** Refused updates a connection may send in a burst, and per second after it, before it is closed. */
  refusalBurst: number;
  refusalRatePerSec: number;
};

export class SyncConnection implements Peer {
  readonly awarenessClients = new Set<number>();
  alive = true;
  readonly socket: WebSocket;
  readonly live: LiveDoc;
  readonly role: Role;
  /** Who this connection writes as (server-verified); null when it writes as nobody. */
  readonly seat: ParticipantId | null;
  readonly writable: boolean;
  private readonly limits: ConnectionLimits;
  private readonly messages: TokenBucket;
  private readonly replies: SyncReplies;
  private readonly slowReader: SlowReaderWatch;
  private readonly guard: UpdateGuard | null;
  private readonly refusals: TokenBucket;
  private readonly logRefusal: RefusalLog;
  /** Set when the socket is closed as a slow reader; the server closes it with that code. */
  onSlowReader: () => void = () => this.socket.terminate();

  constructor(
    socket: WebSocket,
    live: LiveDoc,
    role: Role,
    seat: ParticipantId | null,
    writable: boolean,
    limits: ConnectionLimits,
    messages: TokenBucket,
    guard: UpdateGuard | null = null,
    logRefusal: RefusalLog = () => {},
  ) {
    this.socket = socket;
    this.live = live;
    this.role = role;
    this.seat = seat;
    this.writable = writable;
    this.limits = limits;
    this.messages = messages;
    this.replies = new SyncReplies((stateVector, sent) =>
      this.live.sendAfterStore(this, this.live.syncStep2For(stateVector), sent),
    );
    this.slowReader = new SlowReaderWatch(limits.maxSocketBufferBytes, limits.slowReaderGraceMs);
    this.guard = guard;
    this.logRefusal = logRefusal;
    this.refusals = new TokenBucket(limits.refusalBurst, limits.refusalRatePerSec);
  }

  /** Greets the client: our state vector, and who is present. */
  start(): void {
    this.send(encodeSyncStep1(this.live.doc));
    const everyone = this.live.presence.everyoneMessage();
    if (everyone) this.send(everyone);
  }

  /** `sent` runs once the message has left the server's buffers (never, if the socket fails first). */
  send(message: Uint8Array, sent?: () => void): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.slowReader.tooSlow(this.socket.bufferedAmount + message.byteLength)) {
      this.onSlowReader();
      return;
    }
    this.socket.send(message, (error) => {
      if (error) this.socket.terminate();
      else sent?.();
    });
  }

  /** Handles one frame; throws ProtocolError for anything malformed. */
  receive(frame: Uint8Array): void {
    if (!this.messages.take()) throw new ProtocolError('message rate exceeded', 'rateLimited');
    const message = read(() => decodeMessage(frame));
    switch (message.type) {
      case 'syncStep1':
        read(() => Y.decodeStateVector(message.stateVector));
        this.replies.request(message.stateVector);
        break;
      case 'syncStep2':
      case 'update':
        this.receiveUpdate(message.update);
        break;
      case 'awareness':
        this.receiveAwareness(message.update);
        break;
      case 'queryAwareness': {
        const everyone = this.live.presence.everyoneMessage();
        if (everyone) this.send(everyone);
        break;
      }
      case 'auth':
        // Permissions are decided at connect time; clients have nothing to say here.
        break;
    }
  }

  /**
   * Presence is untrusted: each state is size-checked and stamped with this
   * connection's seat and role, and a connection may only speak for client
   * ids its identity holds (see presence-gate.ts). Entries for ids others
   * hold are dropped: y-websocket clients echo everyone's presence back.
   */
  private receiveAwareness(update: Uint8Array): void {
    const entries = read(() => decodeAwarenessEntries(update));
    const { awareness, presence } = this.live;
    const admitted = admitPresence(
      entries,
      this,
      {
        holders: presence.holders,
        clockOf: (id) => {
          const meta = awareness.meta.get(id);
          return meta && { clock: meta.clock, present: awareness.states.has(id) };
        },
      },
      { maxStateBytes: this.limits.maxAwarenessBytes, maxClientsPerConnection: this.limits.maxAwarenessClients },
    );
    if (!admitted.ok) throw new ProtocolError(admitted.reason);
    if (admitted.entries.length === 0) return;
    read(() => awarenessProtocol.applyAwarenessUpdate(awareness, encodeAwarenessEntries(admitted.entries), this));
    for (const entry of admitted.entries) presence.noteHolder(entry.clientId, holderKey(this));
  }

  /** Whether the document budget lets this connection add `bytes` (see server/rooms/doc-budget.ts). */
  private budgetAllows(bytes: number): boolean {
    const verdict: BudgetVerdict = this.live.budget.check(this.seat, this.role, bytes);
    if (verdict.ok) return true;
    this.refuse({ rule: verdict.rule, message: verdict.message });
    return false;
  }

  /**
   * Nothing of a refused update is applied; the sender is told why (y-protocols'
   * "permission denied" with the reason as JSON) and keeps its socket. Its own
   * document is now ahead of the server's, and an honest client starts over
   * from the server's state; one that keeps sending refused updates is closed.
   */
  private refuse(refusal: Refusal): void {
    this.logRefusal(refusal);
    if (!this.refusals.take()) throw new ProtocolError('too many refused updates', 'tooManyRefusals');
    this.send(encodeRefusal({ refused: true, rule: refusal.rule, message: refusal.message }));
  }

  /** Sync step 2 and updates are both document writes. */
  private receiveUpdate(update: Uint8Array): void {
    if (!this.writable) return;
    if (!this.budgetAllows(update.byteLength)) return;
    if (this.guard) {
      // The rule table decides; decoding inside it also rejects garbled updates.
      const verdict = this.guard(update);
      if (!verdict.ok) {
        this.refuse(verdict);
        return;
      }
    } else {
      // Decoding first rejects truncated or garbled updates before they reach the document.
      read(() => Y.decodeUpdate(update));
    }
    read(() => Y.applyUpdate(this.live.doc, update, this));
  }
}

function read<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new ProtocolError(error instanceof Error ? error.message : String(error));
  }
}
