import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stepContributors } from '../../../src/lib/contributors.ts';
import { Behaviours } from '../../../src/model/behaviours.ts';
import { Board } from '../../../src/model/board.ts';
import { Define } from '../../../src/model/define.ts';
import type { WorkshopStep } from '../../../src/model/workshop.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const base = (id: string) => ({ id, title: text(id), instruction: text(id) });
const define: WorkshopStep = {
  ...base('definition'),
  kind: 'define',
  term: text('service'),
  draftInstruction: text('Write one'),
  minWords: 3,
  maxWords: 10,
};
const behaviours: WorkshopStep = { ...base('actions'), kind: 'behaviours' };
const person = (id: string) => ({ id, name: null });

function docs() {
  const board = new Y.Doc();
  return { board, control: new Y.Doc() };
}

describe('stepContributors: define and behaviours', () => {
  it('define: those whose own definition was published; typing in the agreed draft is not counted', () => {
    const d = docs();
    expect(stepContributors(define, d)).toEqual(new Set());
    const model = new Define(d.board);
    model.publishOwn('definition', person('ada'), 'Solve it');
    model.publishOwn('definition', person('bo'), 'Be kind');
    model.publishOwn('elsewhere', person('cy'), 'Other step');
    new Board(d.board).replaceStatementDraft('definition', 'Typed by somebody');
    expect(stepContributors(define, d)).toEqual(new Set(['ada', 'bo']));
  });

  it('behaviours: everyone who added one, once each', () => {
    const d = docs();
    const model = new Behaviours(d.board);
    model.add('actions', { text: 'Greet', how: '', signs: '' }, person('ada'));
    model.add('actions', { text: 'Listen', how: '', signs: '' }, person('ada'));
    model.add('actions', { text: 'Follow up', how: '', signs: '' }, person('bo'));
    model.add('other', { text: 'Elsewhere', how: '', signs: '' }, person('cy'));
    expect(stepContributors(behaviours, d)).toEqual(new Set(['ada', 'bo']));
  });
});
