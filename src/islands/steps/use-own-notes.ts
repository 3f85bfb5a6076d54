/**
 * A participant's own notes on a notes step, wherever they are kept: in the
 * seat document (silent steps until the reveal, anonymous steps always; the
 * server publishes them) or on the board (named steps, silent ones after the
 * reveal). The island asks the rule table which of the two it may write now.
 */
import { useEffect, useMemo } from 'react';
import { noteLimit, Notes, type NoteAuthor } from '../../model/notes.ts';
import type { NoteValue } from '../../model/schema.ts';
import { SeatDoc } from '../../model/seat-doc.ts';
import { stepPseudonym } from '../../sync/device.ts';
import { useShared } from '../../sync/hooks.ts';
import type { StepProps } from './types.ts';
import { useSeatOpen, useStepOpen } from './use-step-open.ts';

export type OwnNotes = {
  model: Notes;
  /** Every note on the board, oldest first. */
  notes: NoteValue[];
  /** This person's notes that are still private (or, on anonymous steps, waiting for the server's next batch). */
  pending: NoteValue[];
  /** Ids of the board notes this person may call their own. */
  mine: ReadonlySet<string>;
  /** Where a new note goes now, or null when this person cannot add one. */
  target: 'seat' | 'board' | null;
  /** Notes counted against the step's per-person maximum. */
  count: number;
  add: (text: string) => 'ok' | 'limit_reached' | 'refused';
  edit: (noteId: string, text: string) => boolean;
  remove: (noteId: string) => void;
  /** May this person change this note (their own, while the rules let them)? */
  canChange: (noteId: string) => boolean;
};

export function useOwnNotes(
  props: Pick<StepProps<'notes'>, 'step' | 'workshop' | 'role' | 'connection' | 'identity'>,
): OwnNotes {
  const { step, role, connection, identity } = props;
  const model = useMemo(() => new Notes(connection.board.doc), [connection.board]);
  const seatDoc = connection.seatDoc;
  const own = useMemo(() => (seatDoc ? new SeatDoc(seatDoc) : null), [seatDoc]);
  const boardOpen = useStepOpen(props, 'notes').ok;
  const seatOpen = useSeatOpen(props).ok && own !== null;
  const notes = useShared([model.notesMap(step.id)], () => model.notes(step.id));
  const kept = useShared([own?.notesMap(step.id)], () => (own && role === 'participant' ? own.notes(step.id) : []));
  // The facilitator writes anonymous steps' notes on the board under its own pseudonym.
  const author: NoteAuthor = useMemo(
    () =>
      step.anonymous
        ? {
            id:
              stepPseudonym(connection.options.room, step.id, role === 'facilitator' ? 'facilitator' : 'participant') ??
              '',
            name: null,
          }
        : identity,
    [step.anonymous, step.id, connection.options.room, role, identity],
  );

  useEffect(() => {
    // A named silent note is published with the name its writer goes by at the reveal.
    if (!own || step.anonymous || !seatOpen) return;
    const renamed = kept.filter((n) => n.authorName !== identity.name);
    if (renamed.length > 0) own.renameNotes(step.id, renamed, identity.name);
  }, [own, step.anonymous, step.id, seatOpen, kept, identity.name]);

  const keptIds = new Set(kept.map((n) => n.id));
  const onBoard = new Set(notes.map((n) => n.id));
  const mine = new Set(
    notes
      .filter((n) => (step.anonymous && role === 'participant' ? keptIds.has(n.id) : n.authorId === author.id))
      .map((n) => n.id),
  );
  const pending = kept.filter((n) => !onBoard.has(n.id));
  const viaSeat = role === 'participant' && (step.anonymous || (step.silent && seatOpen));
  const target = viaSeat ? (seatOpen ? 'seat' : null) : boardOpen ? 'board' : null;
  const count = viaSeat ? kept.length : mine.size;
  const fromSeat = (noteId: string) =>
    role === 'participant' && keptIds.has(noteId) && (step.anonymous || !onBoard.has(noteId));

  return {
    model,
    notes,
    pending,
    mine,
    target,
    count,
    add(text) {
      const clean = text.trim().slice(0, noteLimit(step));
      if (step.maxPerPerson !== undefined && count >= step.maxPerPerson) return 'limit_reached';
      if (target === 'seat') {
        // An anonymous note keeps no name even in the seat: the server would drop it anyway.
        const writer = step.anonymous ? { id: identity.id, name: null } : identity;
        return own?.addNote(step.id, clean, writer) ? 'ok' : 'refused';
      }
      if (target === 'board') {
        const result = model.add(step, clean, author);
        return result.ok ? 'ok' : result.code === 'limit_reached' ? 'limit_reached' : 'refused';
      }
      return 'refused';
    },
    edit(noteId, text) {
      if (fromSeat(noteId)) return own?.editNote(step.id, noteId, text.slice(0, noteLimit(step))) ?? false;
      return model.edit(step, noteId, text, { id: author.id, facilitator: role === 'facilitator' });
    },
    remove(noteId) {
      if (fromSeat(noteId)) own?.removeNote(step.id, noteId);
      else model.remove(step.id, noteId, { id: author.id, facilitator: role === 'facilitator' });
    },
    canChange(noteId) {
      if (role === 'facilitator') return onBoard.has(noteId);
      if (fromSeat(noteId)) return seatOpen;
      return boardOpen && mine.has(noteId);
    },
  };
}
