import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stepContributors } from '../../../src/lib/contributors.ts';
import { Board } from '../../../src/model/board.ts';
import { Control } from '../../../src/model/control.ts';
import type { WorkshopStep } from '../../../src/model/workshop.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const base = (id: string) => ({ id, title: text(id), instruction: text(id) });
const ladder: WorkshopStep = {
  ...base('why'),
  kind: 'ladder',
  depth: 3,
  startQuestion: text('Why?'),
  followUpQuestion: text('Why {answer}?'),
};
const statement: WorkshopStep = {
  ...base('write'),
  kind: 'statement',
  minWords: 3,
  maxWords: 8,
  tooLongHint: text('x'),
};
const consent: WorkshopStep = { ...base('agree'), kind: 'consent', statementStep: 'write' };
const brief: WorkshopStep = { ...base('intro'), kind: 'brief', body: text('Hi') };
const result: WorkshopStep = { ...base('end'), kind: 'result' };

function docs() {
  const board = new Y.Doc();
  const control = new Y.Doc();
  return { docs: { board, control }, board: new Board(board), control: new Control(control) };
}
const person = (id: string) => ({ id, name: null });

describe('stepContributors', () => {
  it('ladder: everyone who answered or supported, in any round, once each', () => {
    const { docs: d, board } = docs();
    expect(stepContributors(ladder, d)).toEqual(new Set());
    const a = board.addLadderAnswer('why', 0, 'vi hjælper', person('ada'))!;
    board.addLadderAnswer('why', 1, 'de bliver glade', person('ada'));
    board.addLadderAnswer('why', 1, 'det er vores job', person('bo'));
    board.toggleLadderSupport('why', a.id, 'cy');
    board.toggleLadderSupport('why', a.id, 'bo');
    // Another step's answers do not count here.
    board.addLadderAnswer('other', 0, 'andet', person('dan'));
    expect(stepContributors(ladder, d)).toEqual(new Set(['ada', 'bo', 'cy']));
  });

  it('consent: only those who answered the proposal on the table now', () => {
    const { docs: d, board, control } = docs();
    board.castConsent('agree', person('early'), 'agree', '', 1);
    expect(stepContributors(consent, d)).toEqual(new Set());
    control.propose('agree', 'Vi hjælper kunder', 100);
    board.castConsent('agree', person('ada'), 'agree', '', 100);
    board.castConsent('agree', person('bo'), 'object', 'Kortere', 100);
    expect(stepContributors(consent, d)).toEqual(new Set(['ada', 'bo']));
    control.propose('agree', 'Vi hjælper kunder videre', 200);
    board.castConsent('agree', person('bo'), 'agree', '', 200);
    expect(stepContributors(consent, d)).toEqual(new Set(['bo']));
  });

  it('brief, statement and result count nobody', () => {
    const { docs: d, board } = docs();
    board.statementDraft('write').insert(0, 'Vi hjælper');
    for (const step of [brief, statement, result]) expect(stepContributors(step, d)).toEqual(new Set());
  });
});
