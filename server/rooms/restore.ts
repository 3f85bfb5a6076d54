/**
 * Restoring a step, or the whole board, to an earlier moment. The board as
 * it was then is rebuilt from history (server/rooms/history.ts); what differs
 * from the live board is written into it as one transaction of the server,
 * through the room's LiveDoc, so it is stored before it is broadcast like any
 * update, and it is itself a change in history: restoring to the moment
 * just before it undoes it.
 *
 * Only the difference is written: entries that are the same then and now are
 * left as they are, so nothing that did not change moves or flickers.
 */
import * as Y from 'yjs';
import { RESTORE_REASON_PREFIX } from '../../src/model/history.ts';
import { COLLECTION_RULES } from '../../src/model/rules.ts';
import type { RoomId } from '../../src/model/ids.ts';
import type { RoomStore } from '../storage/types.ts';
import { docAt, historyComplete, splitRoot } from './history.ts';
import { ServerWrite } from './history-writer.ts';
import type { LiveDoc, Peer } from './live-doc.ts';
import type { RoomRegistry } from './registry.ts';

/** How long a restore waits for its write to be stored before answering that it failed. */
export const RESTORE_STORE_TIMEOUT_MS = 10_000;

export type RestoreResult =
  | { ok: true; collections: number; at: number }
  | { ok: false; code: 'history_incomplete' | 'store_failed'; message: string };

/**
 * Writes into `live` what differs from `past` in the roots `include` accepts.
 * Returns how many roots changed; `origin` is the transaction's origin.
 */
export function writeDifference(live: Y.Doc, past: Y.Doc, include: (root: string) => boolean, origin: unknown): number {
  const roots = new Set([...live.share.keys(), ...past.share.keys()].filter((r) => include(r) && splitRoot(r)));
  let changed = 0;
  live.transact(() => {
    for (const root of roots) {
      const shape = COLLECTION_RULES[splitRoot(root)!.collection]!.shape;
      const did =
        shape === 'map'
          ? restoreMap(live, past, root)
          : shape === 'array'
            ? restoreArray(live, past, root)
            : restoreText(live, past, root);
      if (did) changed++;
    }
  }, origin);
  return changed;
}

function restoreMap(live: Y.Doc, past: Y.Doc, root: string): boolean {
  const now = live.getMap<unknown>(root);
  const then = past.getMap<unknown>(root);
  let did = false;
  for (const key of [...now.keys()]) {
    if (!then.has(key)) {
      now.delete(key);
      did = true;
    }
  }
  for (const [key, value] of then.entries()) {
    if (now.has(key) && same(now.get(key), value)) continue;
    now.set(key, structuredClone(value));
    did = true;
  }
  return did;
}

function restoreArray(live: Y.Doc, past: Y.Doc, root: string): boolean {
  const now = live.getArray<unknown>(root);
  const then = past.getArray<unknown>(root).toArray();
  const current = now.toArray();
  const { start, endNow, endThen } = differingRange(current, then, same);
  if (start === endNow && start === endThen) return false;
  if (endNow > start) now.delete(start, endNow - start);
  if (endThen > start)
    now.insert(
      start,
      then.slice(start, endThen).map((v) => structuredClone(v)),
    );
  return true;
}

function restoreText(live: Y.Doc, past: Y.Doc, root: string): boolean {
  const now = live.getText(root);
  const then = past.getText(root).toString();
  const current = now.toString();
  const { start, endNow, endThen } = differingRange([...current], [...then], (a, b) => a === b);
  if (start === endNow && start === endThen) return false;
  // Offsets in UTF-16 units, as Y.Text counts them.
  const from = [...current].slice(0, start).join('').length;
  const length = [...current].slice(start, endNow).join('').length;
  if (length > 0) now.delete(from, length);
  const inserted = [...then].slice(start, endThen).join('');
  if (inserted) now.insert(from, inserted);
  return true;
}

/** The middle part where two sequences differ: a common prefix and suffix are kept. */
function differingRange<T>(now: readonly T[], then: readonly T[], eq: (a: T, b: T) => boolean) {
  let start = 0;
  while (start < now.length && start < then.length && eq(now[start]!, then[start]!)) start++;
  let endNow = now.length;
  let endThen = then.length;
  while (endNow > start && endThen > start && eq(now[endNow - 1]!, then[endThen - 1]!)) {
    endNow--;
    endThen--;
  }
  return { start, endNow, endThen };
}

/** Board values are plain JSON; equal JSON is the same entry. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Restores the board of `room` (one step's collections, or all of them) to
 * how it was at `at`, and resolves once the restoring change is stored.
 */
export async function restoreBoard(
  registry: RoomRegistry,
  store: RoomStore,
  room: RoomId,
  target: { stepId?: string; at: number },
): Promise<RestoreResult> {
  const records = store.loadHistory(room, 'board');
  if (!historyComplete(records)) {
    return {
      ok: false,
      code: 'history_incomplete',
      message: 'The history of this room does not reach back to its start.',
    };
  }
  const past = docAt(records, target.at);
  // Loads the room if nobody is in it; the holder keeps it loaded until the write is stored.
  const live = registry.acquire(room, 'board');
  const stored = waitForStore(live);
  try {
    const origin = new ServerWrite(`${RESTORE_REASON_PREFIX}${target.at}`);
    const include = (root: string) => target.stepId === undefined || splitRoot(root)?.stepId === target.stepId;
    const collections = writeDifference(live.doc, past, include, origin);
    const ok = await stored.done();
    if (!ok)
      return {
        ok: false,
        code: 'store_failed',
        message: 'The restored board could not be stored; nothing was changed.',
      };
    return { ok: true, collections, at: origin.at };
  } finally {
    past.destroy();
    stored.release();
    registry.release(live);
  }
}

/**
 * A silent peer that learns when everything written so far is stored: a
 * marker queued behind the pending updates reaches it only then (see LiveDoc.sendAfterStore).
 */
function waitForStore(live: LiveDoc): { done: () => Promise<boolean>; release: () => void } {
  let arrived: (ok: boolean) => void = () => {};
  const holder: Peer = {
    send: (message) => {
      if (message === MARKER) arrived(true);
    },
    awarenessClients: new Set(),
  };
  live.addPeer(holder);
  return {
    done: () =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), RESTORE_STORE_TIMEOUT_MS);
        arrived = (ok) => {
          clearTimeout(timer);
          resolve(ok);
        };
        live.sendAfterStore(holder, MARKER);
      }),
    release: () => {
      live.removePeer(holder);
    },
  };
}

const MARKER = new Uint8Array(0);
