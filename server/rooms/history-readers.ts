/**
 * The history readers of the rooms whose history a facilitator is looking
 * at, so that each new reading only reads what was stored since the last.
 * Few and short-lived: a reader holds a copy of the board in memory.
 */
import type { RoomId } from '../../src/model/ids.ts';
import type { HistoryRecord } from '../storage/types.ts';
import { HistoryReader, type IndexedChange } from './history.ts';

/** Rooms whose readers are kept at once; the least recently read goes first. */
export const HISTORY_READERS_MAX = 8;
/** A reader not read for this long is dropped. */
export const HISTORY_READER_IDLE_MS = 10 * 60_000;

type Kept = { reader: HistoryReader; usedAt: number };

export class HistoryReaders {
  private readonly kept = new Map<string, Kept>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Every change of the room's board history, read on from where the last reading stopped. */
  changes(room: RoomId, records: readonly HistoryRecord[]): readonly IndexedChange[] {
    const now = this.now();
    this.dropIdle(now);
    let kept = this.kept.get(room);
    this.kept.delete(room);
    if (!kept || !kept.reader.readOn(records)) {
      kept?.reader.destroy();
      kept = { reader: new HistoryReader(), usedAt: now };
      kept.reader.readOn(records);
    }
    kept.usedAt = now;
    // Map order is insertion order: re-inserting keeps the most recently read last.
    this.kept.set(room, kept);
    while (this.kept.size > HISTORY_READERS_MAX) {
      const [oldest, { reader }] = this.kept.entries().next().value!;
      reader.destroy();
      this.kept.delete(oldest);
    }
    return kept.reader.changes;
  }

  private dropIdle(now: number): void {
    for (const [room, kept] of this.kept) {
      if (now - kept.usedAt < HISTORY_READER_IDLE_MS) continue;
      kept.reader.destroy();
      this.kept.delete(room);
    }
  }
}
