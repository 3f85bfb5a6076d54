import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DRAFT_TEXT_LIMIT,
  DraftStorageError,
  draftsStorageKey,
  MAX_DRAFTS_PER_STEP,
  MemoryStorage,
  PrivateDrafts,
} from '../../../src/sync/private-drafts.ts';

const ROOM = 'room-aaaaaaaaaaaaaaaaa';
const STEP = 'stories';

/** A storage event as another tab's write would deliver it (Node has no StorageEvent). */
function storageEvent(key: string | null, storageArea: Storage): Event {
  return Object.assign(new Event('storage'), { key, storageArea });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PrivateDrafts', () => {
  it('adds, updates and removes drafts, oldest first, with item ids', () => {
    const drafts = new PrivateDrafts(ROOM, STEP, new MemoryStorage());
    const later = drafts.add('second', 2_000);
    const first = drafts.add('first', 1_000);
    expect(first.id).toMatch(/^[0-9a-z]{12}$/);
    expect(first.id).not.toBe(later.id);
    expect(drafts.list().map((d) => d.text)).toEqual(['first', 'second']);

    drafts.update(first.id, 'first, changed');
    expect(drafts.list()[0]).toEqual({ id: first.id, text: 'first, changed', at: 1_000 });

    drafts.remove(later.id);
    expect(drafts.list()).toEqual([{ id: first.id, text: 'first, changed', at: 1_000 }]);
  });

  it('keeps each room and step apart, and survives a new instance (a reload)', () => {
    const storage = new MemoryStorage();
    new PrivateDrafts(ROOM, STEP, storage).add('mine', 1);
    new PrivateDrafts(ROOM, 'other-step', storage).add('elsewhere', 1);
    new PrivateDrafts('room-bbbbbbbbbbbbbbbbb', STEP, storage).add('other room', 1);
    expect(new PrivateDrafts(ROOM, STEP, storage).list().map((d) => d.text)).toEqual(['mine']);
    expect(storage.getItem(draftsStorageKey(ROOM, STEP))).toContain('mine');
  });

  it('clips text to the draft limit but keeps it as typed', () => {
    const drafts = new PrivateDrafts(ROOM, STEP, new MemoryStorage());
    const draft = drafts.add(`  ${'x'.repeat(DRAFT_TEXT_LIMIT + 50)}`);
    expect(draft.text).toHaveLength(DRAFT_TEXT_LIMIT);
    expect(draft.text.startsWith('  x')).toBe(true);
    drafts.update(draft.id, 'y'.repeat(DRAFT_TEXT_LIMIT + 1));
    expect(drafts.list()[0]?.text).toHaveLength(DRAFT_TEXT_LIMIT);
  });

  it('ignores updates and removals of unknown ids', () => {
    const storage = new MemoryStorage();
    const drafts = new PrivateDrafts(ROOM, STEP, storage);
    drafts.add('kept', 1);
    const before = storage.getItem(drafts.key);
    drafts.update('gone', 'x');
    drafts.remove('gone');
    expect(storage.getItem(drafts.key)).toBe(before);
  });

  it('clear removes every draft of the step', () => {
    const storage = new MemoryStorage();
    const drafts = new PrivateDrafts(ROOM, STEP, storage);
    drafts.add('a');
    drafts.add('b');
    drafts.clear();
    expect(drafts.list()).toEqual([]);
    expect(storage.getItem(drafts.key)).toBeNull();
  });

  it.each([
    ['not JSON', '{oops'],
    ['not an array', '{"id":"a","text":"x","at":1}'],
    ['null', 'null'],
    ['a number', '42'],
  ])('reads malformed storage (%s) as no drafts and can write over it', (_label, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(draftsStorageKey(ROOM, STEP), raw);
    const drafts = new PrivateDrafts(ROOM, STEP, storage);
    expect(drafts.list()).toEqual([]);
    drafts.add('fresh', 5);
    expect(drafts.list().map((d) => d.text)).toEqual(['fresh']);
  });

  it('skips malformed and duplicate entries but keeps the good ones', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      draftsStorageKey(ROOM, STEP),
      JSON.stringify([
        { id: 'good', text: 'keep me', at: 10 },
        { id: 'good', text: 'duplicate', at: 11 },
        { id: '', text: 'no id', at: 1 },
        { id: 'neg', text: 'bad time', at: -1 },
        { id: 'long', text: 'x'.repeat(DRAFT_TEXT_LIMIT + 1), at: 1 },
        { id: 'num', text: 7, at: 1 },
        'string',
        null,
        { id: 'early', text: 'earlier', at: 3 },
      ]),
    );
    const drafts = new PrivateDrafts(ROOM, STEP, storage);
    expect(drafts.list()).toEqual([
      { id: 'early', text: 'earlier', at: 3 },
      { id: 'good', text: 'keep me', at: 10 },
    ]);
  });

  it('returns the same snapshot until storage changes', () => {
    const storage = new MemoryStorage();
    const drafts = new PrivateDrafts(ROOM, STEP, storage);
    drafts.add('a', 1);
    const first = drafts.snapshot();
    expect(drafts.snapshot()).toBe(first);
    drafts.add('b', 2);
    expect(drafts.snapshot()).not.toBe(first);
    expect(drafts.list()).not.toBe(drafts.list());
  });

  it('notifies every subscriber over the same step in this page, and stops after unsubscribe', () => {
    const storage = new MemoryStorage();
    const one = new PrivateDrafts(ROOM, STEP, storage);
    const two = new PrivateDrafts(ROOM, STEP, storage);
    const other = new PrivateDrafts(ROOM, 'other', storage);
    const heard = { one: 0, two: 0, other: 0 };
    const stopOne = one.subscribe(() => heard.one++);
    two.subscribe(() => heard.two++);
    other.subscribe(() => heard.other++);

    const draft = one.add('x');
    two.update(draft.id, 'y');
    expect(heard).toEqual({ one: 2, two: 2, other: 0 });
    expect(two.list()[0]?.text).toBe('y');

    stopOne();
    two.clear();
    expect(heard).toEqual({ one: 2, two: 3, other: 0 });
  });

  it("hears other tabs' storage events for its own key only", () => {
    const page = new EventTarget();
    vi.stubGlobal('window', page);
    const storage = new MemoryStorage();
    const drafts = new PrivateDrafts(ROOM, STEP, storage);
    let heard = 0;
    const stop = drafts.subscribe(() => heard++);

    // Another tab writes this step's drafts directly into the shared storage.
    storage.setItem(drafts.key, JSON.stringify([{ id: 'tab2', text: 'from the other tab', at: 1 }]));
    page.dispatchEvent(storageEvent(drafts.key, storage));
    expect(heard).toBe(1);
    expect(drafts.list()).toEqual([{ id: 'tab2', text: 'from the other tab', at: 1 }]);

    page.dispatchEvent(storageEvent(draftsStorageKey(ROOM, 'another-step'), storage));
    page.dispatchEvent(storageEvent(drafts.key, new MemoryStorage()));
    expect(heard).toBe(1);

    page.dispatchEvent(storageEvent(null, storage)); // the other tab cleared everything
    expect(heard).toBe(2);

    stop();
    page.dispatchEvent(storageEvent(drafts.key, storage));
    expect(heard).toBe(2);
  });

  it('refuses more than the maximum number of drafts, keeping those stored', () => {
    const drafts = new PrivateDrafts(ROOM, STEP, new MemoryStorage());
    for (let i = 0; i < MAX_DRAFTS_PER_STEP; i++) drafts.add(`n${i}`, i);
    expect(() => drafts.add('one too many')).toThrow(DraftStorageError);
    expect(drafts.list()).toHaveLength(MAX_DRAFTS_PER_STEP);
  });

  it('reports a full storage with a coded error and loses nothing stored', () => {
    const storage = new MemoryStorage();
    const drafts = new PrivateDrafts(ROOM, STEP, storage);
    drafts.add('safe', 1);
    vi.spyOn(storage, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    let caught: unknown;
    try {
      drafts.add('does not fit', 2);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DraftStorageError);
    expect((caught as DraftStorageError).code).toBe('storage_failed');
    expect(drafts.list().map((d) => d.text)).toEqual(['safe']);
  });

  it('falls back to page memory when localStorage is blocked', () => {
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new Error('SecurityError');
      },
    });
    const drafts = new PrivateDrafts(ROOM, STEP);
    drafts.add('still here', 1);
    expect(new PrivateDrafts(ROOM, STEP).list().map((d) => d.text)).toEqual(['still here']);
  });
});
