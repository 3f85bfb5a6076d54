/**
 * Reading the room's history (every update ever stored, kept apart from the
 * compacted update log; see server/storage/sqlite-db.ts): which changes
 * touched a step, and the board as it was at a moment.
 *
 * History is replayed from the room's first update: each change is read as
 * entry operations against the board as it was just before it
 * (server/rooms/update-ops.ts, the reading the update guard uses), so "removed
 * 3 entries" means what it meant at that moment, not what is left today.
 */
import * as Y from 'yjs';
import {
  RESTORE_REASON_PREFIX,
  type HistoryChange,
  type HistoryEffect,
  type HistoryWho,
} from '../../src/model/history.ts';
import { COLLECTION_RULES } from '../../src/model/rules.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import type { HistoryRecord } from '../storage/types.ts';
import { decodeUpdateOps, type RootOps } from './update-ops.ts';

/** True when the records reach back to the document's first update with no gap: only then can it be rebuilt. */
export function historyComplete(records: readonly HistoryRecord[]): boolean {
  return records.every((r, i) => r.seq === i + 1);
}

/** The board's collection and step of a root key (`notes/stories` -> notes, stories), or null for other roots. */
export function splitRoot(root: string): { collection: string; stepId: string } | null {
  const slash = root.indexOf('/');
  if (slash < 0) return null;
  const collection = root.slice(0, slash);
  return COLLECTION_RULES[collection] ? { collection, stepId: root.slice(slash + 1) } : null;
}

/** One stored change read as what it did to each step's collections. */
export type IndexedChange = {
  seq: number;
  at: number;
  writer: HistoryRecord['writer'];
  /** Effects by step id; only steps it changed. */
  steps: Map<string, HistoryEffect[]>;
};

/**
 * A document's history read change by change, kept so that the next reading
 * only reads what was stored since: the facilitator's list is read again while
 * the room writes, and replaying a long history each time would hold up the
 * event loop for every room.
 */
export class HistoryReader {
  private readonly doc = new Y.Doc({ gc: false });
  private lastSeq = 0;
  readonly changes: IndexedChange[] = [];

  /** Reads the records after the last one read; false when they do not follow on (then start a new reader). */
  readOn(records: readonly HistoryRecord[]): boolean {
    for (const record of records) {
      if (record.seq <= this.lastSeq) continue;
      if (record.seq !== this.lastSeq + 1) return false;
      this.lastSeq = record.seq;
      const steps = effectsOn(this.doc, record.data);
      try {
        Y.applyUpdate(this.doc, record.data);
      } catch {
        // A damaged record is skipped here as when the room loads (server/rooms/stored-updates.ts).
        continue;
      }
      if (steps.size > 0) this.changes.push({ seq: record.seq, at: record.at, writer: record.writer, steps });
    }
    return true;
  }

  destroy(): void {
    this.doc.destroy();
  }
}

/** The changes that touched `stepId`'s collections, oldest first, as the facilitator may see them. */
export function stepChanges(changes: readonly IndexedChange[], stepId: string, workshop: Workshop): HistoryChange[] {
  const anonymous = workshop.steps.some((s) => s.id === stepId && s.kind === 'notes' && s.anonymous);
  const out: HistoryChange[] = [];
  for (const change of changes) {
    const effects = change.steps.get(stepId);
    if (effects) out.push({ seq: change.seq, at: change.at, who: whoOf(change.writer, anonymous), effects });
  }
  return out;
}

function effectsOn(doc: Y.Doc, update: Uint8Array): Map<string, HistoryEffect[]> {
  const steps = new Map<string, HistoryEffect[]>();
  let roots: Map<string, RootOps>;
  try {
    roots = decodeUpdateOps(doc, update).roots;
  } catch {
    return steps;
  }
  for (const [root, ops] of roots) {
    const place = splitRoot(root);
    if (!place) continue;
    const effect = countEffect(place.collection, ops);
    if (effect.added + effect.changed + effect.removed === 0) continue;
    const list = steps.get(place.stepId) ?? [];
    list.push(effect);
    steps.set(place.stepId, list);
  }
  return steps;
}

/** A map entry written again is a change; other adds and removes count as such. */
function countEffect(collection: string, ops: RootOps): HistoryEffect {
  if (COLLECTION_RULES[collection]?.shape === 'text') {
    return { collection, unit: 'characters', added: ops.addedChars, changed: 0, removed: ops.removedChars };
  }
  const addedKeys = new Set(ops.adds.map((a) => a.key).filter((k) => k !== null));
  const removedKeys = new Set(ops.removes.map((r) => r.key).filter((k) => k !== null));
  let changed = 0;
  for (const key of addedKeys) if (removedKeys.has(key)) changed++;
  const arrayAdds = ops.adds.filter((a) => a.key === null).length;
  const arrayRemoves = ops.removes.filter((r) => r.key === null).length;
  return {
    collection,
    unit: 'entries',
    added: addedKeys.size - changed + arrayAdds,
    changed,
    removed: removedKeys.size - changed + arrayRemoves,
  };
}

function whoOf(writer: HistoryRecord['writer'], anonymous: boolean): HistoryWho {
  if (!writer) return { kind: 'start', seat: null, name: null, restoredTo: null };
  if (writer.role === 'server') {
    const to = writer.name?.startsWith(RESTORE_REASON_PREFIX)
      ? Number(writer.name.slice(RESTORE_REASON_PREFIX.length))
      : NaN;
    return { kind: 'server', seat: null, name: null, restoredTo: Number.isSafeInteger(to) ? to : null };
  }
  // On an anonymous step nobody, the facilitator included, may learn who wrote what.
  if (writer.role === 'participant' && anonymous)
    return { kind: 'anonymous', seat: null, name: null, restoredTo: null };
  return { kind: writer.role, seat: writer.seat, name: writer.name, restoredTo: null };
}

/** The document as it was once every change stored at or before `at` was applied. */
export function docAt(records: readonly HistoryRecord[], at: number): Y.Doc {
  const doc = new Y.Doc();
  // One by one in one transaction: for thousands of small updates this is ten times faster than mergeUpdates.
  doc.transact(() => {
    for (const record of records) {
      if (record.at > at) continue;
      try {
        Y.applyUpdate(doc, record.data);
      } catch {
        // As when a room loads: one damaged record must not cost the rest.
      }
    }
  });
  return doc;
}
