/**
 * The bench's marker scan: what a wire-level receiver reads out of an update
 * without applying it must be every edit in it, and nothing that only looks
 * a little like one.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeEdit, scanEdits, SenderKeys } from '../../../bench/clients/edits.ts';
import { Board } from '../../../src/model/board.ts';

const scanned = (bytes: Uint8Array) => {
  const seen: string[] = [];
  scanEdits(bytes, (sender, seq) => seen.push(`${sender}#${seq}`));
  return seen;
};

describe('scanEdits', () => {
  it('finds every vote and answer of a merged update', () => {
    const updates: Uint8Array[] = [];
    const senders = ['s1t0r0i0', 's1t1r0i37', 'g2r0i111'];
    senders.forEach((sender, i) => {
      const doc = new Y.Doc();
      doc.on('update', (u: Uint8Array) => updates.push(u));
      makeEdit(new Board(doc), i === 2 ? 'answer' : 'vote', sender, `seat-${i}`, 1000 + i, 98765.432);
    });
    expect(scanned(Y.mergeUpdates(updates)).sort()).toEqual(['g2r0i111#1002', 's1t0r0i0#1000', 's1t1r0i37#1001']);
  });

  it('skips what is not `<sender>#<seq>@<digit>`, and reads a marker next to bytes that are not text', () => {
    const text = Buffer.from('#5@1 x#@1 y#12@ z#12@x (w#7@3.5) -a_b#9@0 é#4@1 q##3@1 end#');
    expect(scanned(text)).toEqual(['w#7', '-a_b#9']);
    const binary = Uint8Array.from([0xff, 0x00, ...Buffer.from('k#42@1'), 0x23, 0x80]);
    expect(scanned(binary)).toEqual(['k#42']);
  });
});

describe('SenderKeys', () => {
  it('hands out one string per sender, however often and wherever its bytes appear', () => {
    const keys = new SenderKeys();
    const a = Buffer.from('xx s1t0r0i12 yy s1t0r0i12 s1t0r0i21');
    const first = keys.keyOf(a, 3, 12);
    expect(first).toBe('s1t0r0i12');
    expect(keys.keyOf(a, 16, 25)).toBe(first);
    expect(keys.keyOf(a, 26, 35)).toBe('s1t0r0i21');
    expect(keys.keyOf(Buffer.from('s1t0r0i1'), 0, 8)).toBe('s1t0r0i1');
  });

  it('tells apart two senders whose bytes hash alike', () => {
    // FNV-1a (32-bit) collides on these two strings.
    const keys = new SenderKeys();
    const one = Buffer.from('costarring');
    const two = Buffer.from('liquid');
    expect(keys.keyOf(one, 0, one.length)).toBe('costarring');
    expect(keys.keyOf(two, 0, two.length)).toBe('liquid');
    expect(keys.keyOf(one, 0, one.length)).toBe('costarring');
  });
});
