import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { noteLimit, Notes, type NoteAuthor, type NotesRules } from '../../../src/model/notes.ts';
import { boardKeys, TEXT_LIMITS } from '../../../src/model/schema.ts';
import { exchangeUpdates, twoReplicas } from '../../helpers/content.ts';

const shortStep: NotesRules = { id: 'ideas', length: 'short', anonymous: false, maxPerPerson: undefined };
const storyStep: NotesRules = { id: 'stories', length: 'story', anonymous: false, maxPerPerson: 2 };
const anonymousStep: NotesRules = { id: 'secret', length: 'short', anonymous: true, maxPerPerson: undefined };

const anna = { id: 'participant-anna', name: 'Anna' };
const bo = { id: 'participant-bo', name: 'Bo' };
const asAnna = { id: anna.id, facilitator: false };
const asBo = { id: bo.id, facilitator: false };
const facilitator = { id: 'facilitator-device', facilitator: true };

const newNotes = () => new Notes(new Y.Doc());

function added(notes: Notes, rules: NotesRules, text: string, author: NoteAuthor = anna, at = 1_000) {
  const result = notes.add(rules, text, author, at);
  if (!result.ok) throw new Error(`add failed: ${result.code}`);
  return result.note;
}

describe('Notes: adding', () => {
  it('stores a trimmed note with author and time, sorted by time then id', () => {
    const notes = newNotes();
    const second = added(notes, shortStep, '  Ring back the same day  ', anna, 2_000);
    const first = added(notes, shortStep, 'Say your name', bo, 1_000);
    expect(second).toMatchObject({
      text: 'Ring back the same day',
      authorId: anna.id,
      authorName: 'Anna',
      at: 2_000,
      editedAt: null,
      merged: 0,
    });
    expect(notes.notes(shortStep.id).map((n) => n.id)).toEqual([first.id, second.id]);
  });

  it('clips to the note or story limit of the step', () => {
    const notes = newNotes();
    const long = 'a'.repeat(TEXT_LIMITS.story + 10);
    expect(added(notes, shortStep, long).text).toHaveLength(TEXT_LIMITS.note);
    expect(added(notes, storyStep, long).text).toHaveLength(TEXT_LIMITS.story);
    expect(noteLimit(shortStep)).toBe(TEXT_LIMITS.note);
  });

  it('refuses blank notes without writing', () => {
    const notes = newNotes();
    expect(notes.add(shortStep, ' \n\t ', anna)).toEqual({ ok: false, code: 'empty' });
    expect(notes.notesMap(shortStep.id).size).toBe(0);
  });

  it('respects the maximum per person, per author', () => {
    const notes = newNotes();
    added(notes, storyStep, 'one');
    added(notes, storyStep, 'two');
    expect(notes.remainingFor(storyStep, anna.id)).toBe(0);
    expect(notes.add(storyStep, 'three', anna)).toEqual({ ok: false, code: 'limit_reached' });
    expect(notes.remainingFor(storyStep, bo.id)).toBe(2);
    expect(notes.add(storyStep, 'from Bo', bo).ok).toBe(true);
    expect(notes.remainingFor(shortStep, anna.id)).toBe(Infinity);
  });

  it('never stores a name on anonymous steps', () => {
    const notes = newNotes();
    const note = added(notes, anonymousStep, 'No names here', { id: 'pseudonym-1', name: 'Anna' });
    expect(note.authorName).toBeNull();
    expect(note.authorId).toBe('pseudonym-1');
    expect(JSON.stringify(notes.notesMap(anonymousStep.id).toJSON())).not.toContain('Anna');
  });

  it("writes anonymous notes (and their authors' edits) under a client id unrelated to the writer", () => {
    const doc = new Y.Doc();
    const notes = new Notes(doc);
    const writerOf = (stepId: string, noteId: string) =>
      (notes.notesMap(stepId) as unknown as { _map: Map<string, { id: { client: number } }> })._map.get(noteId)?.id
        .client;
    let updates = 0;
    doc.on('update', () => updates++);

    const secret = added(notes, anonymousStep, 'nobody knows', { id: 'pseudonym-1', name: null });
    expect(updates).toBe(1);
    expect(writerOf(anonymousStep.id, secret.id)).not.toBe(doc.clientID);
    notes.publishDrafts(anonymousStep, [{ id: 'd1', text: 'a draft', at: 1 }], { id: 'pseudonym-1', name: null });
    expect(writerOf(anonymousStep.id, 'd1')).not.toBe(doc.clientID);
    notes.edit(anonymousStep, secret.id, 'nobody knows, still', { id: 'pseudonym-1', facilitator: false });
    expect(writerOf(anonymousStep.id, secret.id)).not.toBe(doc.clientID);
    expect(notes.note(anonymousStep.id, secret.id)?.text).toBe('nobody knows, still');

    const named = added(notes, shortStep, 'signed', anna);
    expect(writerOf(shortStep.id, named.id)).toBe(doc.clientID);
  });

  it('refuses an author id the schema would not read back', () => {
    const notes = newNotes();
    expect(notes.add(shortStep, 'text', { id: '', name: null })).toEqual({ ok: false, code: 'invalid_author' });
    expect(notes.notesMap(shortStep.id).size).toBe(0);
  });

  it('skips malformed entries and entries stored under another key', () => {
    const notes = newNotes();
    const good = added(notes, shortStep, 'good');
    const map = notes.notesMap(shortStep.id);
    map.set('bad', { id: 'bad', text: '', authorId: 'x', authorName: null, at: 1 });
    map.set('junk', 'not a note');
    map.set('wrong-key', { ...good, id: 'other' });
    expect(notes.notes(shortStep.id)).toEqual([good]);
    expect(notes.note(shortStep.id, 'wrong-key')).toBeUndefined();
  });
});

