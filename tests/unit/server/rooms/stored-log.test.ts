import { describe, expect, it } from 'vitest';
import { StoredLog } from '../../../../server/rooms/stored-log.ts';

const bytes = (n: number) => new Uint8Array(n);

describe('StoredLog', () => {
  it('counts what was loaded, numbers what is handed over, and counts records once stored', () => {
    const log = new StoredLog({ updates: [bytes(10), bytes(5)], lastSeq: 7 });
    expect([log.lastSeq, log.records, log.bytes]).toEqual([7, 2, 15]);
    log.applied(3);
    log.applied(4);
    // The bytes count as soon as they are in memory; the records only once the store has them.
    expect([log.records, log.bytes]).toEqual([2, 22]);
    expect(log.handOver(2)).toBe(8);
    expect(log.lastSeq).toBe(9);
    log.stored(2);
    expect(log.records).toBe(4);
  });

  it('changes the counts by what a finished compaction replaced, once, and not at all when it failed', () => {
    const log = new StoredLog({ updates: [bytes(100), bytes(100)], lastSeq: 2 });
    const failed = log.compact(bytes(30))!;
    expect(failed.upTo).toBe(2);
    // One compaction at a time.
    expect(log.compact(bytes(30))).toBeNull();
    failed.finished(false);
    expect([log.records, log.bytes]).toEqual([2, 200]);

    const done = log.compact(bytes(30))!;
    // A record stored while the snapshot is written follows it.
    log.applied(7);
    log.handOver(1);
    log.stored(1);
    done.finished(true);
    expect([log.records, log.bytes]).toEqual([2, 37]);
    // A late second report of the same compaction, or of the failed one, changes nothing.
    done.finished(true);
    failed.finished(true);
    expect([log.records, log.bytes]).toEqual([2, 37]);
    expect(log.compact(bytes(1))).not.toBeNull();
  });
});
