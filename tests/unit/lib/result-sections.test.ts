/**
 * What the result step shows, chosen from the export model of a room that ran
 * every activity kind: the agreed results by default, or exactly the steps a
 * workshop names in `show`, in that order.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildExport } from '../../../src/lib/export/model.ts';
import { resultSections, type ResultSection } from '../../../src/lib/result-sections.ts';
import { Board } from '../../../src/model/board.ts';
import { Control } from '../../../src/model/control.ts';
import { loadFiveWhys } from '../../helpers/content.ts';
import { BEHAVIOURS, DEFINITION, exportOfFullRun, PURPOSE, STORIES } from './export/full-run.ts';

const summary = (sections: ResultSection[]) =>
  sections.map((s) => (s.kind === 'result' ? `${s.result.kind}:${s.result.stepId}` : `${s.kind}:${s.key}`));

describe('resultSections', () => {
  it('shows every agreed result in the exports’ order when the step names none', () => {
    const { model } = exportOfFullRun('da');
    expect(summary(resultSections(model))).toEqual([
      'statement:purpose',
      'definition:define',
      'behaviours:behaviours',
      'chosen:core',
      'groups:themes',
    ]);
  });

  it('keeps the order of `show`; a consent step stands for the text it agreed on, a vote for its chosen list', () => {
    const { model } = exportOfFullRun('da');
    const sections = resultSections(model, ['core', 'agree-definition', 'stories', 'questions', 'purpose']);
    expect(summary(sections)).toEqual([
      'chosen:core',
      'definition:define',
      'notes:stories',
      'questions:questions',
      'statement:purpose',
    ]);
    const definition = sections[1];
    expect(definition?.kind === 'result' && definition.result).toMatchObject({ text: DEFINITION, agreed: true });
    const notes = sections[2];
    expect(notes?.kind === 'notes' && notes.step.notes.map((n) => n.text)).toEqual(STORIES);
  });

  it('shows a result named twice once, where it is first named', () => {
    const { model } = exportOfFullRun('da');
    expect(summary(resultSections(model, ['agree-purpose', 'purpose', 'behaviours']))).toEqual([
      'statement:purpose',
      'behaviours:behaviours',
    ]);
    const behaviours = resultSections(model, ['behaviours'])[0];
    expect(
      behaviours?.kind === 'result' && behaviours.result.kind === 'behaviours' && behaviours.result.items[1],
    ).toMatchObject({ text: BEHAVIOURS[0]!.text, how: BEHAVIOURS[0]!.how, signs: BEHAVIOURS[0]!.signs });
  });

  it('marks a named step with nothing yet as pending, under the title of the step whose text it is', () => {
    const workshop = loadFiveWhys();
    const model = buildExport({
      room: 'room-empty',
      workshop,
      locale: 'en',
      createdAt: 0,
      board: new Y.Doc(),
      control: new Y.Doc(),
    });
    expect(resultSections(model)).toEqual([]);
    const pending = resultSections(model, ['agreement', 'ladder']);
    expect(pending).toEqual([
      { kind: 'pending', key: 'statement', stepId: 'statement', title: 'Your sentence' },
      { kind: 'pending', key: 'ladder', stepId: 'ladder', title: 'Five times why' },
    ]);
  });

  it('follows the documents: a draft, then the agreement, then the ladder that led there', () => {
    const workshop = loadFiveWhys();
    const board = new Y.Doc();
    const control = new Y.Doc();
    const sections = () =>
      resultSections(buildExport({ room: 'r', workshop, locale: 'en', createdAt: 0, board, control }));
    new Board(board).replaceStatementDraft('statement', PURPOSE);
    expect(sections()).toMatchObject([{ kind: 'result', result: { kind: 'statement', text: PURPOSE, agreed: false } }]);
    const c = new Control(control);
    c.propose('agreement', PURPOSE, 1000);
    c.markAgreed('agreement', 2000);
    c.pickLadderAnswer('ladder', 0, 'a1', 'we care', 500);
    const [statement, ladder] = sections();
    expect(statement).toMatchObject({ result: { agreed: true, agreedAt: new Date(2000).toISOString() } });
    expect(ladder?.kind === 'ladder' && ladder.step.rungs[0]?.answer).toBe('we care');
  });
});
