import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  buildExport,
  EXPORT_FORMAT,
  type ExportedResult,
  type ExportedStep,
} from '../../../../src/lib/export/model.ts';
import { exportSchema, parseExport } from '../../../../src/lib/export/schema.ts';
import { Board } from '../../../../src/model/board.ts';
import { Control } from '../../../../src/model/control.ts';
import { boardKeys } from '../../../../src/model/schema.ts';
import { loadFiveWhys } from '../../../helpers/content.ts';
import { AGREED, AGREED_WORDS, exportOfRun, PICKS, T0 } from '../../../helpers/five-whys-run.ts';
import { BEHAVIOURS, DEFINITION, exportOfFullRun, PURPOSE, QUESTIONS, STORIES } from './full-run.ts';

const iso = (ms: number) => new Date(ms).toISOString();

function stepOfKind<K extends ExportedStep['kind']>(steps: ExportedStep[], kind: K) {
  const step = steps.find((s): s is Extract<ExportedStep, { kind: K }> => s.kind === kind);
  if (!step) throw new Error(`no ${kind} step in the export`);
  return step;
}

function resultOfKind<K extends ExportedResult['kind']>(results: ExportedResult[], kind: K) {
  const result = results.find((r): r is Extract<ExportedResult, { kind: K }> => r.kind === kind);
  if (!result) throw new Error(`no ${kind} result in the export`);
  return result;
}

describe('buildExport of a full 5 × hvorfor session', () => {
  it('describes the export itself: format, version, room, workshop, language, zone, times', () => {
    const { run, model } = exportOfRun('da');
    expect(model).toMatchObject({
      format: EXPORT_FORMAT,
      version: 2,
      room: 'room-for-test',
      workshop: { id: 'five-whys', title: '5 × hvorfor: teamets formål' },
      locale: 'da',
      timeZone: 'Europe/Copenhagen',
      createdAt: iso(T0),
      exportedAt: iso(run.times.exportedAt),
    });
    expect(exportOfRun('nb').model.timeZone).toBe('Europe/Oslo');
    expect(model.steps.map((s) => `${s.id}:${s.kind}`)).toEqual([
      'intro:brief',
      'ladder:ladder',
      'statement:statement',
      'agreement:consent',
      'result:result',
    ]);
  });

  it('leads with the agreed sentence, not the draft typed after it', () => {
    const { run, model } = exportOfRun();
    expect(model.results).toEqual([
      {
        kind: 'statement',
        stepId: 'statement',
        title: 'Jeres sætning',
        text: AGREED,
        words: AGREED_WORDS,
        agreed: true,
        agreedAt: iso(run.times.agreedAt),
      },
    ]);
    expect(stepOfKind(model.steps, 'statement').draft).toBe(`${AGREED} – og i Åbenrå`);
  });

  it('counts each person who posted, supported or signalled on the current proposal once', () => {
    expect(exportOfRun().model.participantCount).toBe(4);
  });

  it('gives the ladder as rungs with the picked answers, and every answer ranked per round', () => {
    const ladder = stepOfKind(exportOfRun('da').model.steps, 'ladder');
    expect(ladder.rungs.map((r) => r.answer)).toEqual(PICKS);
    expect(ladder.rungs[1]?.question).toBe('Hvorfor er det vigtigt, at vi hjælper kunden?');
    expect(ladder.answers).toHaveLength(11);
    expect(ladder.answers.slice(0, 3).map(({ id: _id, ...a }) => a)).toEqual([
      { round: 0, text: 'Vi hjælper kunden.', author: 'Anna', supporters: 2 },
      { round: 0, text: 'Bo svarer i runde 1', author: 'Bo', supporters: 0 },
      { round: 1, text: 'Kunden kommer videre', author: 'Bo', supporters: 1 },
    ]);
    expect(ladder.answers.find((a) => a.text === 'Et anonymt svar')?.author).toBeNull();
  });

  it('gives the statement its versions and the consent round its tally and anonymous objection', () => {
    const { run, model } = exportOfRun();
    const statement = stepOfKind(model.steps, 'statement');
    expect(statement.versions.map((v) => v.text)).toEqual(['Vi hjælper kunder', AGREED]);
    expect(stepOfKind(model.steps, 'consent')).toMatchObject({
      statementStep: 'statement',
      proposal: AGREED,
      proposedAt: iso(run.times.proposedAt),
      agreedText: AGREED,
      tally: { agree: 1, live: 1, object: 1 },
      objections: [{ name: null, note: 'Lidt for langt' }],
    });
  });

  it('never carries participant ids, and is valid by its own schema', () => {
    const { run, model } = exportOfRun();
    const json = JSON.stringify(model);
    for (const person of Object.values(run.people)) expect(json).not.toContain(person.id);
    expect(parseExport(JSON.parse(json))).toEqual(model);
  });
});

