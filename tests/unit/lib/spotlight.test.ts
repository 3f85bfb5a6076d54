import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { spotlightIsStale, spotlightItem, spotlightKinds } from '../../../src/lib/spotlight.ts';
import { Behaviours } from '../../../src/model/behaviours.ts';
import { Board } from '../../../src/model/board.ts';
import { Control } from '../../../src/model/control.ts';
import { Spotlight } from '../../../src/model/spotlight.ts';
import { workshopNamed } from '../../helpers/core-runs.ts';

const fiveWhys = workshopNamed('five-whys');

function room() {
  const docs = { board: new Y.Doc(), control: new Y.Doc() };
  new Control(docs.control).goToStep('ladder');
  return docs;
}

describe('the spotlight', () => {
  it('shows the answer it points at, as it is now, with its author', () => {
    const docs = room();
    const answer = new Board(docs.board).addLadderAnswer('ladder', 0, 'We keep promises', { id: 'ada', name: 'Ada' })!;
    expect(spotlightItem(fiveWhys, docs)).toBeNull();
    new Spotlight(docs.control).show('ladder', 'answer', answer.id);
    expect(spotlightItem(fiveWhys, docs)).toMatchObject({ kind: 'answer', text: 'We keep promises', author: 'Ada' });
    expect(spotlightIsStale(fiveWhys, docs)).toBe(false);
  });

  it('points at nothing once the entry is deleted or the room moves on, and says it is stale', () => {
    const docs = room();
    const board = new Board(docs.board);
    const answer = board.addLadderAnswer('ladder', 0, 'Soon gone', { id: 'ada', name: null })!;
    new Spotlight(docs.control).show('ladder', 'answer', answer.id);
    board.removeLadderAnswer('ladder', answer.id);
    expect(spotlightItem(fiveWhys, docs)).toBeNull();
    expect(spotlightIsStale(fiveWhys, docs)).toBe(true);

    const kept = board.addLadderAnswer('ladder', 0, 'Kept', { id: 'ada', name: null })!;
    new Spotlight(docs.control).show('ladder', 'answer', kept.id);
    new Control(docs.control).goToStep('statement');
    expect(spotlightItem(fiveWhys, docs)).toBeNull();
    new Spotlight(docs.control).clear();
    expect(spotlightIsStale(fiveWhys, docs)).toBe(false);
  });

  it("refuses a kind the step does not have, and shows a behaviour's how and signs", () => {
    const docs = room();
    new Spotlight(docs.control).show('ladder', 'note', 'x');
    expect(spotlightItem(fiveWhys, docs)).toBeNull();

    const service = workshopNamed('service-minded');
    const step = service.steps.find((s) => s.kind === 'behaviours')!;
    const sdocs = { board: new Y.Doc(), control: new Y.Doc() };
    new Control(sdocs.control).goToStep(step.id);
    const made = new Behaviours(sdocs.board).add(
      step.id,
      { text: 'Greet by name', how: 'Look up first', signs: '' },
      { id: 'bo', name: 'Bo' },
    );
    if (!made.ok) throw new Error(made.code);
    new Spotlight(sdocs.control).show(step.id, 'behaviour', made.behaviour.id);
    expect(spotlightItem(service, sdocs)).toMatchObject({
      text: 'Greet by name',
      details: [{ role: 'how', text: 'Look up first' }],
    });
    expect(spotlightKinds(step)).toEqual(['behaviour']);
    expect(spotlightKinds(fiveWhys.steps.find((s) => s.kind === 'result')!)).toEqual([]);
  });
});
