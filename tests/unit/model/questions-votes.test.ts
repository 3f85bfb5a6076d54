import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Questions } from '../../../src/model/questions.ts';

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
