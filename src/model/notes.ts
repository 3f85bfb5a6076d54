/**
 * Typed access to the notes of notes steps on the board document: one root
 * map `notes/<stepId>` of noteId -> NoteValue.
 *
 * Silent and anonymous steps: participants keep their notes in their seat's
 * own document (src/model/seat-doc.ts); the server publishes them here
 * (server/rooms/seat-publisher.ts), a silent note at the reveal under the
 * seat, an anonymous one under the seat's pseudonym. `publishDrafts` puts
 * notes written elsewhere (an import, a test) on the board keeping their ids.
 */
import * as Y from 'yjs';
import { newItemId } from './ids.ts';
import { boardKeys, noteValue, TEXT_LIMITS, type NoteValue } from './schema.ts';
import type { StepOf } from './workshop.ts';
import { writeUnlinked } from './unlinked-write.ts';
import { parsedMap } from './yjs-values.ts';

/** What the wrapper needs of a notes step. */
export type NotesRules = Pick<StepOf<'notes'>, 'id' | 'length' | 'anonymous' | 'maxPerPerson'>;

/** The writer. For anonymous steps `id` is the device's per-step pseudonym and the name is dropped. */
export type NoteAuthor = { id: string; name: string | null };

/** Who asks for a change: the author of the note, or the facilitator, may change any note. */
export type NoteEditor = { id: string; facilitator: boolean };

export type AddNoteResult =
  { ok: true; note: NoteValue } | { ok: false; code: 'empty' | 'limit_reached' | 'invalid_author' };

export type MergeResult =
  { ok: true; note: NoteValue } | { ok: false; code: 'not_allowed' | 'missing' | 'same_note' | 'too_long' };

/** A draft to publish; `id` becomes the note id. */
export type DraftToPublish = { id: string; text: string; at: number };

export type PublishResult = {
  /** The draft ids now on the board (published now, or already there from another tab). */
  published: string[];
  /** Drafts left out because they were blank. */
  blank: string[];
  /** Drafts left out because the author reached the step's maximum. */
  overLimit: string[];
};

/** The schema's ceiling for `merged`; the count stops there rather than making the note unreadable. */
const MAX_MERGED_COUNT = 200;
/** What a merged note's texts are joined with. */
const MERGE_SEPARATOR = '\n\n';

/** The longest text a note of this step may have. Merged notes may grow to story length. */
export function noteLimit(rules: Pick<NotesRules, 'length'>): number {
  return rules.length === 'story' ? TEXT_LIMITS.story : TEXT_LIMITS.note;
}