describe('buildExport of a room that ran every activity kind', () => {
  const { run, model } = exportOfFullRun('da');

  it('puts the results first, in the order purpose, definition, behaviours, chosen list, groups', () => {
    expect(model.results.map((r) => `${r.kind}:${r.stepId}`)).toEqual([
      'statement:purpose',
      'definition:define',
      'behaviours:behaviours',
      'chosen:core',
      'groups:themes',
    ]);
    expect(resultOfKind(model.results, 'statement')).toMatchObject({ text: PURPOSE, agreed: true, words: 11 });
    expect(resultOfKind(model.results, 'definition')).toMatchObject({
      text: DEFINITION,
      term: 'serviceinnstilt',
      agreed: true,
    });
  });

  it('lists the behaviours in priority order, with how and signs', () => {
    const behaviours = resultOfKind(model.results, 'behaviours');
    const [first, second, third] = BEHAVIOURS;
    expect(behaviours.items.map(({ id: _id, ...b }) => b)).toEqual([
      { position: 1, ...third },
      { position: 2, ...first },
      { position: 3, ...second },
    ]);
  });

  it('keeps the top three questions of the vote with their type, moment and purpose; equal dots share a rank', () => {
    const chosen = resultOfKind(model.results, 'chosen');
    expect(chosen).toMatchObject({ sourceStepId: 'questions', sourceKind: 'questions', title: 'Kernelisten' });
    expect(chosen.items.map((i) => [i.rank, i.text, i.dots, i.question?.momentLabel, i.question?.type])).toEqual([
      [1, QUESTIONS[0].text, 3, 'Åbning', 'open'],
      [1, QUESTIONS[2].text, 3, 'Afslutning', 'open'],
      [3, QUESTIONS[1].text, 1, 'Grav dybere', 'closed'],
    ]);
    expect(chosen.items[0]?.question?.purpose).toBe(QUESTIONS[0].purpose);
  });

  it('names the common denominators: the named groups with their sizes', () => {
    expect(resultOfKind(model.results, 'groups').groups.map(({ id: _id, ...g }) => g)).toEqual([
      { name: 'Hurtig og personlig hjælp', size: 3 },
      { name: 'Sammen med kunden', size: 1 },
    ]);
  });

  it('counts contributors without adding anonymous pseudonyms to named people', () => {
    // Three named people; four stories from four pseudonyms that may be the same three people or others.
    expect(model.participantCount).toBe(4);
  });

  it('gives the vote its full ranking, voters and reveal state; a ballot over budget does not count', () => {
    const vote = stepOfKind(model.steps, 'vote');
    expect(vote).toMatchObject({ source: 'questions', budget: 3, keepTop: 3, revealed: true, voters: 3 });
    expect(vote.ranking.map((r) => [r.rank, r.dots])).toEqual([
      [1, 3],
      [1, 3],
      [3, 1],
      [4, 0],
    ]);
  });

  it('shows own definitions side by side, named only where their authors gave a name', () => {
    const define = stepOfKind(model.steps, 'define');
    expect(define.ownDefinitions.map((d) => [d.author, d.text])).toEqual([
      ['Åse', 'Å være nysgjerrig på kunden'],
      [null, 'Ærlig hjælp, også når svaret er nej'],
      ['Ærling', 'Møte folk der de er'],
    ]);
    expect(define.draft).toBe(DEFINITION);
    expect(define.versions).toHaveLength(1);
  });

  it('keeps the stories in their groups without any author, and carried items on their step', () => {
    expect(stepOfKind(model.steps, 'notes')).toMatchObject({ anonymous: true });
    expect(stepOfKind(model.steps, 'notes').notes.map((n) => [n.text, n.author])).toEqual(
      STORIES.map((s) => [s, null]),
    );
    const group = stepOfKind(model.steps, 'group');
    expect(group.groups.map((g) => [g.name, g.notes.map((n) => n.text)])).toEqual([
      ['Hurtig og personlig hjælp', [STORIES[0], STORIES[1], STORIES[3]]],
      ['Sammen med kunden', [STORIES[2]]],
      ['', []],
    ]);
    expect(stepOfKind(model.steps, 'behaviours').carried).toEqual([
      {
        id: 'carried-1',
        text: 'Stil spørgsmål',
        detail: 'Åbne spørgsmål først',
        from: 'Serviceinnstilt, 3. marts',
        at: expect.any(String),
      },
    ]);
  });

  it('never names an anonymous author, even when a client wrote a name into an anonymous note', () => {
    const board = new Y.Doc();
    Y.applyUpdate(board, Y.encodeStateAsUpdate(run.board));
    board.getMap(boardKeys.notes('stories')).set('forged-note', {
      id: 'forged-note',
      text: 'Skrevet med navn',
      authorId: 'anon-forged',
      authorName: 'Ragnhild Åsheim',
      at: T0,
    });
    const forged = buildExport({ ...inputOf(run), board });
    const json = JSON.stringify(forged);
    expect(json).toContain('Skrevet med navn');
    expect(json).not.toContain('Ragnhild');
    expect(json).not.toContain('Skal ikke ses');
    for (const id of [...run.pseudonyms, ...Object.values(run.people).map((p) => p.id)]) expect(json).not.toContain(id);
  });

  it('labels question moments in the room language', () => {
    const nb = exportOfFullRun('nb').model;
    expect(stepOfKind(nb.steps, 'questions').items.map((q) => q.momentLabel)).toEqual([
      'Åpning',
      'Grav dypere',
      'Avslutning',
      'Avslutning',
    ]);
  });

  it('is valid by the export schema', () => {
    expect(exportSchema.safeParse(JSON.parse(JSON.stringify(model))).success).toBe(true);
  });
});

