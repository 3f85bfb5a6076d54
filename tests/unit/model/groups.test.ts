import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Groups } from '../../../src/model/groups.ts';
import { Notes, type NotesRules } from '../../../src/model/notes.ts';
import { boardKeys, TEXT_LIMITS } from '../../../src/model/schema.ts';
import { exchangeUpdates, twoReplicas } from '../../helpers/content.ts';

const NOTES: NotesRules = { id: 'ideas', length: 'short', anonymous: false, maxPerPerson: undefined };
const STEP = 'sort';
const anna = { id: 'participant-anna', name: 'Anna' };

function setup(doc = new Y.Doc()) {
  const notes = new Notes(doc);
  const groups = new Groups(doc);
  const add = (text: string, at: number) => {
    const result = notes.add(NOTES, text, anna, at);
    if (!result.ok) throw new Error(result.code);
    return result.note;
  };
  return { doc, notes, groups, add };
}

const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('Groups', () => {
  it('adds groups oldest first, named or unnamed, and renames them', () => {
    const { groups } = setup();
    const second = groups.addGroup(STEP, 'Speed', 2_000);
    const first = groups.addGroup(STEP, '', 1_000);
    expect(ids(groups.groups(STEP))).toEqual([first.id, second.id]);
    expect(first.name).toBe('');
    expect(groups.renameGroup(STEP, first.id, '  Being   kind  ')).toBe(true);
    expect(groups.group(STEP, first.id)?.name).toBe('Being kind');
    expect(groups.renameGroup(STEP, 'missing', 'x')).toBe(false);
    groups.renameGroup(STEP, second.id, 'n'.repeat(TEXT_LIMITS.groupName + 9));
    expect(groups.group(STEP, second.id)?.name).toHaveLength(TEXT_LIMITS.groupName);
  });

  it('arranges notes into groups; the rest are ungrouped', () => {
    const { groups, add } = setup();
    const n1 = add('one', 1);
    const n2 = add('two', 2);
    const n3 = add('three', 3);
    const g = groups.addGroup(STEP, 'Pair');
    expect(groups.moveNote(STEP, n3.id, g.id)).toBe(true);
    expect(groups.moveNote(STEP, n1.id, g.id)).toBe(true);
    const arrangement = groups.arrangement(STEP, NOTES.id);
    expect(arrangement.groups).toHaveLength(1);
    expect(ids(arrangement.groups[0]?.notes ?? [])).toEqual([n1.id, n3.id]);
    expect(ids(arrangement.ungrouped)).toEqual([n2.id]);
  });

  it('moves a note between groups and back to ungrouped; a missing group is refused', () => {
    const { groups, add } = setup();
    const note = add('mobile', 1);
    const a = groups.addGroup(STEP, 'A', 1);
    const b = groups.addGroup(STEP, 'B', 2);
    groups.moveNote(STEP, note.id, a.id);
    groups.moveNote(STEP, note.id, b.id);
    let arrangement = groups.arrangement(STEP, NOTES.id);
    expect(arrangement.groups.map((g) => g.notes.length)).toEqual([0, 1]);
    expect(groups.moveNote(STEP, note.id, 'no-such-group')).toBe(false);
    expect(groups.memberships(STEP).get(note.id)).toBe(b.id);
    groups.moveNote(STEP, note.id, null);
    arrangement = groups.arrangement(STEP, NOTES.id);
    expect(ids(arrangement.ungrouped)).toEqual([note.id]);
  });

  it('removing a group ungroups its notes in one transaction', () => {
    const { doc, groups, add } = setup();
    const note = add('n', 1);
    const g = groups.addGroup(STEP, 'Doomed');
    groups.moveNote(STEP, note.id, g.id);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(groups.removeGroup(STEP, g.id)).toBe(true);
    expect(transactions).toBe(1);
    expect(groups.groups(STEP)).toEqual([]);
    expect(groups.membersMap(STEP).size).toBe(0);
    expect(ids(groups.arrangement(STEP, NOTES.id).ungrouped)).toEqual([note.id]);
    expect(groups.removeGroup(STEP, g.id)).toBe(false);
  });

  it('ignores memberships pointing at missing groups or notes, and malformed ones', () => {
    const { groups, notes, add } = setup();
    const kept = add('kept', 1);
    const removed = add('removed', 2);
    const g = groups.addGroup(STEP, 'G');
    groups.moveNote(STEP, kept.id, g.id);
    groups.moveNote(STEP, removed.id, g.id);
    notes.remove(NOTES.id, removed.id, { id: anna.id, facilitator: false });
    groups.membersMap(STEP).set('some-note', 'ghost-group');
    groups.membersMap(STEP).set(kept.id + 'x', 42);
    groups.groupsMap(STEP).set('broken', { id: 'broken', name: 7, at: 1 });
    const arrangement = groups.arrangement(STEP, NOTES.id);
    expect(arrangement.groups.map((x) => [x.group.id, ids(x.notes)])).toEqual([[g.id, [kept.id]]]);
    expect(arrangement.ungrouped).toEqual([]);
    expect(groups.memberships(STEP).has('some-note')).toBe(false);
  });

  it('uses the root-level maps named by the schema', () => {
    const { doc, groups, add } = setup();
    const g = groups.addGroup(STEP, 'x');
    groups.moveNote(STEP, add('n', 1).id, g.id);
    expect(doc.getMap(boardKeys.groups(STEP)).size).toBe(1);
    expect(doc.getMap(boardKeys.groupMembers(STEP)).size).toBe(1);
  });
});