describe('Notes: editing and removing', () => {
  it('lets the author and the facilitator edit, nobody else', () => {
    const notes = newNotes();
    const note = added(notes, shortStep, 'first wording');
    expect(notes.edit(shortStep, note.id, 'by Bo', asBo, 2_000)).toBe(false);
    expect(notes.edit(shortStep, note.id, 'second wording', asAnna, 2_000)).toBe(true);
    expect(notes.note(shortStep.id, note.id)).toMatchObject({ text: 'second wording', editedAt: 2_000 });
    expect(notes.edit(shortStep, note.id, 'facilitator wording', facilitator, 3_000)).toBe(true);
    expect(notes.note(shortStep.id, note.id)).toMatchObject({ text: 'facilitator wording', authorId: anna.id });
  });

  it('refuses blank edits and edits of missing notes, and clips', () => {
    const notes = newNotes();
    const note = added(notes, shortStep, 'keep me');
    expect(notes.edit(shortStep, note.id, '   ', asAnna)).toBe(false);
    expect(notes.edit(shortStep, 'missing', 'x', facilitator)).toBe(false);
    expect(notes.note(shortStep.id, note.id)?.text).toBe('keep me');
    notes.edit(shortStep, note.id, 'b'.repeat(TEXT_LIMITS.note + 5), asAnna);
    expect(notes.note(shortStep.id, note.id)?.text).toHaveLength(TEXT_LIMITS.note);
  });

  it('lets the author and the facilitator remove, nobody else', () => {
    const notes = newNotes();
    const one = added(notes, shortStep, 'one');
    const two = added(notes, shortStep, 'two');
    expect(notes.remove(shortStep.id, one.id, asBo)).toBe(false);
    expect(notes.remove(shortStep.id, one.id, asAnna)).toBe(true);
    expect(notes.remove(shortStep.id, two.id, facilitator)).toBe(true);
    expect(notes.notes(shortStep.id)).toEqual([]);
  });
});

