/**
 * Typed access to the groups of a group step on the board document:
 * `groups/<stepId>` (groupId -> GroupValue) and `group.members/<stepId>`
 * (noteId -> groupId). A note's membership is one map entry, so the last move
 * wins and a note can never sit in two groups. Entries pointing at a group or a
 * note that no longer exists are ignored when read (the note is ungrouped).
 */
import * as Y from 'yjs';
import { newItemId } from './ids.ts';
import { Notes } from './notes.ts';
import { boardKeys, groupValue, TEXT_LIMITS, type GroupValue, type NoteValue } from './schema.ts';
import { parsedMap } from './yjs-values.ts';

export type GroupWithNotes = { group: GroupValue; notes: NoteValue[] };

/** Every note of the source step, in its group or ungrouped; what the group island and exports read. */
export type GroupArrangement = { groups: GroupWithNotes[]; ungrouped: NoteValue[] };

const byTime = (a: { at: number; id: string }, b: { at: number; id: string }) =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class Groups {
  readonly doc: Y.Doc;
  private readonly notesOf: Notes;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.notesOf = new Notes(doc);
  }

  groupsMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.groups(stepId));
  }

  membersMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.groupMembers(stepId));
  }

  /** The notes the groups sort (of the group step's source step), for observing changes. */
  sourceNotesMap(sourceStepId: string): Y.Map<unknown> {
    return this.notesOf.notesMap(sourceStepId);
  }

  /** The groups, oldest first. */
  groups(stepId: string): GroupValue[] {
    return [...parsedMap(this.groupsMap(stepId), groupValue)]
      .filter(([key, group]) => key === group.id)
      .map(([, group]) => group)
      .sort(byTime);
  }

  group(stepId: string, groupId: string): GroupValue | undefined {
    const parsed = groupValue.safeParse(this.groupsMap(stepId).get(groupId));
    return parsed.success && parsed.data.id === groupId ? parsed.data : undefined;
  }

  /** noteId -> groupId for memberships whose group still exists (notes are checked by `arrangement`). */
  memberships(stepId: string): Map<string, string> {
    const groupIds = new Set(this.groups(stepId).map((g) => g.id));
    const out = new Map<string, string>();
    for (const [noteId, groupId] of this.membersMap(stepId).entries()) {
      if (typeof groupId === 'string' && groupIds.has(groupId)) out.set(noteId, groupId);
    }
    return out;
  }

  /** The notes of `sourceStepId` sorted into the groups of `stepId`. */
  arrangement(stepId: string, sourceStepId: string): GroupArrangement {
    const memberships = this.memberships(stepId);
    const groups = this.groups(stepId).map((group) => ({ group, notes: [] as NoteValue[] }));
    const byId = new Map(groups.map((g) => [g.group.id, g]));
    const ungrouped: NoteValue[] = [];
    for (const note of this.notesOf.notes(sourceStepId)) {
      const groupId = memberships.get(note.id);
      const target = groupId ? byId.get(groupId) : undefined;
      if (target) target.notes.push(note);
      else ungrouped.push(note);
    }
    return { groups, ungrouped };
  }

  addGroup(stepId: string, name = '', now = Date.now()): GroupValue {
    const group: GroupValue = { id: newItemId(), name: clipName(name), at: Math.max(0, Math.round(now)) };
    this.groupsMap(stepId).set(group.id, group);
    return group;
  }

  /** Names a group (the common denominator). False when the group is gone. */
  renameGroup(stepId: string, groupId: string, name: string): boolean {
    const group = this.group(stepId, groupId);
    if (!group) return false;
    const clean = clipName(name);
    if (clean !== group.name) this.groupsMap(stepId).set(groupId, { ...group, name: clean });
    return true;
  }

  /** Removes a group; its notes become ungrouped (their memberships go in the same transaction). */
  removeGroup(stepId: string, groupId: string): boolean {
    if (!this.groupsMap(stepId).has(groupId)) return false;
    this.doc.transact(() => {
      const members = this.membersMap(stepId);
      for (const [noteId, value] of [...members.entries()]) if (value === groupId) members.delete(noteId);
      this.groupsMap(stepId).delete(groupId);
    });
    return true;
  }

  /** Puts a note into a group, or back among the ungrouped with null. False when the group is gone. */
  moveNote(stepId: string, noteId: string, groupId: string | null): boolean {
    const members = this.membersMap(stepId);
    if (groupId === null) {
      if (members.has(noteId)) members.delete(noteId);
      return true;
    }
    if (!this.group(stepId, groupId)) return false;
    if (members.get(noteId) !== groupId) members.set(noteId, groupId);
    return true;
  }
}

const clipName = (name: string) => name.trim().replace(/\s+/g, ' ').slice(0, TEXT_LIMITS.groupName);
