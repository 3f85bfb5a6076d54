/**
 * Checks a client's update against the rule table (src/model/rules.ts)
 * before it reaches the document. Nothing is applied to find out: a Yjs
 * update names the parent of every insert (or an origin whose parent it
 * shares) and the ids of every deletion, so resolving those against the
 * server's document, and the update's own items, says which entries it adds
 * and which it removes. A refused update is refused whole.
 *
 * An insert whose place cannot be resolved (it depends on items the server
 * never received) is refused as "out of sync": applying it would leave it
 * pending in the document, invisible to everyone and never stored right.
 */
import * as Y from 'yjs';
import {
  COLLECTION_RULES,
  ruleForRoot,
  SENTENCE_LIMIT,
  stepOpenTo,
  type Entry,
  type RoomView,
  type Verdict,
  type Writer,
} from '../../src/model/rules.ts';
import { seatEntryVerdict } from '../../src/model/seat-rules.ts';
import { decodeUpdateOps, type UpdateOps } from './update-ops.ts';

export type GuardVerdict = Verdict & { root?: string };

/** Checks `update` as written by `writer` into the board `doc` of the room `room` describes. */
export function checkBoardUpdate(doc: Y.Doc, update: Uint8Array, writer: Writer, room: RoomView): GuardVerdict {
  const ops = readOps(doc, update, 'the board');
  if ('ok' in ops) return ops;

  for (const [root, rootOps] of ops.roots) {
    const found = ruleForRoot(root, room.workshop);
    if (!found.ok) return { ...found.verdict, root };
    const { rule, step } = found;
    const collection = root.slice(0, root.indexOf('/'));
    const open = stepOpenTo(writer, step, room, collection);
    if (!open.ok) return { ...open, root };

    if (rule.shape === 'text') {
      if (rootOps.adds.some((a) => a.key !== null || typeof a.value !== 'string')) {
        return { ok: false, rule: 'invalid', message: 'only text belongs in the sentence', root };
      }
      const grows = rootOps.addedChars - rootOps.removedChars;
      if (grows > 0 && rootOps.currentChars + grows > SENTENCE_LIMIT) {
        return { ok: false, rule: 'too_large', message: `the sentence may be at most ${SENTENCE_LIMIT} characters`, root };
      }
      continue;
    }
    const wantsKey = rule.shape === 'map';
    if (rootOps.adds.some((a) => (a.key !== null) !== wantsKey || a.value === undefined)) {
      return { ok: false, rule: 'invalid', message: `"${root}" is a ${rule.shape}`, root };
    }
    // The collection as it will be while the update's adds are checked one by one (for per-person limits).
    const existing: Entry[] = [];
    let loaded = false;
    const existingNow = () => {
      if (!loaded) {
        existing.push(...rootOps.current());
        loaded = true;
      }
      return existing;
    };
    for (const removal of rootOps.removes) {
      const replacedBy = removal.key === null ? null : (rootOps.adds.find((a) => a.key === removal.key) ?? null);
      const verdict = rule.remove(removal, { step, room, writer, replacedBy });
      if (!verdict.ok) return { ...verdict, root };
    }
    for (const add of rootOps.adds) {
      const replaces = add.key === null ? null : (rootOps.removes.find((r) => r.key === add.key) ?? null);
      const verdict = rule.add(add, { step, room, writer, replaces, existing: existingNow });
      if (!verdict.ok) return { ...verdict, root };
      if (!replaces) existingNow().push(add);
    }
  }
  return { ok: true };
}

/** Checks `update` as written by `writer` into its own seat document `doc` (ballots, private notes and definitions). */
export function checkSeatUpdate(doc: Y.Doc, update: Uint8Array, writer: Writer, room: RoomView): GuardVerdict {
  const ops = readOps(doc, update, 'a seat');
  if ('ok' in ops) return ops;
  for (const [root, rootOps] of ops.roots) {
    // The entries of the root once the update is applied, for per-person limits.
    let after: Entry[] | null = null;
    const existing = () => {
      if (after) return after;
      const removed = new Set(rootOps.removes.map((r) => r.key));
      const added = new Set(rootOps.adds.map((a) => a.key));
      after = [...rootOps.current().filter((e) => !removed.has(e.key) && !added.has(e.key)), ...rootOps.adds];
      return after;
    };
    for (const [entries, adding] of [
      [rootOps.removes, false],
      [rootOps.adds, true],
    ] as const) {
      for (const entry of entries) {
        const verdict = seatEntryVerdict(root, entry, adding, writer, room, existing);
        if (!verdict.ok) return { ...verdict, root };
      }
    }
  }
  return { ok: true };
}

/** The update as entry operations, or why it cannot be taken whatever the rules say. */
function readOps(doc: Y.Doc, update: Uint8Array, where: string): UpdateOps | GuardVerdict {
  let ops: UpdateOps;
  try {
    ops = decodeUpdateOps(doc, update);
  } catch (error) {
    return { ok: false, rule: 'invalid', message: `unreadable update: ${String(error)}` };
  }
  if (ops.outOfSync) return { ok: false, rule: 'out_of_sync', message: ops.outOfSync };
  if (ops.nested) return { ok: false, rule: 'not_allowed', message: `${where} holds no nested types` };
  return ops;
}

/** The collections the rule table knows, for tests and docs. */
export const GUARDED_COLLECTIONS = Object.keys(COLLECTION_RULES);
