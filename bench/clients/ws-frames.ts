/**
 * Just enough of RFC 6455 for a bench receiver that reads a server's frames
 * straight off its TCP socket: the handshake's accept check, masked client
 * frames, and a reader that splits a byte stream into frames.
 *
 * The reader exists because `ws` spends about 30 µs of event-loop time per
 * message (an event, a Buffer, a listener call), and hundreds of receivers on
 * one client core get tens of thousands of messages a second. One socket
 * `data` event carries many frames; the reader walks their length fields and
 * hands out views into the chunk, copying only when a frame straddles reads.
 */
import { createHash, randomFillSync } from 'node:crypto';

/** RFC 6455 §1.3: the server hashes the client's key with this GUID to prove it speaks WebSocket. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Frame opcodes (RFC 6455 §5.2). */
export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Close codes this client sends (RFC 6455 §7.4.1); 1005 and 1006 are only ever reported, never sent. */
export const WS_CLOSE = { normal: 1000, protocolError: 1002, noStatus: 1005, abnormal: 1006, tooBig: 1009 } as const;

/** As `ws` allows by default: a larger frame is a broken or hostile server, not a bench room. */
export const MAX_PAYLOAD_BYTES = 100 * 1024 * 1024;

const FIN = 0x80;
const RSV_BITS = 0x70;
const OPCODE_BITS = 0x0f;
const MASK_BIT = 0x80;
const LENGTH_BITS = 0x7f;
/** Seven-bit length values that announce a 16-bit or a 64-bit length field instead. */
const LENGTH_16 = 126;
const LENGTH_64 = 127;
const MASK_BYTES = 4;
/** RFC 6455 §5.5: control frames carry at most 125 bytes. */
const MAX_CONTROL_PAYLOAD = 125;
const TWO_TO_32 = 2 ** 32;

/** A server that breaks the framing rules; the client answers with close code 1002 (or 1009). */
export class FrameError extends Error {
  readonly closeCode: number;

  constructor(message: string, closeCode: number = WS_CLOSE.protocolError) {
    super(message);
    this.closeCode = closeCode;
  }
}

/** A fresh `Sec-WebSocket-Key`: 16 random bytes in base64. */
export const handshakeKey = (): string => randomFillSync(Buffer.alloc(16)).toString('base64');

/** The `Sec-WebSocket-Accept` a server must answer `key` with. */
export const acceptFor = (key: string): string =>
  createHash('sha1')
    .update(key + HANDSHAKE_GUID)
    .digest('base64');

/**
 * Masks come from a pool of random bytes refilled now and then: one
 * randomFill call per frame would cost more than the frame (ws does the same).
 */
const MASK_POOL_BYTES = 8192;
const maskPool = Buffer.alloc(MASK_POOL_BYTES);
let maskAt = MASK_POOL_BYTES;

function nextMask(): Buffer {
  if (maskAt + MASK_BYTES > MASK_POOL_BYTES) {
    randomFillSync(maskPool);
    maskAt = 0;
  }
  maskAt += MASK_BYTES;
  return maskPool.subarray(maskAt - MASK_BYTES, maskAt);
}

