/**
 * The history reader reads on from where it stopped: reading in parts gives
 * what reading all at once gives, a history that does not follow on is read
 * afresh, and only a few rooms' readers are kept.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { RoomId } from '../../../../src/model/ids.ts';
import { HistoryReader } from '../../../../server/rooms/history.ts';
import { HISTORY_READER_IDLE_MS, HISTORY_READERS_MAX, HistoryReaders } from '../../../../server/rooms/history-readers.ts';
import type { HistoryRecord } from '../../../../server/storage/types.ts';

/** A board history: answers added one by one, then all removed in one change. */
function history(answers: number): HistoryRecord[] {
  const doc = new Y.Doc();
  const records: HistoryRecord[] = [];
  doc.on('update', (data: Uint8Array) => {
    records.push({ seq: records.length + 1, at: 1000 + records.length, writer: null, data });
  });
  const list = doc.getArray('ladder.answers/ladder');
  for (let i = 0; i < answers; i++) list.push([{ id: `a${i}`, text: `Answer ${i}` }]);
  list.delete(0, list.length);
  return records;
}

const summary = (reader: {
  changes: readonly { seq: number; steps: Map<string, { added: number; removed: number }[]> }[];
}) => reader.changes.map((c) => [c.seq, c.steps.get('ladder')!.map((e) => e.added - e.removed)]);

describe('history readers', () => {
  it('read in parts what they read at once', () => {
    const records = history(6);
    const whole = new HistoryReader();
    whole.readOn(records);
    const parts = new HistoryReader();
    expect(parts.readOn(records.slice(0, 3))).toBe(true);
    expect(parts.readOn(records)).toBe(true);
    expect(summary(parts)).toEqual(summary(whole));
    expect(summary(whole).at(-1)).toEqual([7, [-6]]);
  });

  it('start afresh when the history does not follow on, and keep only a few rooms', () => {
    let now = 0;
    const readers = new HistoryReaders(() => now);
    const records = history(3);
    const first = readers.changes('r1' as RoomId, records.slice(0, 2));
    expect(readers.changes('r1' as RoomId, records)).toBe(first);
    expect(first).toHaveLength(4);
    // A history that starts later than what was read (another room under the same id, say) is read afresh.
    const other = history(2).map((r) => ({ ...r, seq: r.seq + 10 }));
    expect(readers.changes('r1' as RoomId, other)).not.toBe(first);
    for (let i = 0; i <= HISTORY_READERS_MAX; i++) readers.changes(`x${i}` as RoomId, records);
    const again = readers.changes('r1' as RoomId, records);
    expect(again).toHaveLength(4);
    now += HISTORY_READER_IDLE_MS;
    expect(readers.changes('r1' as RoomId, records)).not.toBe(again);
  });
});
