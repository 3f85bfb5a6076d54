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
const MARKERS = /([\w-]+)#(\d+)@\d/g;

/** Told about every edit marker a receiver sees: who sent it and its sequence number. */
export type OnEdit = (sender: string, seq: number) => void;

/**
 * Finds the edit markers in an update's raw bytes, without applying it: a
 * wire-level receiver (ProtoClient with `applyRemote: false`) spends
 * microseconds per message instead of a Yjs transaction, so hundreds of them
 * fit on one client core and the server's own ceiling shows. The markers are
 * ASCII inside the update's UTF-8 strings, so latin1 keeps them intact.
 */
export function scanEdits(update: Uint8Array, onEdit: OnEdit): void {
  const text = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
  for (const match of text.matchAll(MARKERS)) onEdit(match[1]!, Number(match[2]));
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
