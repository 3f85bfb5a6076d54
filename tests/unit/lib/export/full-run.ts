/**
 * A room that ran every activity kind, written through the wrappers where they
 * exist (notes, groups, define, behaviours) and as schema values otherwise
 * (questions, votes, carried items), the way the browsers write them:
 *   stories (anonymous, silent) → themes (groups) → purpose (statement) → consent,
 *   define → consent → behaviours (ranked), questions → vote (keep top 3).
 */
import * as Y from 'yjs';
import { Behaviours } from '../../../../src/model/behaviours.ts';
import { Board } from '../../../../src/model/board.ts';
import { Control } from '../../../../src/model/control.ts';
import { Define } from '../../../../src/model/define.ts';
import { Groups } from '../../../../src/model/groups.ts';
import type { Locale } from '../../../../src/model/locale.ts';
import { Notes } from '../../../../src/model/notes.ts';
import {
  boardKeys,
  controlKeys,
  type CarriedValue,
  type DotsValue,
  type QuestionValue,
} from '../../../../src/model/schema.ts';
import { workshopSchema, type StepOf, type Workshop } from '../../../../src/model/workshop.ts';
import { buildExport, type ExportModel } from '../../../../src/lib/export/model.ts';
import { publishVote } from '../../../helpers/votes.ts';

export const T0 = Date.UTC(2026, 4, 20, 7, 30);
const at = (minutes: number) => T0 + minutes * 60_000;
const text = (da: string, nb = da, en = da) => ({ da, nb, en });

export const PURPOSE = 'Vi gør det svære enkelt for kunder på Ærø og Røst';
export const DEFINITION = 'Serviceinnstilt er å møte kunden med åpenhet, nysgjerrighet og ærlig omsorg';
export const BEHAVIOURS = [
  { text: 'Vi spør før vi svarer', how: 'Stil to åpne spørsmål før løsningen', signs: 'Kunden forklarer mer' },
  { text: 'Vi følger opp', how: 'Ring tilbake innen én dag', signs: 'Færre gjentatte henvendelser' },
  { text: 'Vi smiler i stemmen', how: 'Stå opp når vi tar telefonen', signs: 'Rolige samtaler, også når det blåser' },
];
export const QUESTIONS = [
  { text: 'Hvad er vigtigst for dig i dag?', type: 'open', moment: 'opening', purpose: 'Få øje på kundens mål' },
  { text: 'Har du prøvet at genstarte?', type: 'closed', moment: 'digging', purpose: 'Udelukke det åbenlyse' },
  { text: 'Hvordan oplevede du ventetiden?', type: 'open', moment: 'closing', purpose: 'Lære af forløbet' },
  { text: 'Er der andet, jeg kan hjælpe med?', type: 'closed', moment: 'closing', purpose: 'Runde samtalen af' },
] as const;
export const STORIES = [
  'Kunden på Færøerne fik svar på én dag',
  'En ældre dame blev ringet op igen, så hun ikke skulle vente',
  'Vi fandt løsningen sammen med kunden i stedet for at gætte',
  'Kollegaen på Røst tog den ekstra tur',
];

export function fullWorkshop(): Workshop {
  const base = (id: string, title: string) => ({
    id,
    title: text(title),
    instruction: text('Gør det.', 'Gjør det.', 'Do it.'),
  });
  return workshopSchema.parse({
    id: 'full-run',
    title: text('Gode eksempler og adfærd på Ærø', 'Gode eksempler og atferd på Røst', 'Good examples and behaviours'),
    summary: text('Alt på én gang.'),
    minutes: 120,
    steps: [
      { ...base('intro', 'Velkommen'), kind: 'brief', body: text('Hej') },
      { ...base('stories', 'Gode historier'), kind: 'notes', length: 'story', silent: true, anonymous: true },
      { ...base('themes', 'Fællesnævneren'), kind: 'group', source: 'stories' },
      { ...base('purpose', 'Jeres sætning'), kind: 'statement', minWords: 7, maxWords: 12, tooLongHint: text('Kort') },
      { ...base('agree-purpose', 'Kan vi stå inde for den?'), kind: 'consent', statementStep: 'purpose' },
      {
        ...base('define', 'Hvad betyder serviceinnstilt?'),
        kind: 'define',
        term: text('serviceinnstilt'),
        draftInstruction: text('Skriv én fælles'),
        minWords: 5,
        maxWords: 20,
      },
      { ...base('agree-definition', 'Er vi enige?'), kind: 'consent', statementStep: 'define' },
      { ...base('behaviours', 'Adfærd'), kind: 'behaviours', source: 'define', carryIn: ['ask-questions'] },
      {
        ...base('questions', 'Bruttoliste'),
        kind: 'questions',
        moments: [
          { id: 'opening', label: text('Åbning', 'Åpning', 'Opening') },
          { id: 'digging', label: text('Grav dybere', 'Grav dypere', 'Digging deeper') },
          { id: 'closing', label: text('Afslutning', 'Avslutning', 'Closing') },
        ],
      },
      { ...base('core', 'Kernelisten'), kind: 'vote', source: 'questions', budget: 3, keepTop: 3 },
      { ...base('result', 'Resultatet'), kind: 'result' },
    ],
  });
}

function notesStep(w: Workshop, id: string): StepOf<'notes'> {
  const step = w.steps.find((s) => s.id === id);
  if (step?.kind !== 'notes') throw new Error(`no notes step ${id}`);
  return step;
}