function inputOf(run: ReturnType<typeof exportOfFullRun>['run']) {
  return {
    room: 'r',
    workshop: run.workshop,
    locale: 'da' as const,
    createdAt: T0,
    board: run.board,
    control: run.control,
    now: T0,
  };
}

describe('buildExport of an unfinished session', () => {
  const exportOf = (board: Y.Doc, control: Y.Doc) =>
    buildExport({ room: 'r', workshop: loadFiveWhys(), locale: 'en', createdAt: T0, board, control, now: T0 });

  it('falls back to the latest draft, marked as not agreed', () => {
    const board = new Y.Doc();
    const control = new Y.Doc();
    new Board(board).statementDraft('statement').insert(0, '  We help people move on  ');
    new Control(control).propose('agreement', 'We help people move on', T0);
    expect(exportOf(board, control).results).toEqual([
      {
        kind: 'statement',
        stepId: 'statement',
        title: 'Your sentence',
        text: 'We help people move on',
        words: 5,
        agreed: false,
        agreedAt: null,
      },
    ]);
  });

  it('has no results, rungs without answers and no contributors when nothing happened', () => {
    const model = exportOf(new Y.Doc(), new Y.Doc());
    expect(model.results).toEqual([]);
    expect(model.participantCount).toBe(0);
    expect(stepOfKind(model.steps, 'ladder').answers).toEqual([]);
    expect(stepOfKind(model.steps, 'consent')).toMatchObject({
      proposal: null,
      agreedText: null,
      tally: { agree: 0, live: 0, object: 0 },
    });
  });

  it('drops votes once a new proposal is made', () => {
    const board = new Y.Doc();
    const control = new Y.Doc();
    new Control(control).propose('agreement', 'First', T0);
    new Board(board).castConsent('agreement', { id: 'p1', name: 'Anna' }, 'agree', '', T0, T0 + 1);
    expect(exportOf(board, control).participantCount).toBe(1);
    new Control(control).propose('agreement', 'Second', T0 + 10);
    expect(stepOfKind(exportOf(board, control).steps, 'consent').tally).toEqual({ agree: 0, live: 0, object: 0 });
  });

  it('refuses a time zone that does not exist', () => {
    expect(() =>
      buildExport({
        room: 'r',
        workshop: loadFiveWhys(),
        locale: 'da',
        createdAt: T0,
        board: new Y.Doc(),
        control: new Y.Doc(),
        timeZone: 'Europe/Ærøskøbing',
      }),
    ).toThrow(RangeError);
  });
});

describe('the export schema', () => {
  it('names the field that is wrong', () => {
    const { model } = exportOfRun();
    const broken = { ...JSON.parse(JSON.stringify(model)), version: 1 };
    const result = exportSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['version']);
    const badResult = JSON.parse(JSON.stringify(model));
    badResult.results[0].kind = 'poem';
    expect(exportSchema.safeParse(badResult).error?.issues[0]?.path).toEqual(['results', 0, 'kind']);
  });
});
