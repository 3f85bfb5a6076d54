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

/** The changes that touched `stepId`'s collections, oldest first. */
export function stepChanges(records: readonly HistoryRecord[], stepId: string, workshop: Workshop): HistoryChange[] {
  const anonymous = workshop.steps.some((s) => s.id === stepId && s.kind === 'notes' && s.anonymous);
  const doc = new Y.Doc({ gc: false });
  const changes: HistoryChange[] = [];
  try {
    for (const record of records) {
      const effects = effectsOn(doc, record.data, stepId);
      try {
        Y.applyUpdate(doc, record.data);
      } catch {
        // A damaged record is skipped here as when the room loads (server/rooms/stored-updates.ts).
        continue;
      }
      if (effects.length > 0) changes.push({ seq: record.seq, at: record.at, who: whoOf(record, anonymous), effects });
    }
  } finally {
    doc.destroy();
  }
  return changes;
}

function effectsOn(doc: Y.Doc, update: Uint8Array, stepId: string): HistoryEffect[] {
  let roots: Map<string, RootOps>;
  try {
    roots = decodeUpdateOps(doc, update).roots;
  } catch {
    return [];
  }
  const effects: HistoryEffect[] = [];
  for (const [root, ops] of roots) {
    const place = splitRoot(root);
    if (!place || place.stepId !== stepId) continue;
    const effect = countEffect(place.collection, ops);
    if (effect.added + effect.changed + effect.removed > 0) effects.push(effect);
  }
  return effects;
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

function whoOf(record: HistoryRecord, anonymous: boolean): HistoryWho {
  const writer = record.writer;
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
  const upto = records.filter((r) => r.at <= at).map((r) => r.data);
  if (upto.length === 0) return doc;
  try {
    Y.applyUpdate(doc, Y.mergeUpdates(upto));
  } catch {
    // As when a room loads: one damaged record must not cost the rest.
    for (const update of upto) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        /* skipped */
      }
    }
  }
  return doc;
}
