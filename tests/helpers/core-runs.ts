/**
 * Full runs of the four core workshops, written through the typed wrappers
 * into any pair of documents (in memory, or a sync client's), the way the
 * browsers write them. Questions and ballots are schema values, as the
 * browsers' question and vote islands write them.
 */
import * as Y from 'yjs';
import { Behaviours } from '../../src/model/behaviours.ts';
import { Board } from '../../src/model/board.ts';
import { Control } from '../../src/model/control.ts';
import { Define } from '../../src/model/define.ts';
import { Groups } from '../../src/model/groups.ts';
import { Notes } from '../../src/model/notes.ts';
import { boardKeys, type DotsValue, type QuestionValue } from '../../src/model/schema.ts';
import { loadWorkshops } from '../../server/content/workshops.ts';
import type { StepOf, Workshop } from '../../src/model/workshop.ts';
import { WORKSHOPS_DIR } from './content.ts';
import { fiveWhysRun } from './five-whys-run.ts';
import { publishVote } from './votes.ts';

export const CORE_WORKSHOPS = ['five-whys', 'good-examples', 'service-minded', 'question-list'] as const;
export type CoreWorkshop = (typeof CORE_WORKSHOPS)[number];

export const workshopNamed = (id: string): Workshop => {
  const workshop = loadWorkshops(WORKSHOPS_DIR).get(id);
  if (!workshop) throw new Error(`no workshop ${id}`);
  return workshop;
};

export type Docs = { board: Y.Doc; control: Y.Doc };

const T0 = Date.UTC(2026, 2, 3, 8, 0);
const at = (minute: number) => T0 + minute * 60_000;
const people = {
  åse: { id: 'device-aase-00000000001', name: 'Åse' },
  øystein: { id: 'device-oeystein-0000002', name: 'Øystein' },
  ærling: { id: 'device-aerling-00000003', name: 'Ærling' },
  anon: { id: 'device-nameless-0000004', name: null },
};

export const DENOMINATOR = 'Vi tager ejerskab og følger helt til dørs på Ærø';
export const DEFINITION = 'Serviceinnstilt er å møte kunden med åpenhet, nysgjerrighet og ærlig omsorg hver dag';
export const BEHAVIOURS = [
  { text: 'Vi stiller spørsmål før vi svarer', how: 'To åpne spørsmål først', signs: 'Kunden forklarer mer' },
  { text: 'Vi følger opp', how: 'Ring tilbake innen én dag', signs: 'Færre gjentatte henvendelser' },
  { text: 'Vi smiler i stemmen', how: '', signs: 'Rolige samtaler, også på Røst' },
];

function notesStep(w: Workshop, id: string): StepOf<'notes'> {
  const found = w.steps.find((s) => s.id === id);
  if (found?.kind !== 'notes') throw new Error(`no notes step ${id} in ${w.id}`);
  return found;
}

/** Casts ballots the way a live room gets them: each in a voter's own seat document. */
export type CastBallots = (stepId: string, ballots: DotsValue[]) => void;

/** Writes a full run of a core workshop into `docs`; ballots go to `cast` when given (a live room). */
export function writeRun(id: CoreWorkshop, docs: Docs, cast?: CastBallots): void {
  const workshop = workshopNamed(id);
  switch (id) {
    case 'five-whys': {
      const run = fiveWhysRun();
      Y.applyUpdate(docs.board, Y.encodeStateAsUpdate(run.board));
      Y.applyUpdate(docs.control, Y.encodeStateAsUpdate(run.control));
      return;
    }
    case 'good-examples':
      return goodExamples(workshop, docs);
    case 'service-minded':
      return serviceMinded(docs);
    case 'question-list':
      return questionList(workshop, docs, cast);
  }
}

/** Stories (one merged, one edited), sorted into named groups and one unnamed, and the denominator agreed in words. */
function goodExamples(workshop: Workshop, docs: Docs): void {
  const notes = new Notes(docs.board);
  const rules = notesStep(workshop, 'stories');
  const story = (text: string, author: { id: string; name: string | null }, minute: number) => {
    const result = notes.add(rules, text, author, at(minute));
    if (!result.ok) throw new Error(result.code);
    return result.note.id;
  };
  const ids = [
    story('Kunden på Færøerne fik svar samme dag', people.åse, 1),
    story('En ældre dame blev ringet op igen', people.øystein, 2),
    story('Vi fandt løsningen sammen med kunden', people.ærling, 3),
    story('Kollegaen på Røst tog den ekstra tur', people.anon, 4),
    story('Vi ringede tilbage uden at blive bedt om det', people.åse, 5),
  ];
  const facilitator = { id: 'facilitator', facilitator: true };
  notes.merge('stories', ids[1]!, ids[4]!, facilitator, at(6));
  notes.edit(rules, ids[0]!, 'Kunden på Færøerne fik svar samme dag – og en opfølgning', facilitator, at(7));
  const groups = new Groups(docs.board);
  const follow = groups.addGroup('common', 'Vi følger op', at(10));
  const together = groups.addGroup('common', 'Sammen med kunden', at(11));
  groups.addGroup('common', '', at(12));
  groups.moveNote('common', ids[0]!, follow.id);
  groups.moveNote('common', ids[1]!, follow.id);
  groups.moveNote('common', ids[2]!, together.id);
  const board = new Board(docs.board);
  const control = new Control(docs.control);
  board.replaceStatementDraft('denominator', 'Vi tager ejerskab');
  control.saveStatementVersion('denominator', 'Vi tager ejerskab', at(20));
  board.replaceStatementDraft('denominator', DENOMINATOR);
  control.saveStatementVersion('denominator', DENOMINATOR, at(22));
  control.goToStep('result');
}

