/**
 * The edits the bench makes, and how their latency is measured.
 *
 * Every edit is a realistic board change written through the Board wrapper
 * (a why-ladder answer or an agreement vote with a note) whose text carries
 * `<sender>#<seq>@<sent time>`. Each client writes as its own seat, on the
 * step its room is on (answers on the ladder, votes on the agreement), so
 * our server's update guard accepts every edit, as it would a browser's. Every client observes the board; when an edit
 * shows up in a receiver's Y.Doc, the receiver notes the time. An edit's
 * latency is the time until the LAST other client of the room has applied it
 * (the delivery ledger in ledger.ts counts them, across client threads).
 */
import * as Y from 'yjs';
import { Board } from '../../src/model/board.ts';

export const LADDER_STEP = 'ladder';
export const CONSENT_STEP = 'agreement';
const PROPOSAL_AT = 1;

export type EditKind = 'answer' | 'vote';

/**
 * Milliseconds on the process's monotonic clock. Clients spread over several
 * worker threads compare a sender's time with a receiver's, and each worker
 * has its own performance.timeOrigin; hrtime is one clock for all of them.
 */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const MARKER = /([\w-]+)#(\d+)@(\d+(?:\.\d+)?)/;

/** Told about every edit marker a receiver sees: who sent it and its sequence number. */
export type OnEdit = (sender: string, seq: number) => void;

const HASH = 0x23;
const AT = 0x40;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const isDigit = (byte: number | undefined) => byte !== undefined && byte >= DIGIT_0 && byte <= DIGIT_9;
/** Whether a byte may be part of a sender key (`[\w-]`: ASCII letters, digits, `_` and `-`), by byte value. */
const SENDER_BYTE = Uint8Array.from({ length: 256 }, (_, b) => (/[\w-]/.test(String.fromCharCode(b)) ? 1 : 0));

/**
 * Finds the edit markers (`<sender>#<seq>@<digit>`) in an update's raw bytes,
 * without applying it: a wire-level receiver spends about a microsecond per
 * message instead of a Yjs transaction, so hundreds of them fit on one client
 * core and the server's own ceiling shows. The markers are ASCII inside the
 * update's UTF-8 strings. The bytes are walked from each `#` (Buffer.indexOf
 * is native) rather than matched with a regular expression over a latin1 copy
 * of the update, which cost about ten times as much (12–15 against 1.2–1.6 µs
 * for a merged update of four votes) and was much of a receiver's time.
 */
export function scanEdits(update: Uint8Array, onEdit: OnEdit): void {
  scanMarkers(update, (bytes, start, end, seq) => onEdit(bytes.toString('latin1', start, end), seq));
}

/** Told about a marker where it lies: its sender is `bytes[start, end)`. */
export type OnMarker = (bytes: Buffer, start: number, end: number, seq: number) => void;

/** scanEdits without making a string of each sender (see SenderKeys). */
export function scanMarkers(update: Uint8Array, onMarker: OnMarker): void {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  for (let hash = bytes.indexOf(HASH); hash !== -1; hash = bytes.indexOf(HASH, hash + 1)) {
    let start = hash;
    while (start > 0 && SENDER_BYTE[bytes[start - 1]!] === 1) start--;
    let end = hash + 1;
    let seq = 0;
    while (isDigit(bytes[end])) seq = seq * 10 + bytes[end++]! - DIGIT_0;
    if (start < hash && end > hash + 1 && bytes[end] === AT && isDigit(bytes[end + 1])) onMarker(bytes, start, hash, seq);
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The sender keys a thread's receivers have seen, each made into a string
 * once. A room of N clients yields N² markers a second; turning each one's
 * sender into a new string and hashing that string for the ledger's lookup
 * was a third of a receiver's work. Here the bytes are hashed (FNV-1a) into
 * a number, and the key found under it is checked byte by byte, so a
 * collision cannot confuse two senders. The string handed out is always the
 * same object, whose hash V8 keeps, so the ledger's Map lookup is cheap too.
 */
export class SenderKeys {
  private readonly byHash = new Map<number, { key: string; bytes: Buffer }[]>();

  keyOf(bytes: Buffer, start: number, end: number): string {
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
    const entries = this.byHash.get(hash);
    if (entries) {
      for (const entry of entries) if (sameBytes(entry.bytes, bytes, start, end)) return entry.key;
    }
    const key = bytes.toString('latin1', start, end);
    const entry = { key, bytes: Buffer.from(key, 'latin1') };
    if (entries) entries.push(entry);
    else this.byHash.set(hash, [entry]);
    return key;
  }
}

function sameBytes(known: Buffer, bytes: Buffer, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== bytes[start + i]) return false;
  return true;
}

/** The step a room must be on for edits of `kind`. */
export const stepOf = (kind: EditKind) => (kind === 'answer' ? LADDER_STEP : CONSENT_STEP);

/** Writes one edit from `sender`, whose seat is `authorId`, into its document. */
export function makeEdit(
  board: Board,
  kind: EditKind,
  sender: string,
  authorId: string,
  seq: number,
  sentAt: number,
): void {
  const marker = `${sender}#${seq}@${sentAt.toFixed(3)}`;
  const author = { id: authorId, name: `Participant ${sender}` };
  if (kind === 'answer') {
    board.addLadderAnswer(LADDER_STEP, seq % 5, `Because customers need to know what happens next (${marker})`, author);
  } else {
    board.castConsent(CONSENT_STEP, author, 'agree', `Works for me (${marker})`, PROPOSAL_AT);
  }
}

/** Reports every edit that reaches the board's document (its own ones too: the ledger skips those). */
export function observeEdits(board: Board, onEdit: OnEdit): void {
  const report = (text: unknown) => {
    if (typeof text !== 'string') return;
    const match = MARKER.exec(text);
    if (match) onEdit(match[1]!, Number(match[2]));
  };
  board.ladderAnswersArray(LADDER_STEP).observe((event: Y.YArrayEvent<unknown>) => {
    for (const change of event.changes.delta) {
      if (!Array.isArray(change.insert)) continue;
      for (const value of change.insert) report((value as { text?: unknown }).text);
    }
  });
  const votes = board.consentVotesMap(CONSENT_STEP);
  votes.observe((event: Y.YMapEvent<unknown>) => {
    for (const key of event.keysChanged) report((votes.get(key) as { note?: unknown } | undefined)?.note);
  });
}
