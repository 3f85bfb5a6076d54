import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Questions } from '../../../src/model/questions.ts';
import { boardKeys } from '../../../src/model/schema.ts';
import { Votes } from '../../../src/model/votes.ts';
import { rankItems, validBallot } from '../../../src/lib/export/read-vote.ts';

const step = {
  id: 'q',
  moments: [
    { id: 'opening', label: { da: 'Åbning', nb: 'Åpning', en: 'Opening' } },
    { id: 'closing', label: { da: 'Afslutning', nb: 'Avslutning', en: 'Closing' } },
  ],
};
const ada = { id: 'ada', name: 'Ada' };
const bo = { id: 'bo', name: 'Bo' };

describe('Questions', () => {
  it('adds questions with their attributes, grouped by moment in the step order', () => {
    const questions = new Questions(new Y.Doc());
    const a = questions.add(
      step,
      { text: '  What happened?  ', type: 'open', moment: 'closing', purpose: 'Context' },
      ada,
      1,
    );
    const b = questions.add(
      step,
      { text: 'Is your number 1234?', type: 'closed', moment: 'opening', purpose: '' },
      bo,
      2,
    );
    expect(a.ok && a.question.text).toBe('What happened?');
    expect(b.ok && b.question.type).toBe('closed');
    expect(questions.byMoment(step).map((m) => [m.moment, m.questions.map((q) => q.text)])).toEqual([
      ['opening', ['Is your number 1234?']],
      ['closing', ['What happened?']],
    ]);
  });

  it('refuses empty text and unknown moments, and lets only the author or the facilitator change a question', () => {
    const questions = new Questions(new Y.Doc());
    expect(questions.add(step, { text: '  ', type: 'open', moment: 'opening', purpose: '' }, ada)).toEqual({
      ok: false,
      code: 'empty_text',
    });
    expect(questions.add(step, { text: 'Why?', type: 'open', moment: 'middle', purpose: '' }, ada)).toEqual({
      ok: false,
      code: 'unknown_moment',
    });
    const added = questions.add(step, { text: 'Why?', type: 'open', moment: 'opening', purpose: '' }, ada);
    if (!added.ok) throw new Error('not added');
    const fields = { text: 'Why now?', type: 'open' as const, moment: 'opening', purpose: 'Urgency' };
    expect(questions.edit(step, added.question.id, fields, { ...bo, facilitator: false })).toEqual({
      ok: false,
      code: 'not_allowed',
    });
    expect(questions.edit(step, added.question.id, fields, { ...bo, facilitator: true }).ok).toBe(true);
    expect(questions.list('q')[0]?.purpose).toBe('Urgency');
    expect(questions.remove('q', added.question.id, { ...ada, facilitator: false }).ok).toBe(true);
    expect(questions.list('q')).toEqual([]);
  });

  it('keeps both of two questions added at the same time on two devices', () => {
    const one = new Y.Doc();
    const two = new Y.Doc();
    new Questions(one).add(step, { text: 'First?', type: 'open', moment: 'opening', purpose: '' }, ada, 1);
    new Questions(two).add(step, { text: 'Second?', type: 'open', moment: 'opening', purpose: '' }, bo, 2);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    expect(new Questions(one).list('q').map((q) => q.text)).toEqual(['First?', 'Second?']);
    expect(new Questions(two).list('q').map((q) => q.text)).toEqual(['First?', 'Second?']);
  });
});

describe('Votes', () => {
  const rules = { id: 'v', budget: 3, maxPerItem: 2 };
  const items = new Set(['x', 'y', 'z']);

  it('gives dots within the budget and the per-item limit, and takes them back', () => {
    const votes = new Votes(new Y.Doc());
    expect(votes.give(rules, ada, 'x', items)).toBe(true);
    expect(votes.give(rules, ada, 'x', items)).toBe(true);
    expect(votes.give(rules, ada, 'x', items)).toBe(false); // two per item
    expect(votes.give(rules, ada, 'y', items)).toBe(true);
    expect(votes.give(rules, ada, 'z', items)).toBe(false); // budget spent
    expect(votes.used('v', 'ada', items)).toBe(3);
    expect(votes.take(rules, ada, 'x', items)).toBe(true);
    expect(votes.give(rules, ada, 'z', items)).toBe(true);
    expect(votes.myDots('v', 'ada')).toEqual({ x: 1, y: 1, z: 1 });
    expect(votes.take(rules, ada, 'missing', items)).toBe(false);
    expect(votes.voterCount('v')).toBe(1);
  });

  it('frees dots that sat on an item that was removed', () => {
    const votes = new Votes(new Y.Doc());
    votes.give(rules, ada, 'x', items);
    votes.give(rules, ada, 'x', items);
    votes.give(rules, ada, 'y', items);
    const withoutX = new Set(['y', 'z']);
    expect(votes.used('v', 'ada', withoutX)).toBe(1);
    expect(votes.give(rules, ada, 'z', withoutX)).toBe(true);
    expect(votes.give(rules, ada, 'z', withoutX)).toBe(true);
  });

  it('counts only ballots within the rules, so a hostile entry cannot tip the ranking', () => {
    const doc = new Y.Doc();
    const votes = new Votes(doc);
    votes.give(rules, ada, 'y', items);
    votes.give(rules, bo, 'y', items);
    votes.give(rules, bo, 'z', items);
    doc.getMap(boardKeys.voteDots('v')).set('mallory', { dots: { x: 9 }, name: null, at: 1 });
    const totals = new Map<string, number>();
    for (const ballot of votes.ballots('v').values()) {
      const dots = validBallot(ballot, rules, items);
      if (dots) for (const [id, n] of dots) totals.set(id, (totals.get(id) ?? 0) + n);
    }
    const ranked = rankItems(
      [...items].map((id) => ({ id, text: id, question: null, behaviour: null })),
      totals,
    );
    expect(ranked.map((r) => [r.id, r.dots, r.rank])).toEqual([
      ['y', 2, 1],
      ['z', 1, 2],
      ['x', 0, 3],
    ]);
  });
});
