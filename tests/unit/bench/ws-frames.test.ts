/**
 * The bench's raw frame reader: a server's frames arrive in socket reads cut
 * anywhere (inside a header, a length field or a payload), and every cut must
 * give the same messages, with the same edit markers scanned out of them.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeEdit, scanEdits } from '../../../bench/clients/edits.ts';
import { Board } from '../../../src/model/board.ts';
import { decodeMessage, encodeUpdateMessage } from '../../../src/model/wire.ts';
import { FrameError, FrameReader, OPCODE } from '../../../bench/clients/ws-frames.ts';

/** A server frame (never masked); `length64` writes the 64-bit length field even for a short payload. */
function serverFrame(opcode: number, payload: Uint8Array, { fin = true, length64 = false } = {}): Buffer {
  const n = payload.byteLength;
  let header: Buffer;
  if (length64 || n > 0xffff) {
    header = Buffer.alloc(10);
    header[1] = 127;
    header.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    header.writeUInt32BE(n >>> 0, 6);
  } else if (n >= 126) {
    header = Buffer.alloc(4);
    header[1] = 126;
    header.writeUInt16BE(n, 2);
  } else {
    header = Buffer.alloc(2);
    header[1] = n;
  }
  header[0] = (fin ? 0x80 : 0) | opcode;
  return Buffer.concat([header, payload]);
}

/** An update message carrying one edit marker of `sender`; `padding` makes the answer longer. */
function editMessage(sender: string, seq: number, padding = 0): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  makeEdit(new Board(doc), 'answer', `${sender}${'x'.repeat(padding)}`, 'seat', seq, 1234.5);
  return encodeUpdateMessage(update!);
}

/** What a receiver makes of the frames: markers of binary messages, control frames by name. */
function readAll(chunks: Buffer[]): string[] {
  const seen: string[] = [];
  const reader = new FrameReader((opcode, payload) => {
    if (opcode === OPCODE.binary) {
      const message = decodeMessage(payload);
      if (message.type === 'update') scanEdits(message.update, (sender, seq) => seen.push(`${sender}#${seq}`));
    } else if (opcode === OPCODE.ping) seen.push(`ping ${payload.toString()}`);
    else if (opcode === OPCODE.close) seen.push(`close ${payload.readUInt16BE(0)}`);
  });
  for (const chunk of chunks) reader.push(chunk);
  return seen;
}

/** A bare update short enough for the 7-bit length form (a board edit is not). */
function shortMessage(marker: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getText('t').insert(0, marker);
  return encodeUpdateMessage(update!);
}

const short = shortMessage('a#1@1.5');
const medium = editMessage('b', 2, 100);
const long = editMessage('c', 3);
const fragmented = editMessage('d', 4);
const cut = 7;
const stream = Buffer.concat([
  serverFrame(OPCODE.binary, short),
  serverFrame(OPCODE.binary, medium),
  serverFrame(OPCODE.binary, long, { length64: true }),
  serverFrame(OPCODE.ping, Buffer.from('p1')),
  // A fragmented message with a ping between its fragments (RFC 6455 §5.4 allows that).
  serverFrame(OPCODE.binary, fragmented.subarray(0, cut), { fin: false }),
  serverFrame(OPCODE.ping, Buffer.from('p2')),
  serverFrame(OPCODE.continuation, fragmented.subarray(cut)),
  serverFrame(OPCODE.close, Buffer.from([0x0f, 0xa0])),
]);
const expected = ['a#1', `b${'x'.repeat(100)}#2`, 'c#3', 'ping p1', 'ping p2', 'd#4', 'close 4000'];

describe('raw frame reader', () => {
  it('covers the 7-bit, 16-bit and 64-bit length forms', () => {
    expect(short.byteLength).toBeLessThan(126);
    expect(medium.byteLength).toBeGreaterThanOrEqual(126);
    expect(readAll([stream])).toEqual(expected);
  });

  it('reads the same messages and markers whichever byte a read ends at', () => {
    for (let at = 0; at <= stream.length; at++) {
      expect(readAll([stream.subarray(0, at), stream.subarray(at)]), `split at byte ${at}`).toEqual(expected);
    }
  });

  it('reads the stream one byte per read', () => {
    const bytes = Array.from({ length: stream.length }, (_, i) => stream.subarray(i, i + 1));
    expect(readAll(bytes)).toEqual(expected);
  });

  it('reads a frame larger than 64 KiB that arrives in pieces', () => {
    const big = new Uint8Array(200_000).fill(0x20);
    const marker = Buffer.from('big-sender#77@1.5');
    big.set(marker, 150_000);
    const frame = serverFrame(OPCODE.binary, big);
    const seen: string[] = [];
    const reader = new FrameReader((_opcode, payload) =>
      scanEdits(payload, (sender, seq) => seen.push(`${sender}#${seq}`)),
    );
    for (let at = 0; at < frame.length; at += 65_536) reader.push(frame.subarray(at, at + 65_536));
    expect(seen).toEqual(['big-sender#77']);
  });

  it('refuses what a server must not send', () => {
    const reader = () => new FrameReader(() => {});
    const masked = Buffer.from([0x82, 0x81, 1, 2, 3, 4, 5]);
    expect(() => reader().push(masked)).toThrow(FrameError);
    const reserved = Buffer.from([0xc2, 0x00]);
    expect(() => reader().push(reserved)).toThrow(FrameError);
    const strayContinuation = serverFrame(OPCODE.continuation, Buffer.from('x'));
    expect(() => reader().push(strayContinuation)).toThrow(FrameError);
    const longPing = serverFrame(OPCODE.ping, Buffer.alloc(126));
    expect(() => reader().push(longPing)).toThrow(FrameError);
    const huge = Buffer.from([0x82, 127, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(() => reader().push(huge)).toThrow(/frame of/);
  });
});
