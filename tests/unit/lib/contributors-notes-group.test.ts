import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stepContributors } from '../../../src/lib/contributors.ts';
import { Groups } from '../../../src/model/groups.ts';
import { Notes } from '../../../src/model/notes.ts';
import type { StepOf } from '../../../src/model/workshop.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const base = (id: string) => ({ id, title: text(id), instruction: text(id) });
const ideas: StepOf<'notes'> = { ...base('ideas'), kind: 'notes', length: 'short', silent: true, anonymous: true };
const sort: StepOf<'group'> = { ...base('sort'), kind: 'group', source: 'ideas' };

const docs = () => ({ board: new Y.Doc(), control: new Y.Doc() });

describe('stepContributors: notes and group', () => {
  it('notes: each author once (pseudonyms on anonymous steps), only notes on the board', () => {
    const d = docs();
    expect(stepContributors(ideas, d)).toEqual(new Set());
    const notes = new Notes(d.board);
    notes.add(ideas, 'one', { id: 'pseudo-ada', name: 'Ada' });
    notes.add(ideas, 'two', { id: 'pseudo-ada', name: 'Ada' });
    notes.publishDrafts(ideas, [{ id: 'draft-1', text: 'three', at: 1 }], { id: 'pseudo-bo', name: null });
    notes.add({ ...ideas, id: 'elsewhere' }, 'other step', { id: 'pseudo-cy', name: null });
    expect(stepContributors(ideas, d)).toEqual(new Set(['pseudo-ada', 'pseudo-bo']));
  });

  it('group: sorting carries no author, so nobody is counted', () => {
    const d = docs();
    new Groups(d.board).addGroup(sort.id, 'Speed');
    expect(stepContributors(sort, d)).toEqual(new Set());
  });
});