const clip = (text: string, max: number) => text.trim().slice(0, max);
const sameText = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export class Notes {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  notesMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.notes(stepId));
  }

  /** Every valid note of the step, oldest first (id breaks ties, so every screen shows one order). */
  notes(stepId: string): NoteValue[] {
    return [...parsedMap(this.notesMap(stepId), noteValue)]
      .filter(([key, note]) => key === note.id)
      .map(([, note]) => note)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  note(stepId: string, noteId: string): NoteValue | undefined {
    const parsed = noteValue.safeParse(this.notesMap(stepId).get(noteId));
    return parsed.success && parsed.data.id === noteId ? parsed.data : undefined;
  }

  countBy(stepId: string, authorId: string): number {
    return this.notes(stepId).filter((n) => n.authorId === authorId).length;
  }

  /** How many more notes this author may post; Infinity without a maximum. */
  remainingFor(rules: NotesRules, authorId: string): number {
    if (rules.maxPerPerson === undefined) return Infinity;
    return Math.max(0, rules.maxPerPerson - this.countBy(rules.id, authorId));
  }

  add(rules: NotesRules, text: string, author: NoteAuthor, now = Date.now()): AddNoteResult {
    const clean = clip(text, noteLimit(rules));
    if (!clean) return { ok: false, code: 'empty' };
    if (this.remainingFor(rules, author.id) < 1) return { ok: false, code: 'limit_reached' };
    const note = this.newNote(rules, newItemId(), clean, author, now);
    // Written only if every screen can read it back; an invisible note would be a lost note.
    if (!noteValue.safeParse(note).success) return { ok: false, code: 'invalid_author' };
    this.writeNotes(rules, [note], rules.anonymous);
    return { ok: true, note };
  }

  /**
   * Puts a participant's private drafts on the board at once, in one
   * transaction, keeping each draft's id and time. Drafts already on the board
   * (published by another tab) are not written again, and the step's maximum holds.
   */
  publishDrafts(rules: NotesRules, drafts: readonly DraftToPublish[], author: NoteAuthor): PublishResult {
    const result: PublishResult = { published: [], blank: [], overLimit: [] };
    const fresh: NoteValue[] = [];
    let remaining = this.remainingFor(rules, author.id);
    for (const draft of [...drafts].sort((a, b) => a.at - b.at)) {
      if (this.note(rules.id, draft.id)) {
        result.published.push(draft.id);
        continue;
      }
      const clean = clip(draft.text, noteLimit(rules));
      const note = clean ? this.newNote(rules, draft.id, clean, author, draft.at) : null;
      if (!note || !noteValue.safeParse(note).success) {
        result.blank.push(draft.id);
        continue;
      }
      if (remaining < 1) {
        result.overLimit.push(draft.id);
        continue;
      }
      fresh.push(note);
      result.published.push(draft.id);
      remaining -= 1;
    }
    this.writeNotes(rules, fresh, rules.anonymous);
    return result;
  }

  canChange(stepId: string, noteId: string, editor: NoteEditor): boolean {
    const note = this.note(stepId, noteId);
    return Boolean(note && (editor.facilitator || note.authorId === editor.id));
  }

  /** Changes a note's text (its author or the facilitator). Blank text changes nothing. */
  edit(rules: NotesRules, noteId: string, text: string, editor: NoteEditor, now = Date.now()): boolean {
    const note = this.note(rules.id, noteId);
    if (!note || !this.canChange(rules.id, noteId, editor)) return false;
    // A merged note holds several notes' texts and may be longer than one note.
    const clean = clip(text, note.merged > 0 ? TEXT_LIMITS.story : noteLimit(rules));
    if (!clean) return false;
    if (clean === note.text) return true;
    this.writeNotes(rules, [{ ...note, text: clean, editedAt: now }], rules.anonymous && !editor.facilitator);
    return true;
  }

  remove(stepId: string, noteId: string, editor: NoteEditor): boolean {
    if (!this.canChange(stepId, noteId, editor)) return false;
    this.notesMap(stepId).delete(noteId);
    return true;
  }

  /**
   * The facilitator merges note `sourceId` into `targetId`: the target keeps
   * both texts (one copy when they say the same), counts the merge, and the
   * source disappears, in one transaction so no screen shows a half merge.
   */
  merge(stepId: string, targetId: string, sourceId: string, editor: NoteEditor, now = Date.now()): MergeResult {
    if (!editor.facilitator) return { ok: false, code: 'not_allowed' };
    if (targetId === sourceId) return { ok: false, code: 'same_note' };
    const target = this.note(stepId, targetId);
    const source = this.note(stepId, sourceId);
    if (!target || !source) return { ok: false, code: 'missing' };
    const text = sameText(target.text, source.text) ? target.text : `${target.text}${MERGE_SEPARATOR}${source.text}`;
    // Refused rather than clipped: clipping would silently lose someone's words.
    if (text.length > TEXT_LIMITS.story) return { ok: false, code: 'too_long' };
    const merged: NoteValue = {
      ...target,
      text,
      editedAt: now,
      merged: Math.min(MAX_MERGED_COUNT, target.merged + source.merged + 1),
    };
    this.doc.transact(() => {
      const map = this.notesMap(stepId);
      map.set(targetId, merged);
      map.delete(sourceId);
    });
    return { ok: true, note: merged };
  }

  /**
   * Writes notes in one transaction. Anonymous authors write through an
   * unlinked replica, so not even the document's internals tie the note to them.
   */
  private writeNotes(rules: NotesRules, notes: readonly NoteValue[], unlinked: boolean): void {
    if (notes.length === 0) return;
    const write = (doc: Y.Doc) => {
      const map = doc.getMap(boardKeys.notes(rules.id));
      doc.transact(() => notes.forEach((note) => map.set(note.id, note)));
    };
    if (unlinked) writeUnlinked(this.doc, write);
    else write(this.doc);
  }

  private newNote(rules: NotesRules, id: string, text: string, author: NoteAuthor, at: number): NoteValue {
    const name = rules.anonymous ? null : author.name ? clip(author.name, TEXT_LIMITS.name) || null : null;
    return {
      id,
      text,
      authorId: author.id,
      authorName: name,
      at: Math.max(0, Math.round(at)),
      editedAt: null,
      merged: 0,
    };
  }
}
