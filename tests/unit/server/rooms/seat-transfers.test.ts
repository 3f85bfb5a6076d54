/** The code table on its own: expiry, single use, no look-alike characters. */
import { describe, expect, it } from 'vitest';
import { normalizeSeatCode, SEAT_CODE_ALPHABET, SEAT_CODE_TTL_MS } from '../../../../src/model/protocol.ts';
import { MAX_OPEN_CODES_PER_ROOM, SeatTransfers } from '../../../../server/rooms/seat-transfers.ts';

describe('seat transfer codes', () => {
  it('expire after ten minutes', () => {
    let now = 1_000_000;
    const transfers = new SeatTransfers({ now: () => now });
    const { code, expiresAt } = transfers.create('room', 'seat-a');
    expect(expiresAt).toBe(now + SEAT_CODE_TTL_MS);
    now += SEAT_CODE_TTL_MS - 1;
    const early = transfers.create('room', 'seat-b');
    expect(transfers.claim('room', early.code)).toBe('seat-b');
    now += 1;
    expect(transfers.claim('room', code)).toBeNull();
    expect(transfers.size).toBe(0);
  });

  it('work once', () => {
    const transfers = new SeatTransfers();
    const { code } = transfers.create('room', 'seat-a');
    expect(transfers.claim('room', code)).toBe('seat-a');
    expect(transfers.claim('room', code)).toBeNull();
  });

  it('keep a bounded number open per room, dropping the oldest', () => {
    const transfers = new SeatTransfers();
    const first = transfers.create('room', 'seat-0');
    for (let i = 1; i <= MAX_OPEN_CODES_PER_ROOM; i++) transfers.create('room', `seat-${i}`);
    expect(transfers.size).toBe(MAX_OPEN_CODES_PER_ROOM);
    expect(transfers.claim('room', first.code)).toBeNull();
  });

  it('use no characters that read as others', () => {
    for (const lookAlike of '0O1IL5S2Z8B') expect(SEAT_CODE_ALPHABET).not.toContain(lookAlike);
    expect(new Set(SEAT_CODE_ALPHABET).size).toBe(SEAT_CODE_ALPHABET.length);
    const transfers = new SeatTransfers();
    for (let i = 0; i < 200; i++) {
      const { code } = transfers.create('room', `s${i}`);
      expect(normalizeSeatCode(code)).toBe(code);
    }
  });

  it('read what people type', () => {
    expect(normalizeSeatCode(' acd-efg ')).toBe('ACDEFG');
    expect(normalizeSeatCode('ACDEF')).toBeNull();
    expect(normalizeSeatCode('ACDEF0')).toBeNull();
  });
});