/** Own definitions (one without a name), an agreed definition after an objection, and ranked behaviours. */
function serviceMinded(docs: Docs): void {
  const board = new Board(docs.board);
  const control = new Control(docs.control);
  const define = new Define(docs.board);
  control.setTeamName('Kundeservice på Røst');
  control.setRevealed('definition', true);
  define.publishOwn('definition', people.åse, 'Å være nysgjerrig på kunden', at(1));
  define.publishOwn('definition', people.anon, 'Ærlig hjelp, også når svaret er nei', at(2));
  define.publishOwn('definition', people.ærling, 'Møte folk der de er', at(2));
  define.agreedDraft('definition').insert(0, DEFINITION);
  control.saveStatementVersion('definition', DEFINITION, at(10));
  control.propose('agreement', DEFINITION, at(11));
  board.castConsent('agreement', people.åse, 'agree', '', at(11), at(12));
  board.castConsent('agreement', people.øystein, 'live', 'Kanskje kortere', at(11), at(12));
  board.castConsent('agreement', people.ærling, 'object', 'Mangler «hver dag»', at(11), at(13));
  board.castConsent('agreement', people.anon, 'object', 'For langt', at(11), at(13));
  control.markAgreed('agreement', at(15));
  const behaviours = new Behaviours(docs.board);
  const added = BEHAVIOURS.map((fields, i) => {
    const result = behaviours.add('behaviours', fields, i === 1 ? people.øystein : people.åse, { now: at(20 + i) });
    if (!result.ok) throw new Error(result.code);
    return result.behaviour;
  });
  behaviours.moveTo('behaviours', added[2]!.id, 0);
}

export const QUESTIONS = [
  { text: 'Hvad er vigtigst for dig i dag?', type: 'open', moment: 'opening', purpose: 'Kundens mål' },
  { text: 'Har du prøvet at genstarte?', type: 'closed', moment: 'check', purpose: 'Udelukke det åbenlyse' },
  { text: 'Hvordan oplevede du ventetiden?', type: 'open', moment: 'closing', purpose: 'Lære af forløbet' },
  { text: 'Hvad skal der til, før det er løst for dig?', type: 'open', moment: 'need', purpose: 'Fælles mål' },
  { text: 'Er der andet, jeg kan hjælpe med?', type: 'closed', moment: 'closing', purpose: '' },
] as const;

/** A gross-list of questions and a vote on it (one ballot breaks the per-item rule and does not count). */
function questionList(workshop: Workshop, docs: Docs, cast: CastBallots | undefined): void {
  const questions = docs.board.getMap(boardKeys.questions('questions'));
  const ids = QUESTIONS.map((q, i) => {
    const author = [people.åse, people.øystein, people.anon][i % 3]!;
    const value: QuestionValue = { id: `q-${i + 1}`, ...q, authorId: author.id, authorName: author.name, at: at(i) };
    questions.set(value.id, value);
    return value.id;
  });
  const ballot = (name: string | null, dots: Record<string, number>, minute: number): DotsValue => ({
    dots,
    name,
    at: at(minute),
  });
  new Control(docs.control).setRevealed('core', true);
  const ballots = [
    ballot('Åse', { [ids[0]!]: 2, [ids[3]!]: 2, [ids[2]!]: 1 }, 20),
    ballot('Øystein', { [ids[3]!]: 1, [ids[1]!]: 1 }, 21),
    ballot('Ærling', { [ids[0]!]: 1 }, 22),
    ballot(null, { [ids[4]!]: 5 }, 23),
  ];
  // Ballots are cast in seat documents: a live room gets them through `castBallots`, in memory the count is published here.
  if (cast) cast('core', ballots);
  else publishVote(docs, workshop, 'core', ballots);
}