describe('Notes: merging', () => {
  it('merges B into A in one transaction: combined text, count grows, B gone', () => {
    const notes = newNotes();
    const a = added(notes, shortStep, 'Answer quickly', anna, 1_000);
    const b = added(notes, shortStep, 'Call back when promised', bo, 2_000);
    let transactions = 0;
    notes.doc.on('afterTransaction', () => transactions++);
    const result = notes.merge(shortStep.id, a.id, b.id, facilitator, 3_000);
    expect(transactions).toBe(1);
    expect(result).toMatchObject({ ok: true });
    expect(notes.notes(shortStep.id)).toEqual([
      { ...a, text: 'Answer quickly\n\nCall back when promised', editedAt: 3_000, merged: 1 },
    ]);
  });

  it('adds up merge counts and keeps one copy of identical texts', () => {
    const notes = newNotes();
    const a = added(notes, shortStep, 'Smile');
    const b = added(notes, shortStep, 'Listen');
    const c = added(notes, shortStep, ' smile ');
    notes.merge(shortStep.id, b.id, c.id, facilitator);
    expect(notes.note(shortStep.id, b.id)).toMatchObject({ text: 'Listen\n\nsmile', merged: 1 });
    const d = added(notes, shortStep, 'Smile');
    notes.merge(shortStep.id, a.id, d.id, facilitator);
    expect(notes.note(shortStep.id, a.id)).toMatchObject({ text: 'Smile', merged: 1 });
    notes.merge(shortStep.id, a.id, b.id, facilitator);
    expect(notes.note(shortStep.id, a.id)).toMatchObject({ merged: 3 });
    expect(notes.notes(shortStep.id)).toHaveLength(1);
  });

  it('refuses participants, missing notes, a note into itself and texts beyond the story limit', () => {
    const notes = newNotes();
    const a = added(notes, storyStep, 'x'.repeat(TEXT_LIMITS.story - 10), anna, 1);
    const b = added(notes, storyStep, 'y'.repeat(20), bo, 2);
    expect(notes.merge(storyStep.id, a.id, b.id, asAnna)).toEqual({ ok: false, code: 'not_allowed' });
    expect(notes.merge(storyStep.id, a.id, 'gone', facilitator)).toEqual({ ok: false, code: 'missing' });
    expect(notes.merge(storyStep.id, a.id, a.id, facilitator)).toEqual({ ok: false, code: 'same_note' });
    expect(notes.merge(storyStep.id, a.id, b.id, facilitator)).toEqual({ ok: false, code: 'too_long' });
    expect(notes.notes(storyStep.id)).toEqual([a, b]);
  });

  it('lets a merged short note grow past the short limit, up to story length, also when edited', () => {
    const notes = newNotes();
    const a = added(notes, shortStep, 'a'.repeat(TEXT_LIMITS.note));
    const b = added(notes, shortStep, 'b'.repeat(TEXT_LIMITS.note));
    expect(notes.merge(shortStep.id, a.id, b.id, facilitator).ok).toBe(true);
    const merged = notes.note(shortStep.id, a.id);
    expect(merged?.text.length).toBe(TEXT_LIMITS.note * 2 + 2);
    expect(notes.edit(shortStep, a.id, `${merged?.text}!`, facilitator)).toBe(true);
    expect(notes.note(shortStep.id, a.id)?.text.endsWith('!')).toBe(true);
  });
});

