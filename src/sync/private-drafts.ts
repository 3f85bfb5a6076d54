/**
 * Silent writing: a participant's drafts for one step, kept ONLY in this
 * device's localStorage until the facilitator reveals the step. Nothing here
 * touches the network; the island publishes the drafts itself after reveal.
 *
 * Storage is untrusted (other code, other versions, hand edits): every read
 * is parsed and malformed entries are skipped, never thrown on.
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { z } from 'zod';
import { newItemId } from '../model/ids.ts';
import { TEXT_LIMITS } from '../model/schema.ts';

export type PrivateDraft = { id: string; text: string; at: number };

/** Drafts are kept as typed (no trimming while someone writes), clipped to the longest text any kind accepts. */
export const DRAFT_TEXT_LIMIT = TEXT_LIMITS.story;
/** Far above any step's per-person limit; keeps a runaway loop from filling the device's storage. */
export const MAX_DRAFTS_PER_STEP = 200;

const STORAGE_PREFIX = 'ledestjerne.drafts';

export type DraftStorageErrorCode = 'too_many_drafts' | 'storage_failed';

/** Thrown when a draft cannot be kept; the drafts already stored are unchanged. */
export class DraftStorageError extends Error {
  readonly code: DraftStorageErrorCode;
  constructor(code: DraftStorageErrorCode, message: string) {
    super(message);
    this.name = 'DraftStorageError';
    this.code = code;
  }
}

const draftSchema = z.object({
  id: z.string().min(1).max(40),
  text: z.string().max(DRAFT_TEXT_LIMIT),
  at: z.number().int().nonnegative(),
});

/** The storage key of one room's step; exported for tests and for the cross-tab listener. */
export function draftsStorageKey(room: string, stepId: string): string {
  return `${STORAGE_PREFIX}/${room}/${stepId}`;
}

function parseDrafts(raw: string | null): PrivateDraft[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const seen = new Set<string>();
  const out: PrivateDraft[] = [];
  for (const entry of data) {
    const parsed = draftSchema.safeParse(entry);
    if (!parsed.success || seen.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    out.push(parsed.data);
  }
  return out.sort((a, b) => a.at - b.at).slice(0, MAX_DRAFTS_PER_STEP);
}

/** A Storage that lives as long as the page: used where localStorage is missing or blocked. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}

let pageMemory: MemoryStorage | null = null;

/** localStorage when it works; otherwise one in-memory store per page, so drafts survive until reload. */
function defaultStorage(): Storage {
  try {
    const storage = globalThis.localStorage;
    if (storage) {
      storage.getItem(STORAGE_PREFIX);
      return storage;
    }
  } catch {
    // Blocked (private mode, disabled cookies): fall through.
  }
  pageMemory ??= new MemoryStorage();
  return pageMemory;
}

/** Listeners of every PrivateDrafts instance in this page, so two components over one step stay in step. */
const localListeners = new WeakMap<Storage, Map<string, Set<() => void>>>();

function listenersFor(storage: Storage, key: string): Set<() => void> {
  let byKey = localListeners.get(storage);
  if (!byKey) localListeners.set(storage, (byKey = new Map()));
  let set = byKey.get(key);
  if (!set) byKey.set(key, (set = new Set()));
  return set;
}

export class PrivateDrafts {
  readonly key: string;
  private readonly storage: Storage;
  private cache: { raw: string | null; drafts: readonly PrivateDraft[] } = { raw: null, drafts: [] };

  constructor(room: string, stepId: string, storage?: Storage) {
    this.key = draftsStorageKey(room, stepId);
    this.storage = storage ?? defaultStorage();
  }

  /** The drafts, oldest first (a fresh array). */
  list(): PrivateDraft[] {
    return [...this.snapshot()];
  }

  /** The same array as long as storage holds the same text (what useSyncExternalStore needs). */
  snapshot(): readonly PrivateDraft[] {
    const raw = this.readRaw();
    if (raw !== this.cache.raw) this.cache = { raw, drafts: Object.freeze(parseDrafts(raw)) };
    return this.cache.drafts;
  }

  /** Keeps a new draft. Empty text is allowed (a draft being written); publishers skip blank drafts. */
  add(text: string, now = Date.now()): PrivateDraft {
    const drafts = this.list();
    if (drafts.length >= MAX_DRAFTS_PER_STEP) {
      throw new DraftStorageError('too_many_drafts', `at most ${MAX_DRAFTS_PER_STEP} drafts per step`);
    }
    const draft: PrivateDraft = { id: newItemId(), text: text.slice(0, DRAFT_TEXT_LIMIT), at: Math.max(0, now) };
    this.write([...drafts, draft]);
    return draft;
  }

  /** Changes a draft's text; an unknown id (e.g. removed in another tab) changes nothing. */
  update(id: string, text: string): void {
    const drafts = this.list();
    if (!drafts.some((d) => d.id === id)) return;
    this.write(drafts.map((d) => (d.id === id ? { ...d, text: text.slice(0, DRAFT_TEXT_LIMIT) } : d)));
  }

  remove(id: string): void {
    const drafts = this.list();
    if (!drafts.some((d) => d.id === id)) return;
    this.write(drafts.filter((d) => d.id !== id));
  }

  clear(): void {
    try {
      this.storage.removeItem(this.key);
    } catch {
      // Nothing else to do: a store we cannot write to cannot hold stale drafts either.
    }
    this.notify();
  }

  /** Calls `listener` after any change to this step's drafts: from this page, or from another tab. */
  subscribe(listener: () => void): () => void {
    const local = listenersFor(this.storage, this.key);
    local.add(listener);
    const onStorage = (event: StorageEvent) => {
      // key null: the other tab cleared all of localStorage.
      if (event.storageArea !== this.storage && event.storageArea !== null) return;
      if (event.key === this.key || event.key === null) listener();
    };
    const target = typeof window === 'undefined' ? null : window;
    target?.addEventListener('storage', onStorage);
    return () => {
      local.delete(listener);
      target?.removeEventListener('storage', onStorage);
    };
  }

  private readRaw(): string | null {
    try {
      return this.storage.getItem(this.key);
    } catch {
      return null;
    }
  }

  private write(drafts: PrivateDraft[]): void {
    try {
      if (drafts.length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify(drafts));
    } catch (error) {
      throw new DraftStorageError('storage_failed', `could not keep the draft on this device: ${String(error)}`);
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of [...listenersFor(this.storage, this.key)]) listener();
  }
}

const NO_DRAFTS: readonly PrivateDraft[] = Object.freeze([]);

export type PrivateDraftsHandle = {
  /** Frozen: a new array arrives with every change. */
  drafts: PrivateDraft[];
  add: (text: string, now?: number) => PrivateDraft;
  update: (id: string, text: string) => void;
  remove: (id: string) => void;
  clear: () => void;
};

/** The drafts of one step on this device, re-rendering on every change (also from other tabs). */
export function usePrivateDrafts(room: string, stepId: string): PrivateDraftsHandle {
  const store = useMemo(() => new PrivateDrafts(room, stepId), [room, stepId]);
  const drafts = useSyncExternalStore(
    useCallback((onChange: () => void) => store.subscribe(onChange), [store]),
    () => store.snapshot(),
    () => NO_DRAFTS,
  );
  return useMemo(
    () => ({
      drafts: drafts as PrivateDraft[],
      add: (text: string, now?: number) => store.add(text, now),
      update: (id: string, text: string) => store.update(id, text),
      remove: (id: string) => store.remove(id),
      clear: () => store.clear(),
    }),
    [drafts, store],
  );
}
