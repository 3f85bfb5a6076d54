/**
 * What one seat's document asks of the board when the seat publisher runs
 * (seat-publisher.ts says when and why): anonymous notes mirrored under the
 * step's pseudonym, silent notes and own definitions moved once revealed.
 * Everything is read first and gathered as operations, nothing written: the
 * publisher writes every seat's board operations in one shuffled transaction,
 * then the seat documents' own (the publication records, the moved entries).
 */
import type * as Y from 'yjs';
import { Define } from '../../src/model/define.ts';
import { Notes } from '../../src/model/notes.ts';
import { boardKeys, type NoteValue } from '../../src/model/schema.ts';
import { noteFingerprint, publishedKey, type SeatDoc } from '../../src/model/seat-doc.ts';
import type { StepOf } from '../../src/model/workshop.ts';

/** One write to the board, run inside the publisher's transaction. */
export type BoardOp = () => void;

/** What one seat's document asks of the board, gathered before anything is written. */
export class SeatPlan {
  readonly seatOps: (() => void)[] = [];
  private readonly notes: Notes;
  private readonly board: Y.Doc;
  private readonly seatDoc: SeatDoc;
  private readonly seat: string;
  private readonly now: number;
  private readonly boardOps: BoardOp[];

  constructor(board: Y.Doc, seatDoc: SeatDoc, seat: string, now: number, boardOps: BoardOp[]) {
    this.board = board;
    this.seatDoc = seatDoc;
    this.seat = seat;
    this.now = now;
    this.boardOps = boardOps;
    this.notes = new Notes(board);
  }

  mirrorAnonymous(step: StepOf<'notes'>, pseudonym: string): void {
    const root = boardKeys.notes(step.id);
    const map = this.notes.notesMap(step.id);
    const mine = this.seatDoc.notes(step.id);
    const records = this.seatDoc.publishedMap();
    for (const note of mine) {
      const fingerprint = noteFingerprint(note);
      const recorded = this.seatDoc.published(root, note.id);
      if (recorded === fingerprint) continue;
      const onBoard = this.notes.note(step.id, note.id);
      // A note the facilitator merged holds others' words too: the author's later edit does not overwrite it.
      if (!(onBoard && onBoard.merged > 0 && recorded !== null)) {
        const value: NoteValue = {
          id: note.id,
          text: note.text,
          authorId: pseudonym,
          authorName: null,
          at: onBoard?.at ?? this.now,
          editedAt: onBoard || recorded !== null ? this.now : null,
          merged: onBoard?.merged ?? 0,
        };
        this.boardOps.push(() => map.set(note.id, value));
      }
      this.seatOps.push(() => records.set(publishedKey(root, note.id), fingerprint));
    }
    const kept = new Set(mine.map((n) => n.id));
    for (const key of records.keys()) {
      if (!key.startsWith(`${root}|`)) continue;
      const noteId = key.slice(root.length + 1);
      if (kept.has(noteId)) continue;
      if (this.notes.note(step.id, noteId)?.authorId === pseudonym) this.boardOps.push(() => map.delete(noteId));
      this.seatOps.push(() => records.delete(key));
    }
  }

  moveSilent(step: StepOf<'notes'>): void {
    const map = this.notes.notesMap(step.id);
    const own = this.seatDoc.notesMap(step.id);
    let room = step.maxPerPerson === undefined ? Infinity : step.maxPerPerson - this.notes.countBy(step.id, this.seat);
    for (const note of this.seatDoc.notes(step.id)) {
      if (!this.notes.note(step.id, note.id)) {
        // Over the step's maximum (it was hidden again after a reveal): the note stays private, not lost.
        if (room < 1) continue;
        room -= 1;
        const value: NoteValue = { ...note, authorId: this.seat, editedAt: null, merged: 0 };
        this.boardOps.push(() => map.set(note.id, value));
      }
      this.seatOps.push(() => own.delete(note.id));
    }
  }

  moveDefinition(stepId: string): void {
    const own = this.seatDoc.ownDefinition(stepId);
    if (!own) return;
    const define = new Define(this.board);
    const at = define.ownDefinition(stepId, this.seat)?.at ?? own.at;
    this.boardOps.push(() => define.ownDefinitionsMap(stepId).set(this.seat, { ...own, at }));
    const map = this.seatDoc.ownDefinitionsMap();
    this.seatOps.push(() => map.delete(stepId));
  }
}