describe('Notes: publishing private drafts', () => {
  it('publishes all drafts in one transaction, keeping their ids and times', () => {
    const notes = newNotes();
    let transactions = 0;
    notes.doc.on('afterTransaction', () => transactions++);
    const result = notes.publishDrafts(
      shortStep,
      [
        { id: 'draft-b', text: ' second ', at: 20 },
        { id: 'draft-a', text: 'first', at: 10 },
        { id: 'draft-c', text: '   ', at: 30 },
      ],
      anna,
    );
    expect(transactions).toBe(1);
    expect(result).toEqual({ published: ['draft-a', 'draft-b'], blank: ['draft-c'], overLimit: [] });
    expect(notes.notes(shortStep.id)).toMatchObject([
      { id: 'draft-a', text: 'first', at: 10, authorId: anna.id, authorName: 'Anna' },
      { id: 'draft-b', text: 'second', at: 20 },
    ]);
  });

  it('keeps the maximum per person, counting notes already on the board', () => {
    const notes = newNotes();
    added(notes, storyStep, 'posted after reveal');
    const result = notes.publishDrafts(
      storyStep,
      [
        { id: 'd1', text: 'one', at: 1 },
        { id: 'd2', text: 'two', at: 2 },
      ],
      anna,
    );
    expect(result).toEqual({ published: ['d1'], blank: [], overLimit: ['d2'] });
    expect(notes.countBy(storyStep.id, anna.id)).toBe(2);
  });

  it('does not duplicate or overwrite drafts another tab already published', () => {
    const [docA, docB] = twoReplicas();
    const tabA = new Notes(docA);
    const tabB = new Notes(docB);
    const drafts = [{ id: 'same-draft', text: 'written once', at: 5 }];
    tabA.publishDrafts(shortStep, drafts, anna);
    tabB.publishDrafts(shortStep, drafts, anna); // at the same time, before syncing
    exchangeUpdates(docA, docB);
    expect(tabA.notes(shortStep.id)).toHaveLength(1);
    expect(tabB.notes(shortStep.id)).toEqual(tabA.notes(shortStep.id));

    tabA.edit(shortStep, 'same-draft', 'edited', asAnna, 9);
    exchangeUpdates(docA, docB);
    expect(tabB.publishDrafts(shortStep, drafts, anna).published).toEqual(['same-draft']);
    expect(tabB.note(shortStep.id, 'same-draft')?.text).toBe('edited');
  });

  it('publishes anonymous drafts under the pseudonym without a name', () => {
    const notes = newNotes();
    notes.publishDrafts(anonymousStep, [{ id: 'd', text: 'quiet idea', at: 1 }], { id: 'pseudo', name: 'Anna' });
    expect(notes.note(anonymousStep.id, 'd')).toMatchObject({ authorId: 'pseudo', authorName: null });
  });
});

describe('Notes: two people at once', () => {
  it('keeps notes added concurrently on two replicas', () => {
    const [docA, docB] = twoReplicas();
    const a = new Notes(docA);
    const b = new Notes(docB);
    added(a, shortStep, 'from A', anna, 1);
    added(b, shortStep, 'from B', bo, 2);
    exchangeUpdates(docA, docB);
    expect(a.notes(shortStep.id).map((n) => n.text)).toEqual(['from A', 'from B']);
    expect(b.notes(shortStep.id)).toEqual(a.notes(shortStep.id));
  });

  it('converges when the author and the facilitator edit the same note at once', () => {
    const [docA, docB] = twoReplicas();
    const a = new Notes(docA);
    const b = new Notes(docB);
    const note = added(a, shortStep, 'original');
    exchangeUpdates(docA, docB);
    a.edit(shortStep, note.id, 'author version', asAnna, 5);
    b.edit(shortStep, note.id, 'facilitator version', facilitator, 5);
    exchangeUpdates(docA, docB);
    expect(a.notes(shortStep.id)).toEqual(b.notes(shortStep.id));
    expect(['author version', 'facilitator version']).toContain(a.note(shortStep.id, note.id)?.text);
  });

  it('keeps the words when an edit races a merge (nothing typed is lost)', () => {
    const [docA, docB] = twoReplicas();
    const facilitatorSide = new Notes(docA);
    const authorSide = new Notes(docB);
    const target = added(facilitatorSide, shortStep, 'target', anna, 1);
    const source = added(facilitatorSide, shortStep, 'source', bo, 2);
    exchangeUpdates(docA, docB);
    facilitatorSide.merge(shortStep.id, target.id, source.id, facilitator, 3);
    authorSide.edit(shortStep, source.id, 'source, reworded', asBo, 3);
    exchangeUpdates(docA, docB);
    const texts = facilitatorSide.notes(shortStep.id).map((n) => n.text);
    expect(texts).toContain('target\n\nsource');
    expect(texts).toContain('source, reworded');
    expect(authorSide.notes(shortStep.id)).toEqual(facilitatorSide.notes(shortStep.id));
  });

  it('uses the root-level map named by the schema', () => {
    const doc = new Y.Doc();
    added(new Notes(doc), shortStep, 'x');
    expect(doc.getMap(boardKeys.notes(shortStep.id)).size).toBe(1);
  });
});
