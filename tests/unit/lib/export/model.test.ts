import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildExport, EXPORT_FORMAT, type ExportedStep } from '../../../../src/lib/export/model.ts';
import { Board } from '../../../../src/model/board.ts';
import { Control } from '../../../../src/model/control.ts';
import { loadFiveWhys } from '../../../helpers/content.ts';
import { AGREED, AGREED_WORDS, exportOfRun, PICKS, T0 } from '../../../helpers/five-whys-run.ts';

const iso = (ms: number) => new Date(ms).toISOString();

const exportRun = exportOfRun;

function stepOfKind<K extends ExportedStep['kind']>(steps: ExportedStep[], kind: K) {
  const step = steps.find((s): s is Extract<ExportedStep, { kind: K }> => s.kind === kind);
  if (!step) throw new Error(`no ${kind} step in the export`);
  return step;
}

describe('buildExport of a full 5 × hvorfor session', () => {
  it('describes the export itself: format, version, room, workshop, times', () => {
    const { run, model } = exportRun('da');
    expect(model).toMatchObject({
      format: EXPORT_FORMAT,
      version: 1,
      room: 'room-for-test',
      workshop: { id: 'five-whys', title: '5 × hvorfor: teamets formål' },
      locale: 'da',
      createdAt: iso(T0),
      exportedAt: iso(run.times.exportedAt),
    });
    expect(model.steps.map((s) => `${s.id}:${s.kind}`)).toEqual([
      'intro:brief',
      'ladder:ladder',
      'statement:statement',
      'agreement:consent',
      'result:result',
    ]);
  });

  it('leads with the agreed sentence, not the draft typed after it', () => {
    const { run, model } = exportRun();
    expect(model.results.statement).toEqual({
      text: AGREED,
      words: AGREED_WORDS,
      agreed: true,
      agreedAt: iso(run.times.agreedAt),
    });
    expect(stepOfKind(model.steps, 'statement').draft).toBe(`${AGREED} – og i Åbenrå`);
  });

  it('counts each person who posted, supported or signalled on the current proposal once', () => {
    // Anna and Bo posted and voted, Carl only supported, the anonymous one did all three;
    // Dorte only voted on an earlier proposal and does not count.
    expect(exportRun().model.participantCount).toBe(4);
  });

  it('gives the ladder as rungs with the picked answers, and every answer ranked per round', () => {
    const ladder = stepOfKind(exportRun('da').model.steps, 'ladder');
    expect(ladder.title).toBe('Fem gange hvorfor');
    expect(ladder.rungs.map((r) => r.answer)).toEqual(PICKS);
    expect(ladder.rungs.map((r) => r.round)).toEqual([0, 1, 2, 3, 4]);
    expect(ladder.rungs[0]?.question).toBe('Hvorfor tager vi telefonen, når en kunde ringer?');
    expect(ladder.rungs[1]?.question).toBe('Hvorfor er det vigtigt, at vi hjælper kunden?');
    expect(ladder.rungs[4]?.question).toBe('Hvorfor er det vigtigt, at tryghed giver ro i hverdagen?');

    expect(ladder.answers).toHaveLength(11);
    expect(ladder.answers.slice(0, 5)).toEqual([
      { round: 0, text: 'Vi hjælper kunden.', author: 'Anna', supporters: 2 },
      { round: 0, text: 'Bo svarer i runde 1', author: 'Bo', supporters: 0 },
      // Bo's answer has support, so it ranks above Anna's older one.
      { round: 1, text: 'Kunden kommer videre', author: 'Bo', supporters: 1 },
      { round: 1, text: 'Anna svarer i runde 2', author: 'Anna', supporters: 0 },
      { round: 2, text: 'Kunden føler sig tryg', author: 'Anna', supporters: 0 },
    ]);
    expect(ladder.answers.find((a) => a.text === 'Et anonymt svar')).toEqual({
      round: 2,
      text: 'Et anonymt svar',
      author: null,
      supporters: 0,
    });
  });

  it('gives the statement step its draft, word target and saved versions', () => {
    const statement = stepOfKind(exportRun().model.steps, 'statement');
    expect(statement).toMatchObject({ targetWords: { min: 7, max: 10 }, words: AGREED_WORDS + 3 });
    expect(statement.versions.map((v) => v.text)).toEqual(['Vi hjælper kunder', AGREED]);
    expect(statement.versions.every((v) => v.savedAt.startsWith('2025-03-14T'))).toBe(true);
  });

  it('tallies only votes on the current proposal and keeps anonymous objectors anonymous', () => {
    const { run, model } = exportRun();
    const consent = stepOfKind(model.steps, 'consent');
    expect(consent).toMatchObject({
      proposal: AGREED,
      proposedAt: iso(run.times.proposedAt),
      agreedText: AGREED,
      agreedAt: iso(run.times.agreedAt),
      tally: { agree: 1, live: 1, object: 1 },
      objections: [{ name: null, note: 'Lidt for langt' }],
    });
  });

  it('never carries participant ids', () => {
    const { run, model } = exportRun();
    const json = JSON.stringify(model);
    for (const person of Object.values(run.people)) expect(json).not.toContain(person.id);
  });

  it('is plain JSON', () => {
    const { model } = exportRun();
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe('buildExport of an unfinished session', () => {
  const exportOf = (board: Y.Doc, control: Y.Doc) =>
    buildExport({ room: 'r', workshop: loadFiveWhys(), locale: 'en', createdAt: T0, board, control, now: T0 });

  it('falls back to the latest draft, marked as not agreed', () => {
    const board = new Y.Doc();
    const control = new Y.Doc();
    new Board(board).statementDraft('statement').insert(0, '  We help people move on  ');
    new Control(control).propose('agreement', 'We help people move on', T0);
    const model = exportOf(board, control);
    expect(model.results.statement).toEqual({
      text: 'We help people move on',
      words: 5,
      agreed: false,
      agreedAt: null,
    });
  });

  it('has no statement, rungs without answers and no contributors when nothing happened', () => {
    const model = exportOf(new Y.Doc(), new Y.Doc());
    expect(model.results.statement).toBeNull();
    expect(model.participantCount).toBe(0);
    const ladder = stepOfKind(model.steps, 'ladder');
    expect(ladder.rungs).toEqual([
      { round: 0, question: 'Why do we pick up the phone when a customer calls?', answer: null },
    ]);
    expect(ladder.answers).toEqual([]);
    expect(stepOfKind(model.steps, 'consent')).toMatchObject({
      proposal: null,
      proposedAt: null,
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
    const model = exportOf(board, control);
    expect(model.participantCount).toBe(0);
    expect(stepOfKind(model.steps, 'consent').tally).toEqual({ agree: 0, live: 0, object: 0 });
  });
});
