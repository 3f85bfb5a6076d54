/**
 * The edits the bench makes, and how their latency is measured.
 *
 * Every edit is a realistic board change written through the Board wrapper
 * (a why-ladder answer or an agreement vote with a note) whose text carries
 * `<sender>#<seq>@<sent time>`. Each client writes as its own seat, on the
 * step its room is on (answers on the ladder, votes on the agreement), so
 * our server's update guard accepts every edit, as it would a browser's. Every client observes the board; when an edit
 * shows up in a receiver's Y.Doc, the receiver notes the time. An edit's
 * latency is the time until the LAST other client of the room has applied it.
 * All clients live in one worker thread, so sender and receivers share one
 * clock (performance.timeOrigin + performance.now()).
 */
import * as Y from 'yjs';
import { Board } from '../../src/model/board.ts';

export const LADDER_STEP = 'ladder';
export const CONSENT_STEP = 'agreement';
const PROPOSAL_AT = 1;

export type EditKind = 'answer' | 'vote';

export const now = (): number => performance.timeOrigin + performance.now();

const MARKER = /([\w-]+)#(\d+)@(\d+(?:\.\d+)?)/;

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

type Outstanding = { seq: number; sentAt: number; remaining: number; latest: number };

/**
 * Tracks the edits of one room. Yjs integrates each client's changes in
 * order, so seeing edit n of a sender means every earlier edit of that sender
 * is applied too (a newer vote overwrites an older one in the map).
 */
export class RoomTracker {
  private readonly outstanding = new Map<string, Outstanding[]>();
  private readonly lastSeen = new Map<string, Map<string, number>>();
  /** Full-delivery latency (ms) of every recorded edit delivered to all receivers. */
  readonly latencies: number[] = [];
  /** Send times of the recorded edits, parallel to `latencies` (for time series). */
  readonly sentTimes: number[] = [];
  recording = false;
  sentRecorded = 0;
  private receivers: number;

  constructor(receivers: number) {
    this.receivers = receivers;
  }

  setClients(clients: number): void {
    this.receivers = clients - 1;
  }

  sent(sender: string, seq: number, sentAt: number): void {
    if (!this.recording || this.receivers <= 0) return;
    this.sentRecorded++;
    const list = this.outstanding.get(sender) ?? [];
    list.push({ seq, sentAt, remaining: this.receivers, latest: sentAt });
    this.outstanding.set(sender, list);
  }

  applied(receiver: string, sender: string, seq: number, at: number): void {
    if (receiver === sender) return;
    let seen = this.lastSeen.get(receiver);
    if (!seen) {
      seen = new Map();
      this.lastSeen.set(receiver, seen);
    }
    const before = seen.get(sender) ?? -1;
    if (seq <= before) return;
    seen.set(sender, seq);
    const list = this.outstanding.get(sender);
    if (!list) return;
    for (const edit of list) {
      if (edit.seq > seq) break;
      if (edit.seq <= before) continue;
      edit.remaining--;
      edit.latest = Math.max(edit.latest, at);
    }
    while (list.length > 0 && list[0]!.remaining <= 0) {
      const done = list.shift()!;
      this.latencies.push(done.latest - done.sentAt);
      this.sentTimes.push(done.sentAt);
    }
  }

  /** Edits not yet everywhere; each counts with the time it has waited so far (a lower bound). */
  unfinished(at: number): number[] {
    const waits: number[] = [];
    for (const list of this.outstanding.values()) for (const edit of list) waits.push(at - edit.sentAt);
    return waits;
  }

  reset(): void {
    this.outstanding.clear();
    this.latencies.length = 0;
    this.sentTimes.length = 0;
    this.sentRecorded = 0;
  }
}

/** Reports every edit that reaches `doc` from someone else to the tracker. */
export function observeEdits(board: Board, receiver: string, tracker: RoomTracker): void {
  const report = (text: unknown) => {
    if (typeof text !== 'string') return;
    const match = MARKER.exec(text);
    if (match) tracker.applied(receiver, match[1]!, Number(match[2]), now());
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
