/**
 * Typed access to a seat's private document (`/sync/<room>/seat`, stored as
 * `seat/<seatId>`): what one person keeps hidden until the facilitator
 * reveals it (ballots, silent notes, own definitions) and what the server
 * publishes for them without their name (anonymous notes). The server syncs
 * it with that seat's connections only, so it never reaches another
 * participant or the projector, and it survives a closed laptop and a change
 * of device because the server stores it like any document.
 */
import * as Y from 'yjs';
import { newItemId } from './ids.ts';
import {
  dotsValue,
  noteValue,
  ownDefinitionValue,
  seatKeys,
  TEXT_LIMITS,
  type DotsValue,
  type NoteValue,
  type OwnDefinitionValue,
} from './schema.ts';
import { parsedMap } from './yjs-values.ts';

const clip = (text: string, max: number) => text.trim().slice(0, max);
const cleanName = (name: string | null) => (name ? clip(name, TEXT_LIMITS.name) || null : null);

/** What the server compares to know whether a private note changed since it published it. */
export function noteFingerprint(note: Pick<NoteValue, 'text'>): string {
  return note.text;
}

/** The key of a published entry in the seat's `published` map. */
export function publishedKey(boardRoot: string, entryKey: string): string {
  return `${boardRoot}|${entryKey}`;
}

export class SeatDoc {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  ballotsMap(): Y.Map<unknown> {
    return this.doc.getMap(seatKeys.ballots);
  }

  /** Every well-formed ballot of this seat, by vote step id. */
  ballots(): Map<string, DotsValue> {
    return parsedMap(this.ballotsMap(), dotsValue);
  }

  ballot(stepId: string): DotsValue | null {
    const parsed = dotsValue.safeParse(this.ballotsMap().get(stepId));
    return parsed.success ? parsed.data : null;
  }

  /** Replaces the ballot of a step; the name is kept only for open votes' published result. */
  setBallot(stepId: string, dots: Record<string, number>, name: string | null, now = Date.now()): void {
    const value: DotsValue = { dots, name: cleanName(name), at: now };
    this.ballotsMap().set(stepId, value);
  }

  notesMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(seatKeys.notes(stepId));
  }

  /** The seat's private notes of a step, oldest first. */
  notes(stepId: string): NoteValue[] {
    return [...parsedMap(this.notesMap(stepId), noteValue)]
      .filter(([key, note]) => key === note.id)
      .map(([, note]) => note)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  }

  note(stepId: string, noteId: string): NoteValue | null {
    const parsed = noteValue.safeParse(this.notesMap(stepId).get(noteId));
    return parsed.success && parsed.data.id === noteId ? parsed.data : null;
  }

  /** Keeps a new private note (already clipped to the step's limit by the caller); null when blank. */
  addNote(
    stepId: string,
    text: string,
    author: { id: string; name: string | null },
    now = Date.now(),
  ): NoteValue | null {
    const clean = text.trim();
    if (!clean) return null;
    const note: NoteValue = {
      id: newItemId(),
      text: clean,
      authorId: author.id,
      authorName: cleanName(author.name),
      at: Math.max(0, Math.round(now)),
      editedAt: null,
      merged: 0,
    };
    if (!noteValue.safeParse(note).success) return null;
    this.notesMap(stepId).set(note.id, note);
    return note;
  }

  editNote(stepId: string, noteId: string, text: string, now = Date.now()): boolean {
    const note = this.note(stepId, noteId);
    const clean = text.trim();
    if (!note || !clean) return false;
    if (clean !== note.text) this.notesMap(stepId).set(noteId, { ...note, text: clean, editedAt: Math.round(now) });
    return true;
  }

  /** Puts the writer's current name on private notes (named steps publish with it). */
  renameNotes(stepId: string, notes: readonly NoteValue[], name: string | null): void {
    const map = this.notesMap(stepId);
    this.doc.transact(() => notes.forEach((n) => map.set(n.id, { ...n, authorName: cleanName(name) })));
  }

  removeNote(stepId: string, noteId: string): boolean {
    if (!this.notesMap(stepId).has(noteId)) return false;
    this.notesMap(stepId).delete(noteId);
    return true;
  }

  ownDefinitionsMap(): Y.Map<unknown> {
    return this.doc.getMap(seatKeys.ownDefinitions);
  }

  ownDefinition(stepId: string): OwnDefinitionValue | null {
    const parsed = ownDefinitionValue.safeParse(this.ownDefinitionsMap().get(stepId));
    return parsed.success ? parsed.data : null;
  }

  /** Keeps the own definition of a define step; blank text removes it. */
  setOwnDefinition(stepId: string, text: string, name: string | null, now = Date.now()): void {
    const clean = clip(text, TEXT_LIMITS.definition);
    const map = this.ownDefinitionsMap();
    if (!clean) {
      if (map.has(stepId)) map.delete(stepId);
      return;
    }
    const before = this.ownDefinition(stepId);
    if (before?.text === clean && before.name === cleanName(name)) return;
    map.set(stepId, { text: clean, name: cleanName(name), at: before?.at ?? Math.round(now) });
  }

  publishedMap(): Y.Map<unknown> {
    return this.doc.getMap(seatKeys.published);
  }

  /** The fingerprint of what the server last published for this entry, or null. */
  published(boardRoot: string, entryKey: string): string | null {
    const value = this.publishedMap().get(publishedKey(boardRoot, entryKey));
    return typeof value === 'string' ? value : null;
  }
}
