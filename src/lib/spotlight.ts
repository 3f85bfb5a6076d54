/**
 * What the spotlight shows: the contribution it points at, read from the board
 * as it is now, or nothing when the room is on another step or the entry is
 * gone. The wall, the participants' marks and the console all ask this one
 * function, so none of them shows a spotlight the others do not.
 */
import type * as Y from 'yjs';
import { Behaviours } from '../model/behaviours.ts';
import { Board } from '../model/board.ts';
import { Control } from '../model/control.ts';
import { Define } from '../model/define.ts';
import { Groups } from '../model/groups.ts';
import { Notes } from '../model/notes.ts';
import { Questions } from '../model/questions.ts';
import type { SpotlightKind, SpotlightValue } from '../model/schema.ts';
import { Spotlight } from '../model/spotlight.ts';
import type { Workshop, WorkshopStep } from '../model/workshop.ts';

export type SpotlightDetail = { role: 'how' | 'signs' | 'purpose' | 'note'; text: string };

export type SpotlightItem = {
  stepId: string;
  kind: SpotlightKind;
  itemId: string;
  /** The contribution's words; for a group, its name (empty when unnamed). */
  text: string;
  /** Further lines: a behaviour's how and signs, a question's purpose, a group's notes. */
  details: SpotlightDetail[];
  /** Who wrote it, when they gave a name and the step names writers. */
  author: string | null;
};

/** Which kinds of contribution a step can put in the spotlight (none for steps without contributions). */
export function spotlightKinds(step: WorkshopStep): readonly SpotlightKind[] {
  switch (step.kind) {
    case 'ladder':
      return ['answer'];
    case 'notes':
      return ['note'];
    case 'group':
      return ['group', 'note'];
    case 'questions':
      return ['question'];
    case 'behaviours':
      return ['behaviour'];
    case 'define':
      return ['definition'];
    default:
      return [];
  }
}

export type SpotlightDocs = { board: Y.Doc; control: Y.Doc };

/** The spotlight as it stands: null when none is set, or when what it points at no longer shows. */
export function spotlightItem(workshop: Workshop, docs: SpotlightDocs): SpotlightItem | null {
  const stored = new Spotlight(docs.control).current();
  if (!stored) return null;
  const control = new Control(docs.control);
  const currentId = control.currentStepId() ?? workshop.steps[0]?.id;
  if (stored.stepId !== currentId) return null;
  const step = workshop.steps.find((s) => s.id === stored.stepId);
  if (!step || !spotlightKinds(step).includes(stored.kind)) return null;
  return resolve(step, stored, docs);
}

/** True when something is stored that shows nothing (the console then clears it). */
export function spotlightIsStale(workshop: Workshop, docs: SpotlightDocs): boolean {
  return new Spotlight(docs.control).current() !== null && spotlightItem(workshop, docs) === null;
}

function resolve(step: WorkshopStep, stored: SpotlightValue, docs: SpotlightDocs): SpotlightItem | null {
  const base = { stepId: step.id, kind: stored.kind, itemId: stored.itemId };
  const id = stored.itemId;
  switch (stored.kind) {
    case 'answer': {
      const answer = new Board(docs.board).ladderAnswers(step.id).find((a) => a.id === id);
      return answer ? { ...base, text: answer.text, details: [], author: answer.authorName } : null;
    }
    case 'note': {
      const notesStep = step.kind === 'group' ? step.source : step.id;
      const anonymous = step.kind === 'notes' && step.anonymous;
      const note = new Notes(docs.board).note(notesStep, id);
      return note ? { ...base, text: note.text, details: [], author: anonymous ? null : note.authorName } : null;
    }
    case 'group': {
      if (step.kind !== 'group') return null;
      const found = new Groups(docs.board).arrangement(step.id, step.source).groups.find((g) => g.group.id === id);
      return found
        ? {
            ...base,
            text: found.group.name,
            details: found.notes.map((n) => ({ role: 'note' as const, text: n.text })),
            author: null,
          }
        : null;
    }
    case 'question': {
      const question = new Questions(docs.board).list(step.id).find((q) => q.id === id);
      const details = question?.purpose.trim() ? [{ role: 'purpose' as const, text: question.purpose }] : [];
      return question ? { ...base, text: question.text, details, author: question.authorName } : null;
    }
    case 'behaviour': {
      const behaviour = new Behaviours(docs.board).get(step.id, id);
      if (!behaviour) return null;
      const details = [
        { role: 'how' as const, text: behaviour.how },
        { role: 'signs' as const, text: behaviour.signs },
      ].filter((line) => line.text.trim() !== '');
      return { ...base, text: behaviour.text, details, author: behaviour.authorName };
    }
    case 'definition': {
      const definition = new Define(docs.board).ownDefinition(step.id, id);
      return definition ? { ...base, text: definition.text, details: [], author: definition.name } : null;
    }
  }
}
