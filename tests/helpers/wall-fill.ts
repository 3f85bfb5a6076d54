/**
 * Fills a room's documents with a full room's worth of contributions (40 of
 * typical length), written through the typed wrappers as the browsers write
 * them. Used by the wall's browser tests and the screenshot in docs/.
 */
import type * as Y from 'yjs';
import { Behaviours } from '../../src/model/behaviours.ts';
import { Board } from '../../src/model/board.ts';
import { Control } from '../../src/model/control.ts';
import { Define } from '../../src/model/define.ts';
import { Groups } from '../../src/model/groups.ts';
import { Notes } from '../../src/model/notes.ts';
import { Questions } from '../../src/model/questions.ts';
import type { StepOf, Workshop } from '../../src/model/workshop.ts';
import { publishVote } from './votes.ts';

export type WallDocs = { board: Y.Doc; control: Y.Doc };

/** Sentences of the lengths people type on a phone in a workshop: 4 to 16 words. */
const PHRASES = [
  'Because the customer should feel safe when they call us',
  'So nobody has to explain their problem twice',
  'We want to solve it the first time',
  'Because trust is built in the small moments',
  'So the customer knows what happens next and when',
  'It saves everyone time in the long run',
  'Because a calm customer listens better',
  'So we learn what really matters to people',
  'We are proud of doing things properly',
  'Because word of mouth is how most new customers find us',
  'So colleagues can take over without starting again',
  'It makes the job more meaningful',
  'Because people remember how we made them feel',
  'To keep promises we made on the phone',
  'So that fewer cases come back to us',
  'Because the customer pays our salaries, in the end',
  'We like helping people',
  'So our answers are the same whoever picks up',
  'Because it is the right thing to do, even when nobody checks',
  'To make the next conversation easier',
];

export const wallText = (i: number): string => {
  const phrase = PHRASES[i % PHRASES.length]!;
  return i < PHRASES.length ? phrase : `${phrase} (${Math.floor(i / PHRASES.length) + 1})`;
};

const person = (i: number) => ({
  id: `wall-person-${String(i).padStart(9, '0')}`,
  name: ['Ada', 'Bo', 'Cai', 'Dina', 'Emil', 'Frida', 'Gus', 'Hanne'][i % 8]! + ` ${i + 1}`,
});

function stepOf<K extends Workshop['steps'][number]['kind']>(w: Workshop, kind: K): StepOf<K> {
  const step = w.steps.find((s) => s.kind === kind);
  if (!step) throw new Error(`${w.id} has no ${kind} step`);
  return step as StepOf<K>;
}

/** `count` answers to the ladder's first why (or to round `round` after earlier picks), some supported. */
export function fillLadder(w: Workshop, docs: WallDocs, count: number, round = 0): StepOf<'ladder'> {
  const step = stepOf(w, 'ladder');
  const board = new Board(docs.board);
  const control = new Control(docs.control);
  for (let r = 0; r < round; r += 1) {
    const picked = board.addLadderAnswer(step.id, r, wallText(100 + r), person(r), 1000 + r);
    control.pickLadderAnswer(step.id, r, picked!.id, picked!.text, 2000 + r);
  }
  for (let i = 0; i < count; i += 1) {
    const answer = board.addLadderAnswer(step.id, round, wallText(i), person(i), 10_000 + i);
    if (answer && i % 3 === 0) board.toggleLadderSupport(step.id, answer.id, person(i + 1).id);
  }
  control.goToStep(step.id);
  return step;
}

/** `count` notes on the notes step (revealed), and when `groups` > 0 sorted into that many named groups. */
export function fillNotes(w: Workshop, docs: WallDocs, count: number, groups = 0): void {
  const step = stepOf(w, 'notes');
  const notes = new Notes(docs.board);
  const control = new Control(docs.control);
  control.setRevealed(step.id, true);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const added = notes.add(step, wallText(i), person(i), 10_000 + i);
    if (!added.ok) throw new Error(added.code);
    ids.push(added.note.id);
  }
  if (groups === 0) {
    control.goToStep(step.id);
    return;
  }
  const group = stepOf(w, 'group');
  const wrapper = new Groups(docs.board);
  const made = Array.from({ length: groups }, (_, g) => wrapper.addGroup(group.id, `Theme ${g + 1}`, 20_000 + g));
  ids.forEach((id, i) => wrapper.moveNote(group.id, id, made[i % groups]!.id));
  control.goToStep(group.id);
}

/** `count` questions spread over the step's moments. */
export function fillQuestions(w: Workshop, docs: WallDocs, count: number): string[] {
  const step = stepOf(w, 'questions');
  const questions = new Questions(docs.board);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const moment = step.moments[i % step.moments.length]!.id;
    const fields = { text: `${wallText(i)}?`, type: i % 2 ? 'open' : 'closed', moment, purpose: '' } as const;
    const added = questions.add(step, fields, person(i), 10_000 + i);
    if (!added.ok) throw new Error(added.code);
    ids.push(added.question.id);
  }
  new Control(docs.control).goToStep(step.id);
  return ids;
}

/**
 * `count` questions, then the vote on them with every one getting a dot or
 * more, revealed. Ballots live in each voter's own seat document, so the
 * result is published into the board as the server's vote publisher would.
 */
export function fillVote(w: Workshop, docs: WallDocs, count: number): void {
  const ids = fillQuestions(w, docs, count);
  const step = stepOf(w, 'vote');
  const ballots = ids.map((id, i) => ({ dots: { [id]: 1 + (i % 3) }, name: person(i).name, at: 30_000 + i }));
  const control = new Control(docs.control);
  control.setRevealed(step.id, true);
  publishVote(docs, w, step.id, ballots);
  control.goToStep(step.id);
}

/** `count` behaviours, each with how and signs. */
export function fillBehaviours(w: Workshop, docs: WallDocs, count: number): void {
  const step = stepOf(w, 'behaviours');
  const behaviours = new Behaviours(docs.board);
  for (let i = 0; i < count; i += 1) {
    const fields = { text: wallText(i), how: wallText(i + 7), signs: wallText(i + 13) };
    const added = behaviours.add(step.id, fields, person(i), { now: 10_000 + i });
    if (!added.ok) throw new Error(added.code);
  }
  new Control(docs.control).goToStep(step.id);
}

/** `count` own definitions, revealed. */
export function fillDefinitions(w: Workshop, docs: WallDocs, count: number): void {
  const step = stepOf(w, 'define');
  const define = new Define(docs.board);
  const control = new Control(docs.control);
  control.setRevealed(step.id, true);
  for (let i = 0; i < count; i += 1) define.publishOwn(step.id, person(i), wallText(i), 10_000 + i);
  control.goToStep(step.id);
}