export type FullRun = {
  workshop: Workshop;
  board: Y.Doc;
  control: Y.Doc;
  /** Named people; `pseudonyms` wrote the anonymous stories. */
  people: Record<'åse' | 'øystein' | 'ærling', { id: string; name: string }>;
  pseudonyms: string[];
  questionIds: string[];
};

export function fullRun(): FullRun {
  const workshop = fullWorkshop();
  const board = new Y.Doc();
  const control = new Y.Doc();
  const people = {
    åse: { id: 'device-aase-000000000001', name: 'Åse' },
    øystein: { id: 'device-oeystein-0000002', name: 'Øystein' },
    ærling: { id: 'device-aerling-00000003', name: 'Ærling' },
  };
  const pseudonyms = ['anon-story-1', 'anon-story-2', 'anon-story-3', 'anon-story-4'];
  const c = new Control(control);

  // Good examples: silent, anonymous stories published at reveal, then grouped and named.
  const notes = new Notes(board);
  const rules = notesStep(workshop, 'stories');
  c.setRevealed('stories', true);
  const storyIds = STORIES.map((story, i) => {
    const result = notes.add(rules, story, { id: pseudonyms[i]!, name: 'Skal ikke ses' }, at(5 + i));
    if (!result.ok) throw new Error(result.code);
    return result.note.id;
  });
  const groups = new Groups(board);
  const fast = groups.addGroup('themes', 'Hurtig og personlig hjælp', at(20));
  const together = groups.addGroup('themes', 'Sammen med kunden', at(21));
  groups.addGroup('themes', '', at(22));
  groups.moveNote('themes', storyIds[0]!, fast.id);
  groups.moveNote('themes', storyIds[1]!, fast.id);
  groups.moveNote('themes', storyIds[2]!, together.id);
  groups.moveNote('themes', storyIds[3]!, fast.id);

  // The purpose sentence, saved twice and agreed.
  const b = new Board(board);
  b.replaceStatementDraft('purpose', 'Vi hjælper kunder på øerne');
  c.saveStatementVersion('purpose', 'Vi hjælper kunder på øerne', at(30));
  b.replaceStatementDraft('purpose', PURPOSE);
  c.saveStatementVersion('purpose', PURPOSE, at(35));
  c.propose('agree-purpose', PURPOSE, at(40));
  b.castConsent('agree-purpose', people.åse, 'agree', '', at(40), at(41));
  b.castConsent('agree-purpose', people.øystein, 'live', '', at(40), at(42));
  c.markAgreed('agree-purpose', at(45));

  // Define: own definitions side by side, then one agreed.
  const define = new Define(board);
  define.publishOwn('define', people.åse, 'Å være nysgjerrig på kunden', at(50));
  define.publishOwn('define', { id: people.øystein.id, name: null }, 'Ærlig hjælp, også når svaret er nej', at(51));
  define.publishOwn('define', people.ærling, 'Møte folk der de er', at(52));
  // Own definitions reach the board at the reveal (use-publish-drafts).
  c.setRevealed('define', true);
  define.agreedDraft('define').insert(0, DEFINITION);
  c.saveStatementVersion('define', DEFINITION, at(55));
  c.propose('agree-definition', DEFINITION, at(56));
  b.castConsent('agree-definition', people.ærling, 'object', 'Lidt lang – måske «ærlig» væk?', at(56), at(57));
  c.markAgreed('agree-definition', at(58));

  // Behaviours, then the facilitator moves the last one to the top.
  const behaviours = new Behaviours(board);
  const added = BEHAVIOURS.map((fields, i) => {
    const result = behaviours.add('behaviours', fields, people.øystein, { now: at(60 + i) });
    if (!result.ok) throw new Error(result.code);
    return result.behaviour;
  });
  behaviours.moveTo('behaviours', added[2]!.id, 0);
  const carried: CarriedValue = {
    id: 'carried-1',
    text: 'Stil spørgsmål',
    detail: 'Åbne spørgsmål først',
    from: 'Serviceinnstilt, 3. marts',
    at: at(59),
  };
  control.getArray(controlKeys.carried('behaviours')).push([carried]);

  // Questions, and a vote that keeps the top three.
  const questionIds = QUESTIONS.map((q, i) => {
    const value: QuestionValue = {
      id: `question-${i + 1}`,
      ...q,
      authorId: people.åse.id,
      authorName: i === 3 ? null : people.åse.name,
      at: at(70 + i),
    };
    board.getMap(boardKeys.questions('questions')).set(value.id, value);
    return value.id;
  });
  const ballot = (name: string | null, dots: Record<string, number>, minute: number): DotsValue => ({
    dots,
    name,
    at: at(minute),
  });
  c.setRevealed('core', true);
  // Ballots sit in each voter's seat document; the server publishes what they add up to.
  publishVote({ board, control }, workshop, 'core', [
    ballot('Åse', { [questionIds[2]!]: 2, [questionIds[0]!]: 1 }, 80),
    ballot('Øystein', { [questionIds[0]!]: 2, [questionIds[1]!]: 1 }, 81),
    ballot('Ærling', { [questionIds[2]!]: 1 }, 82),
    // Over budget (a faulty client): left out whole.
    ballot(null, { [questionIds[3]!]: 9 }, 83),
  ]);

  return { workshop, board, control, people, pseudonyms, questionIds };
}

export function exportOfFullRun(locale: Locale = 'da'): { run: FullRun; model: ExportModel } {
  const run = fullRun();
  const model = buildExport({
    room: 'room-full-run',
    workshop: run.workshop,
    locale,
    createdAt: T0,
    board: run.board,
    control: run.control,
    now: at(95),
  });
  return { run, model };
}
