/**
 * The bench's delivery ledger: a room's receivers may sit in different client
 * threads, and an edit counts as delivered only when all of them, added up
 * across the threads, have it.
 */
import { describe, expect, it } from 'vitest';
import { deliveries, DeliveryLedger, type SentEdit } from '../../../bench/clients/ledger.ts';

describe('delivery ledger', () => {
  it('times an edit until the last receiver of any thread has it', () => {
    const a = new DeliveryLedger();
    const b = new DeliveryLedger();
    a.applied('r1', 'sender', 1, 105);
    b.applied('r2', 'sender', 1, 140);
    b.applied('r3', 'sender', 1, 120);
    const sent: SentEdit[] = [[0, 'sender', 1, 100]];
    const from = { sender: 1 };
    const result = deliveries(sent, [a.export(from), b.export(from)], 3, 1000);
    expect(result.latencies).toEqual([40]);
    expect(result.unfinished).toEqual([]);
  });

  it('counts an edit one receiver lacks as unfinished, with its wait so far', () => {
    const a = new DeliveryLedger();
    const b = new DeliveryLedger();
    a.applied('r1', 'sender', 1, 105);
    const sent: SentEdit[] = [[0, 'sender', 1, 100]];
    const result = deliveries(sent, [a.export({ sender: 1 }), b.export({ sender: 1 })], 2, 900);
    expect(result.latencies).toEqual([]);
    expect(result.unfinished).toEqual([800]);
  });

  it('takes a later edit of a sender as proof of the earlier ones (an overwritten vote never shows)', () => {
    const ledger = new DeliveryLedger();
    ledger.applied('r1', 'sender', 3, 130);
    ledger.applied('r1', 'sender', 2, 150);
    const sent: SentEdit[] = [
      [0, 'sender', 2, 110],
      [0, 'sender', 3, 120],
    ];
    const result = deliveries(sent, [ledger.export({ sender: 2 })], 1, 1000);
    expect(result.latencies).toEqual([20, 10]);
    expect(ledger.seen('r1', 'sender')).toBe(3);
  });

  it('ignores a sender seeing its own edit (the reference server echoes it back)', () => {
    const ledger = new DeliveryLedger();
    ledger.applied('sender', 'sender', 1, 101);
    const result = deliveries([[0, 'sender', 1, 100]], [ledger.export({ sender: 1 })], 1, 500);
    expect(result.unfinished).toEqual([400]);
  });

  it('exports only the recorded edits, so warm-up edits do not shift the count', () => {
    const ledger = new DeliveryLedger();
    ledger.applied('r1', 'sender', 1, 50);
    ledger.applied('r1', 'sender', 4, 210);
    const exported = ledger.export({ sender: 3 });
    expect(exported.sender).toEqual({ first: 3, counts: [1, 1], latest: [210, 210] });
  });
});
