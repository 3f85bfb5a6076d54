/**
 * The seat part of the rule table (src/model/rules.ts): what a participant may
 * keep in its own seat document, which the server syncs with that seat only
 * and publishes from (server/rooms/vote-results.ts, server/rooms/seat-publisher.ts).
 * Enforced by server/rooms/update-guard.ts; the islands ask `seatStepOpen`.
 */
import { noteLimit } from './notes.ts';
import { no, OK, parse, stepOpenTo, type Entry, type RoomView, type Verdict, type Writer } from './rules.ts';
import { dotsValue, noteValue, ownDefinitionValue, seatKeys, SEAT_NOTES } from './schema.ts';
import { validBallot } from './vote-rule.ts';
import type { WorkshopStep } from './workshop.ts';

/**
 * What a seat may keep in its own document (synced with that seat only),
 * always while the step is current and not locked:
 * - `vote.ballots`: its ballot of each vote step, under the vote step's id,
 *   within the budget and the per-item limit (the ballot of a locked vote
 *   cannot change, so a revealed result cannot move behind the facilitator's back);
 * - `notes.private/<step>`: its notes of a silent step until the reveal, and of
 *   an anonymous step at any time (edits and removals go through here too),
 *   within the step's text and per-person limits;
 * - `define.private`: its own definition of each define step, until the reveal
 *   (after it the definition is on the board and changed there);
 * - `published`: nothing; only the server writes what it published.
 */
export function seatEntryVerdict(
  root: string,
  entry: Entry,
  adding: boolean,
  writer: Writer,
  room: RoomView,
  existing: () => readonly Entry[] = () => [],
): Verdict {
  if (root === seatKeys.ballots) return ballotVerdict(entry, adding, writer, room);
  if (root === seatKeys.ownDefinitions) return ownDefinitionVerdict(entry, adding, writer, room);
  if (root.startsWith(`${SEAT_NOTES}/`)) return privateNoteVerdict(root, entry, adding, writer, room, existing);
  return no('not_allowed', `"${root}" is not part of a seat`);
}

/** May this writer write its private entries of this step (notes, own definition) right now? */
export function seatStepOpen(writer: Writer, step: WorkshopStep, room: RoomView): Verdict {
  const open = stepOpenTo(writer, step, room, SEAT_NOTES);
  if (!open.ok) return open;
  const revealed = room.tools(step.id).revealed;
  if (step.kind === 'notes') {
    if (step.anonymous || (step.silent && !revealed)) return OK;
    return no('not_allowed', 'notes of this step are written on the board');
  }
  if (step.kind === 'define') {
    return revealed ? no('not_allowed', 'the own definitions are revealed; change yours on the board') : OK;
  }
  return no('not_allowed', 'this step keeps nothing private');
}

function ballotVerdict(entry: Entry, adding: boolean, writer: Writer, room: RoomView): Verdict {
  const step = room.workshop.steps.find((s) => s.id === entry.key);
  if (step?.kind !== 'vote') return no('not_allowed', `"${entry.key}" is not a vote of this workshop`);
  const open = stepOpenTo(writer, step, room, seatKeys.ballots);
  if (!open.ok) return open;
  if (!adding) return OK;
  const ballot = parse(dotsValue, entry.value);
  if (!ballot) return no('invalid', 'a ballot has whole dots per item');
  return validBallot(ballot.dots, step, new Set(Object.keys(ballot.dots)))
    ? OK
    : no('budget', 'the ballot is over the budget');
}

function ownDefinitionVerdict(entry: Entry, adding: boolean, writer: Writer, room: RoomView): Verdict {
  const step = room.workshop.steps.find((s) => s.id === entry.key);
  if (step?.kind !== 'define') return no('not_allowed', `"${entry.key}" is not a define step of this workshop`);
  const open = seatStepOpen(writer, step, room);
  if (!open.ok) return open;
  return !adding || parse(ownDefinitionValue, entry.value) ? OK : no('invalid', 'a definition is one short text');
}

function privateNoteVerdict(
  root: string,
  entry: Entry,
  adding: boolean,
  writer: Writer,
  room: RoomView,
  existing: () => readonly Entry[],
): Verdict {
  const stepId = root.slice(SEAT_NOTES.length + 1);
  const step = room.workshop.steps.find((s) => s.id === stepId);
  if (step?.kind !== 'notes' || !(step.silent || step.anonymous)) {
    return no('not_allowed', `"${stepId}" is not a silent or anonymous notes step`);
  }
  const open = seatStepOpen(writer, step, room);
  if (!open.ok || !adding) return open;
  const note = parse(noteValue, entry.value);
  if (!note || note.id !== entry.key) return no('invalid', 'the note does not have the expected shape');
  if (note.text.length > noteLimit(step))
    return no('too_large', `a note of this step has at most ${noteLimit(step)} characters`);
  if (step.maxPerPerson !== undefined && existing().length > step.maxPerPerson) {
    return no('limit_reached', `at most ${step.maxPerPerson} per person on this step`);
  }
  return OK;
}