describe('Groups: two people at once', () => {
  it('the last move wins and both replicas agree; a note is never in two groups', () => {
    const [docA, docB] = twoReplicas();
    const a = setup(docA);
    const b = setup(docB);
    const note = a.add('contested', 1);
    const g1 = a.groups.addGroup(STEP, 'One', 1);
    const g2 = a.groups.addGroup(STEP, 'Two', 2);
    exchangeUpdates(docA, docB);
    a.groups.moveNote(STEP, note.id, g1.id);
    b.groups.moveNote(STEP, note.id, g2.id);
    exchangeUpdates(docA, docB);
    const left = a.groups.arrangement(STEP, NOTES.id);
    const right = b.groups.arrangement(STEP, NOTES.id);
    expect(left).toEqual(right);
    expect(left.groups.flatMap((g) => ids(g.notes))).toEqual([note.id]);
  });

  it('a move into a group removed at the same time leaves the note ungrouped', () => {
    const [docA, docB] = twoReplicas();
    const a = setup(docA);
    const b = setup(docB);
    const note = a.add('orphan', 1);
    const g = a.groups.addGroup(STEP, 'Short-lived');
    exchangeUpdates(docA, docB);
    a.groups.removeGroup(STEP, g.id);
    b.groups.moveNote(STEP, note.id, g.id);
    exchangeUpdates(docA, docB);
    for (const side of [a, b]) {
      const arrangement = side.groups.arrangement(STEP, NOTES.id);
      expect(arrangement.groups).toEqual([]);
      expect(ids(arrangement.ungrouped)).toEqual([note.id]);
    }
  });

  it('keeps groups created by two people at once, and concurrent renames converge', () => {
    const [docA, docB] = twoReplicas();
    const a = setup(docA);
    const b = setup(docB);
    a.groups.addGroup(STEP, 'From A', 1);
    const shared = b.groups.addGroup(STEP, 'From B', 2);
    exchangeUpdates(docA, docB);
    a.groups.renameGroup(STEP, shared.id, 'Renamed by A');
    b.groups.renameGroup(STEP, shared.id, 'Renamed by B');
    exchangeUpdates(docA, docB);
    expect(a.groups.groups(STEP)).toEqual(b.groups.groups(STEP));
    expect(a.groups.groups(STEP)).toHaveLength(2);
  });
});
