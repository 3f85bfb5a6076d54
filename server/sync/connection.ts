/**
 * The y-websocket protocol for one socket: sync, awareness, queries. No
 * policy here beyond "a read-only connection's document writes are dropped".
 * Every message is decoded inside try/catch; a bad message closes only this
 * socket and never touches the document.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { WebSocket } from 'ws';
import type { CloseCodeName, RefusalReason } from '../../src/model/protocol.ts';
import type { GuardVerdict } from '../rooms/update-guard.ts';
import type { ParticipantId } from '../../src/model/ids.ts';
import type { Role } from '../../src/model/roles.ts';
import { TokenBucket } from '../rooms/rate-limit.ts';
import type { LiveDoc, Peer } from '../rooms/live-doc.ts';
import { decodeAwarenessEntries, encodeAwarenessEntries, isRemoval, type AwarenessEntry } from './awareness-entries.ts';
import {
  encodeAwarenessMessage,
  encodeSyncStep1,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
} from './messages.ts';

/** Why a connection must be closed; only that connection, never the room. */
export class ProtocolError extends Error {
  readonly closeCode: CloseCodeName;

  constructor(message: string, closeCode: CloseCodeName = 'protocolError') {
    super(message);
    this.closeCode = closeCode;
  }
}

/** Decides whether an update may be applied (the rule table, for the board); null means yes. */
export type UpdateGuard = (update: Uint8Array) => GuardVerdict;

/** What a refusal is logged with. */
export type RefusalLog = (details: { rule: string; root?: string; message: string }) => void;

export type ConnectionLimits = {
  maxDocBytes: number;
  /** Largest presence state of one client, as JSON. */
  maxAwarenessBytes: number;
  /** Awareness client ids one connection may speak for (a tab has one; reconnects add a few). */
  maxAwarenessClients: number;
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
  private readonly guard: UpdateGuard | null;
  private readonly refusals: TokenBucket;
  private readonly logRefusal: RefusalLog;

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
    this.guard = guard;
    this.logRefusal = logRefusal;
    this.refusals = new TokenBucket(limits.refusalBurst, limits.refusalRatePerSec);
  }

  /** Greets the client: our state vector, and who is present. */
  start(): void {
    this.send(encodeSyncStep1(this.live.doc));
    const states = this.live.awareness.getStates();
    if (states.size > 0) this.send(encodeAwarenessMessage(this.live.awareness, [...states.keys()]));
  }

  send(message: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(message, (error) => {
      if (error) this.socket.terminate();
    });
  }

  /** Handles one frame; throws ProtocolError for anything malformed. */
  receive(frame: Uint8Array): void {
    if (!this.messages.take()) throw new ProtocolError('message rate exceeded', 'rateLimited');
    const decoder = decoding.createDecoder(frame);
    const type = read(() => decoding.readVarUint(decoder));
    switch (type) {
      case MESSAGE_SYNC:
        this.receiveSync(decoder);
        break;
      case MESSAGE_AWARENESS:
        this.receiveAwareness(read(() => decoding.readVarUint8Array(decoder)));
        break;
      case MESSAGE_QUERY_AWARENESS:
        this.send(encodeAwarenessMessage(this.live.awareness, [...this.live.awareness.getStates().keys()]));
        break;
      case MESSAGE_AUTH:
        // Permissions are decided at connect time; clients have nothing to say here.
        break;
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  }

  /**
   * Presence is untrusted: each state is size-checked, and a connection may
   * only speak for its own clients. Entries for clients another connection
   * owns are dropped: y-websocket clients echo everyone's presence back.
   */
  private receiveAwareness(update: Uint8Array): void {
    const entries = read(() => decodeAwarenessEntries(update));
    const own: AwarenessEntry[] = [];
    for (const entry of entries) {
      if (entry.state.length > this.limits.maxAwarenessBytes) throw new ProtocolError('awareness state too large');
      const owner = this.live.awarenessOwner(entry.clientId);
      if (owner && owner !== this) continue;
      if (!owner && isRemoval(entry)) continue;
      if (!owner && this.awarenessClients.size >= this.limits.maxAwarenessClients) {
        throw new ProtocolError('too many awareness clients on one connection');
      }
      own.push(entry);
    }
    if (own.length > 0) {
      read(() => awarenessProtocol.applyAwarenessUpdate(this.live.awareness, encodeAwarenessEntries(own), this));
    }
  }

  /**
   * Nothing of a refused update is applied; the sender is told why. Its own
   * document is now ahead of the server's, and an honest client starts over
   * from the server's state; one that keeps sending refused updates is closed.
   */
  private refuse(verdict: { rule: string; message: string; root?: string }): void {
    this.logRefusal(verdict);
    if (!this.refusals.take()) throw new ProtocolError('too many refused updates', 'tooManyRefusals');
    this.send(encodeRefusal(verdict.rule, verdict.message));
  }

  private receiveSync(decoder: decoding.Decoder): void {
    const subtype = read(() => decoding.readVarUint(decoder));
    if (subtype === syncProtocol.messageYjsSyncStep1) {
      const stateVector = read(() => decoding.readVarUint8Array(decoder));
      const known = read(() => Y.decodeStateVector(stateVector));
      this.live.sendAfterStore(this, this.live.syncStep2For(stateVector, known.size));
      return;
    }
    if (subtype === syncProtocol.messageYjsSyncStep2 || subtype === syncProtocol.messageYjsUpdate) {
      const update = read(() => decoding.readVarUint8Array(decoder));
      if (!this.writable) return;
      if (this.live.bytes + update.byteLength > this.limits.maxDocBytes) {
        throw new ProtocolError('document size limit reached', 'documentTooLarge');
      }
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
      return;
    }
    throw new ProtocolError(`unknown sync message ${subtype}`);
  }
}

/** y-protocols' "permission denied" auth message, carrying a RefusalReason as JSON. */
export function encodeRefusal(rule: string, message: string): Uint8Array {
  const reason: RefusalReason = { refused: true, rule, message };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, JSON.stringify(reason));
  return encoding.toUint8Array(encoder);
}

function read<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new ProtocolError(error instanceof Error ? error.message : String(error));
  }
}