/** One whole (FIN) client frame: header, 4-byte mask, masked payload (RFC 6455 §5.3: clients always mask). */
export function clientFrame(opcode: number, payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const lengthBytes = length < LENGTH_16 ? 0 : length <= 0xffff ? 2 : 8;
  const header = 2 + lengthBytes;
  const frame = Buffer.allocUnsafe(header + MASK_BYTES + length);
  frame[0] = FIN | opcode;
  if (lengthBytes === 0) frame[1] = MASK_BIT | length;
  else if (lengthBytes === 2) {
    frame[1] = MASK_BIT | LENGTH_16;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = MASK_BIT | LENGTH_64;
    frame.writeUInt32BE(Math.floor(length / TWO_TO_32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  const mask = nextMask();
  mask.copy(frame, header);
  const body = header + MASK_BYTES;
  for (let i = 0; i < length; i++) frame[body + i] = payload[i]! ^ mask[i & 3]!;
  return frame;
}

/** The payload of a close frame: the code, big-endian. */
export function closePayload(code: number): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code, 0);
  return payload;
}

/**
 * Told about every whole message (text or binary, fragments joined) and every
 * control frame (close, ping, pong). `payload` is a view that is valid only
 * during the call: copy what must outlive it.
 */
export type OnFrame = (opcode: number, payload: Buffer) => void;

export class FrameReader {
  /** Bytes of a frame that has not fully arrived, and how many bytes from its start it needs. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private needBytes = 0;
  /** A fragmented message being put together: its opcode and its parts so far. */
  private fragmentOpcode: number | null = null;
  private fragments: Buffer[] = [];
  private fragmentBytes = 0;
  private stopped = false;
  private readonly onFrame: OnFrame;

  constructor(onFrame: OnFrame) {
    this.onFrame = onFrame;
  }

  /** Stop reading (after a close, or when the socket is gone); later chunks are dropped. */
  stop(): void {
    this.stopped = true;
    this.held = [];
    this.fragments = [];
  }

  /** Reads every whole frame in `chunk` (after what earlier chunks left over); throws FrameError. */
  push(chunk: Buffer): void {
    if (this.stopped) return;
    if (this.heldBytes > 0) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
      if (this.heldBytes < this.needBytes) return;
      chunk = Buffer.concat(this.held, this.heldBytes);
      this.held = [];
      this.heldBytes = 0;
    }
    let at = 0;
    while (!this.stopped) {
      const need = this.frameAt(chunk, at);
      if (need > 0) {
        // A frame that straddles reads: keep its start (a view, so nothing is copied until it completes).
        this.held = [chunk.subarray(at)];
        this.heldBytes = chunk.length - at;
        this.needBytes = need;
        return;
      }
      at = -need;
      if (at === chunk.length) return;
    }
  }

  /**
   * Reads the frame starting at `at`. Returns minus the offset after it, or,
   * when the chunk ends first, how many bytes from `at` the frame needs (at
   * least the next length field's worth, so a split header waits too).
   */
  private frameAt(chunk: Buffer, at: number): number {
    const left = chunk.length - at;
    if (left < 2) return 2;
    const first = chunk[at]!;
    const second = chunk[at + 1]!;
    if (first & RSV_BITS) throw new FrameError('reserved bits set without an extension');
    if (second & MASK_BIT) throw new FrameError('a server frame must not be masked');
    let length = second & LENGTH_BITS;
    let header = 2;
    if (length === LENGTH_16) {
      header = 4;
      if (left < header) return header;
      length = chunk.readUInt16BE(at + 2);
    } else if (length === LENGTH_64) {
      header = 10;
      if (left < header) return header;
      length = chunk.readUInt32BE(at + 2) * TWO_TO_32 + chunk.readUInt32BE(at + 6);
    }
    if (length > MAX_PAYLOAD_BYTES) throw new FrameError(`a frame of ${length} bytes`, WS_CLOSE.tooBig);
    if (left < header + length) return header + length;
    this.frame(first, chunk.subarray(at + header, at + header + length));
    return -(at + header + length);
  }

  private frame(first: number, payload: Buffer): void {
    const opcode = first & OPCODE_BITS;
    const fin = (first & FIN) !== 0;
    if (opcode >= OPCODE.close) {
      // Control frames are never fragmented and may arrive between the fragments of a message.
      if (!fin || payload.length > MAX_CONTROL_PAYLOAD) throw new FrameError('a control frame must be whole and short');
      this.onFrame(opcode, payload);
      return;
    }
    if (opcode === OPCODE.continuation) {
      if (this.fragmentOpcode === null) throw new FrameError('a continuation without a message');
      this.fragments.push(Buffer.from(payload));
      this.fragmentBytes += payload.length;
      if (this.fragmentBytes > MAX_PAYLOAD_BYTES) throw new FrameError('a message too large', WS_CLOSE.tooBig);
      if (!fin) return;
      const whole = Buffer.concat(this.fragments, this.fragmentBytes);
      const messageOpcode = this.fragmentOpcode;
      this.fragmentOpcode = null;
      this.fragments = [];
      this.fragmentBytes = 0;
      this.onFrame(messageOpcode, whole);
      return;
    }
    if (opcode !== OPCODE.text && opcode !== OPCODE.binary) throw new FrameError(`unknown opcode ${opcode}`);
    if (this.fragmentOpcode !== null) throw new FrameError('a new message inside a fragmented one');
    if (fin) {
      this.onFrame(opcode, payload);
      return;
    }
    // The first fragment is copied: the chunk it lies in is not kept once this read is done.
    this.fragmentOpcode = opcode;
    this.fragments = [Buffer.from(payload)];
    this.fragmentBytes = payload.length;
  }
}
