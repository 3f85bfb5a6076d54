/**
 * What is stored about rooms and seats, apart from their documents: creating
 * a room, its facilitator key, participant link and join code; seats, their
 * secrets and pseudonym keys. Secrets are kept only as hashes and compared in
 * constant time. The events the registry emits are declared here too, since
 * replacing a link or moving a seat is already one of them.
 */
import crypto from 'node:crypto';
import {
  newFacilitatorKey,
  newInviteToken,
  newParticipantId,
  newRoomId,
  newSeatSecret,
  type FacilitatorKey,
  type ParticipantId,
  type RoomId,
  type SeatSecret,
} from '../../src/model/ids.ts';
import { newJoinCode } from '../../src/model/join-code.ts';
import type { Locale } from '../../src/model/locale.ts';
import { SCHEMA_VERSION } from '../../src/model/schema.ts';
import { Emitter } from '../emitter.ts';
import type { JoinCodeHit, RoomStore, StoredRoom, StoredSeat } from '../storage/types.ts';
import type { LiveDoc } from './live-doc.ts';

/**
 * What happened to rooms and their documents, said after the registry has
 * done its part (the documents concerned are already dropped): the sync
 * server closes the clients each event leaves behind, the publishers and the
 * metrics follow. Past tense: by the time a listener runs, it is so.
 */
export type RegistryEvents = {
  /** A document's write failed and it was dropped unsent: its clients must reconnect and send again. */
  documentFailed: [live: LiveDoc, error: Error];
  /** Another server took the room over (this one was paused or cut off): its clients go to the owner. */
  roomLost: [room: RoomId];
  /** The room and everything in it are deleted: its clients are turned away as from an unknown room. */
  roomDeleted: [room: RoomId];
  /** The participant link was replaced: everyone but the facilitator must come back with the new one. */
  linkReplaced: [room: RoomId];
  /** A seat moved to another device and has a new secret: the old device's connections must go. */
  seatMoved: [room: RoomId, seat: string];
  /** The facilitator removed a seat, its private document and its ballots. */
  seatRemoved: [room: RoomId, seat: string];
  /** A group commit returned after `durationMs`, stored or not. */
  committed: [durationMs: number, ok: boolean];
};

export function hashKey(key: string): Buffer {
  return crypto.createHash('sha256').update(key, 'utf8').digest();
}

/** Compares a presented key with the stored hash in constant time. */
export function keyMatches(room: StoredRoom, presented: string): boolean {
  return crypto.timingSafeEqual(hashKey(presented), room.keyHash);
}

/** True when the room needs no invite, or the presented one is current (compared in constant time). */
export function inviteMatches(room: StoredRoom, presented: string | null): boolean {
  if (room.invite === null) return true;
  if (presented === null) return false;
  return crypto.timingSafeEqual(hashKey(presented), hashKey(room.invite));
}

/** True when `secret` is the secret of `seat` (compared in constant time). */
export function seatMatches(seat: StoredSeat, secret: string): boolean {
  return crypto.timingSafeEqual(hashKey(secret), seat.secretHash);
}

export class RoomRecords extends Emitter<RegistryEvents> {
  protected readonly store: RoomStore;

  constructor(store: RoomStore) {
    super();
    this.store = store;
  }

  /**
   * `initial`: the documents' first updates, for a room started from an export.
   * They are stored, durably, before the room itself, so the room never exists without them.
   */
  createRoom(
    workshop: string,
    locale: Locale,
    now = Date.now(),
    initial?: Readonly<Record<'board' | 'control', Uint8Array>>,
  ): { room: StoredRoom; key: FacilitatorKey } {
    const key = newFacilitatorKey();
    const room: StoredRoom = {
      id: newRoomId(),
      workshop,
      locale,
      keyHash: hashKey(key),
      createdAt: now,
      schemaVersion: SCHEMA_VERSION,
      invite: null,
      joinCode: this.unusedJoinCode(),
    };
    if (initial) {
      const docs = Object.keys(initial) as ('board' | 'control')[];
      this.store.appendUpdates(docs.map((doc) => ({ room: room.id, doc, seq: 1, data: initial[doc] })));
    }
    this.store.createRoom(room);
    return { room, key };
  }

  getRoom(id: string): StoredRoom | null {
    return this.store.getRoom(id);
  }

  /** Issues a new seat in a room; the secret is returned once and only its hash is stored. */
  issueSeat(room: RoomId, now = Date.now()): { seat: ParticipantId; secret: SeatSecret; anonKey: string } {
    const seat = newParticipantId();
    const secret = newSeatSecret();
    const anonKey = newSeatSecret();
    this.store.createSeat({ room, id: seat, secretHash: hashKey(secret), anonKey, createdAt: now });
    return { seat, secret, anonKey };
  }

  /** The seat if `secret` is its secret, else null. */
  verifySeat(room: string, seat: string, secret: string): StoredSeat | null {
    const stored = this.store.getSeat(room, seat);
    return stored && seatMatches(stored, secret) ? stored : null;
  }

  /** True when the room has issued `seat`. */
  hasSeat(room: string, seat: string): boolean {
    return this.store.getSeat(room, seat) !== null;
  }

  /** When the seat was given out (ms since the epoch); 0 for a seat the room does not have. */
  seatJoinedAt(room: string, seat: string): number {
    return this.store.getSeat(room, seat)?.createdAt ?? 0;
  }

  /** A fresh secret for a seat that moves to another device; the old secret stops working. */
  replaceSeatSecret(room: RoomId, seat: string): SeatSecret {
    const secret = newSeatSecret();
    this.store.setSeatSecret(room, seat, hashKey(secret));
    this.emit('seatMoved', room, seat);
    return secret;
  }

  /** The seat's key for its pseudonyms on anonymous steps. */
  seatAnonKey(room: string, seat: string): string {
    const stored = this.store.getSeat(room, seat);
    if (!stored) throw new Error(`no seat ${seat} in room ${room}`);
    return stored.anonKey;
  }

  seatCount(room: string): number {
    return this.store.seatCount(room);
  }

  /** Replaces the participant link and its join code: links and codes from before stop working. */
  rotateInvite(id: RoomId): string {
    const invite = newInviteToken();
    this.store.setInvite(id, invite, this.unusedJoinCode());
    this.emit('linkReplaced', id);
    return invite;
  }

  /** Where a typed join code leads (already normalized, see src/model/join-code.ts). */
  findJoinCode(code: string): JoinCodeHit | null {
    return this.store.findJoinCode(code);
  }

  /**
   * A code no room has had: not live, and not retired either, so an old code
   * keeps saying "replaced" instead of leading into a stranger's room. With 64
   * million codes a clash is rare; a few tries make one vanishingly unlikely.
   */
  private unusedJoinCode(): string {
    const TRIES = 20;
    for (let i = 0; i < TRIES; i += 1) {
      const code = newJoinCode();
      if (this.store.findJoinCode(code) === null) return code;
    }
    throw new Error('no free join code after several tries');
  }

  /** The ids of every seat of a room. */
  listSeats(room: string): ParticipantId[] {
    return this.store.listSeats(room);
  }
}
