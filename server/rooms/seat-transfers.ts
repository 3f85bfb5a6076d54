/**
 * Codes that carry a seat to another device. The facilitator asks for one
 * for a seat; the person types it on the new device, which then gets a fresh
 * secret for that seat. Codes live in memory only: a restart voids them, which
 * costs a person at most asking again, and nothing about them reaches the disk.
 */
import crypto from 'node:crypto';
import { SEAT_CODE_ALPHABET, SEAT_CODE_LENGTH, SEAT_CODE_TTL_MS } from '../../src/model/protocol.ts';

/** Open codes per room: a facilitator moves a few people, not hundreds; an older code is dropped first. */
export const MAX_OPEN_CODES_PER_ROOM = 50;

type Pending = { room: string; seat: string; expiresAt: number };

export class SeatTransfers {
  /** By `room/code`; Map order is insertion order, so the first entries are the oldest. */
  private readonly pending = new Map<string, Pending>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? SEAT_CODE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** A new code for `seat`; an earlier open code for the same seat stops working. */
  create(room: string, seat: string): { code: string; expiresAt: number } {
    this.sweep();
    for (const [id, entry] of this.pending) if (entry.room === room && entry.seat === seat) this.pending.delete(id);
    const inRoom = [...this.pending].filter(([, entry]) => entry.room === room);
    if (inRoom.length >= MAX_OPEN_CODES_PER_ROOM) this.pending.delete((inRoom[0] as [string, Pending])[0]);
    let code = newCode();
    // 25^6 ≈ 2.4e8 codes against at most a few open ones per room: a clash is rare, but must not hand over the wrong seat.
    while (this.pending.has(`${room}/${code}`)) code = newCode();
    const expiresAt = this.now() + this.ttlMs;
    this.pending.set(`${room}/${code}`, { room, seat, expiresAt });
    return { code, expiresAt };
  }

  /** The seat a code stands for, used up by this call; null when the code is wrong, used or expired. */
  claim(room: string, code: string): string | null {
    this.sweep();
    const id = `${room}/${code}`;
    const entry = this.pending.get(id);
    if (!entry) return null;
    this.pending.delete(id);
    return entry.seat;
  }

  get size(): number {
    return this.pending.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(id);
  }
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < SEAT_CODE_LENGTH; i++) code += SEAT_CODE_ALPHABET[crypto.randomInt(SEAT_CODE_ALPHABET.length)];
  return code;
}
