/**
 * Reads the list activities (notes, groups, behaviours, questions) and carried
 * items for the export. Values are parsed with the schemas of src/model/schema.ts:
 * documents are untrusted, and an entry that does not parse is left out.
 */
import type * as Y from 'yjs';
import type { Schema } from '../../model/shape.ts';
import { Behaviours } from '../../model/behaviours.ts';
import { Groups } from '../../model/groups.ts';
import type { Locale } from '../../model/locale.ts';
import { Notes } from '../../model/notes.ts';
import {
  boardKeys,
  carriedValue,
  controlKeys,
  questionValue,
  type BehaviourValue,
  type NoteValue,
  type QuestionValue,
} from '../../model/schema.ts';
import type { StepOf, Workshop } from '../../model/workshop.ts';
import { parsedArray, parsedMap } from '../../model/yjs-values.ts';
import type { ExportedCarried } from './schema.ts';

export type ExportDocs = { board: Y.Doc; control: Y.Doc };

export const iso = (ms: number): string => new Date(ms).toISOString();

type Ordered = { at: number; id: string };
const byTime = (a: Ordered, b: Ordered) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Map entries whose key is the value's own id (a mismatched key is a forged or broken entry). */
function keyedValues<T extends { id: string }>(map: Y.Map<unknown>, schema: Schema<T>): T[] {
  return [...parsedMap(map, schema)].filter(([key, value]) => key === value.id).map(([, value]) => value);
}

export function carriedOf(stepId: string, docs: ExportDocs): ExportedCarried[] {
  return parsedArray(docs.control.getArray(controlKeys.carried(stepId)), carriedValue).map((c) => ({
    id: c.id,
    text: c.text,
    detail: c.detail,
    from: c.from,
    at: iso(c.at),
  }));
}

/** Whether a notes step hides who wrote what. */
export function isAnonymousNotes(workshop: Workshop, stepId: string): boolean {
  const step = workshop.steps.find((s) => s.id === stepId);
  return step?.kind === 'notes' && step.anonymous;
}

/** A note's author as an export may show it: never a name on an anonymous step. */
const authorOf = (note: NoteValue, anonymous: boolean) => (anonymous ? null : note.authorName);

export function readNotes(step: StepOf<'notes'>, docs: ExportDocs) {
  return new Notes(docs.board).notes(step.id).map((n) => ({
    id: n.id,
    text: n.text,
    author: authorOf(n, step.anonymous),
    at: iso(n.at),
    editedAt: n.editedAt === null ? null : iso(n.editedAt),
    merged: n.merged,
  }));
}

export function readGroups(step: StepOf<'group'>, workshop: Workshop, docs: ExportDocs) {
  const anonymous = isAnonymousNotes(workshop, step.source);
  const ref = (n: NoteValue) => ({ id: n.id, text: n.text, author: authorOf(n, anonymous) });
  const arrangement = new Groups(docs.board).arrangement(step.id, step.source);
  return {
    groups: arrangement.groups.map(({ group, notes }) => ({ id: group.id, name: group.name, notes: notes.map(ref) })),
    ungrouped: arrangement.ungrouped.map(ref),
  };
}

/** Behaviours in priority order (the wrapper's order, the same as every screen's). */
export function behaviourValues(stepId: string, docs: ExportDocs): BehaviourValue[] {
  return new Behaviours(docs.board).list(stepId);
}

export function readBehaviours(step: StepOf<'behaviours'>, docs: ExportDocs) {
  return behaviourValues(step.id, docs).map((b, index) => ({
    id: b.id,
    position: index + 1,
    text: b.text,
    how: b.how,
    signs: b.signs,
    author: b.authorName,
    at: iso(b.at),
  }));
}

/** The gross-list in the order it was written. */
export function questionValues(stepId: string, docs: ExportDocs): QuestionValue[] {
  return keyedValues(docs.board.getMap(boardKeys.questions(stepId)), questionValue).sort(byTime);
}

/** A question's moment in the room's language; the id itself when the content no longer has it. */
export function momentLabel(step: StepOf<'questions'>, momentId: string, locale: Locale): string {
  return step.moments.find((m) => m.id === momentId)?.label[locale] ?? momentId;
}

export function readQuestions(step: StepOf<'questions'>, locale: Locale, docs: ExportDocs) {
  return {
    moments: step.moments.map((m) => ({ id: m.id, label: m.label[locale] })),
    items: questionValues(step.id, docs).map((q) => ({
      id: q.id,
      text: q.text,
      type: q.type,
      moment: q.moment,
      momentLabel: momentLabel(step, q.moment, locale),
      purpose: q.purpose,
      author: q.authorName,
      at: iso(q.at),
    })),
  };
}
