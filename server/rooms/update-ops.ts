/**
 * Reads a Yjs update as entry operations on the root types of a document:
 * which entries it adds (root, map key, value) and which existing entries it
 * removes, resolved against the document it is about to be applied to.
 *
 * How Yjs encodes places: an item names its parent (a root name, or the id
 * of the item holding a nested type) only when it has no neighbours;
 * otherwise it names its left or right origin and shares that item's parent
 * and map key. A map entry written again is a new item whose left origin is
 * the current one; integrating it deletes the current one, whether or not
 * the update's delete set says so, so the current value counts as removed.
 */
import * as Y from 'yjs';
import type { Entry } from '../../src/model/rules.ts';

type Place = { root: string; key: string | null } | 'nested' | 'void';

export type RootOps = {
  adds: Entry[];
  removes: Entry[];
  /** Characters inserted into / removed from a text root. */
  addedChars: number;
  removedChars: number;
  /** Length of a text root before the update. */
  currentChars: number;
  /** The root's live entries before the update (computed on demand). */
  current: () => Entry[];
};

export type UpdateOps = {
  roots: Map<string, RootOps>;
  /** Set when the update depends on items the document does not have. */
  outOfSync: string | null;
  /** The update writes inside a nested type. */
  nested: boolean;
};

export function decodeUpdateOps(doc: Y.Doc, update: Uint8Array): UpdateOps {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  const result: UpdateOps = { roots: new Map(), outOfSync: null, nested: false };
  const opsOf = (root: string) => {
    let ops = result.roots.get(root);
    if (!ops) {
      ops = { adds: [], removes: [], addedChars: 0, removedChars: 0, currentChars: 0, current: () => liveEntries(doc, root) };
      const type = doc.share.get(root);
      if (type) ops.currentChars = type._length;
      result.roots.set(root, ops);
    }
    return ops;
  };

  // The update's own items by client, in clock order, to resolve origins among them.
  const own = new Map<number, Y.Item[]>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = own.get(struct.id.client) ?? [];
    list.push(struct);
    own.set(struct.id.client, list);
  }
  const stateOf = (client: number) => Y.getState(store, client);
  for (const [client, items] of own) {
    // Yjs cannot integrate an item after a gap in its client's clock; it would wait, pending, for ever.
    const first = items[0]!;
    if (first.id.clock > stateOf(client)) {
      result.outOfSync = `update starts at clock ${first.id.clock} of client ${client}, the server has ${stateOf(client)}`;
      return result;
    }
  }
  const findOwn = (id: Y.ID): Y.Item | undefined => {
    const items = own.get(id.client);
    if (!items) return undefined;
    // A client's items come in clock order: binary search, so a crafted update of many items stays cheap.
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = items[mid]!;
      if (id.clock < item.id.clock) high = mid - 1;
      else if (id.clock >= item.id.clock + item.length) low = mid + 1;
      else return item;
    }
    return undefined;
  };

  const places = new Map<Y.Item, Place | null>();
  const placeOf = (item: Y.Item, depth = 0): Place | null => {
    if (places.has(item)) return places.get(item)!;
    let place: Place | null;
    if (typeof item.parent === 'string') place = { root: item.parent, key: item.parentSub };
    else if (item.parent instanceof Y.ID) place = 'nested';
    else {
      const ref = item.origin ?? item.rightOrigin;
      place = ref ? placeOfId(ref, depth) : null;
    }
    places.set(item, place);
    return place;
  };
  const placeOfId = (id: Y.ID, depth: number): Place | null => {
    if (id.clock < stateOf(id.client)) return placeOfStored(Y.getItem(store, id));
    const mine = findOwn(id);
    // Chains of origins inside one update are short in practice; the bound keeps a crafted one cheap.
    return mine && depth < 10_000 ? placeOf(mine, depth + 1) : null;
  };

  // Inserts that the same update deletes again change nothing visible.
  const deletedHere = new Set<Y.Item>();
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      let at = clock;
      while (at < clock + len) {
        if (at < stateOf(client)) {
          const stored = Y.getItem(store, Y.createID(client, at));
          const end = Math.min(clock + len, stored.id.clock + stored.length);
          if (stored instanceof Y.Item && !stored.deleted) {
            const place = placeOfStored(stored);
            if (place === 'nested') result.nested = true;
            else if (place !== 'void' && place !== null) {
              recordRemoval(opsOf(place.root), place.key, stored, at - stored.id.clock, end - at);
            }
          }
          at = end;
          continue;
        }
        const mine = findOwn(Y.createID(client, at));
        if (!mine) {
          result.outOfSync = `update deletes clock ${at} of client ${client}, which the server does not have`;
          return result;
        }
        deletedHere.add(mine);
        at = mine.id.clock + mine.length;
      }
    }
  }

  for (const items of own.values()) {
    for (const item of items) {
      // Already integrated (a client resending what the server has): nothing new.
      if (item.id.clock + item.length <= stateOf(item.id.client)) continue;
      if (deletedHere.has(item) || item.content instanceof Y.ContentDeleted) continue;
      const place = placeOf(item);
      if (place === null) {
        result.outOfSync = 'update refers to items the server does not have';
        return result;
      }
      if (place === 'nested' || item.content instanceof Y.ContentType) {
        result.nested = true;
        continue;
      }
      if (place === 'void') continue;
      const ops = opsOf(place.root);
      if (item.content instanceof Y.ContentString) {
        ops.adds.push({ key: place.key, value: item.content.str });
        ops.addedChars += item.content.str.length;
      } else if (item.content instanceof Y.ContentAny) {
        for (const value of item.content.arr) ops.adds.push({ key: place.key, value });
      } else {
        // Binary, embeds, formats, JSON, sub-documents: nothing on our boards is made of them.
        ops.adds.push({ key: place.key, value: undefined });
      }
      if (place.key !== null) {
        const current = currentMapItem(doc, place.root, place.key);
        if (current && !ops.removes.some((r) => r.key === place.key)) {
          recordRemoval(ops, place.key, current, 0, current.length);
        }
      }
    }
  }
  return result;
}

/** Where a stored struct sits; 'void' for garbage-collected structs (inserts next to them vanish too). */
function placeOfStored(struct: Y.Item | Y.GC): Place {
  if (!(struct instanceof Y.Item)) return 'void';
  const parent = struct.parent;
  if (!(parent instanceof Y.AbstractType)) return 'void';
  if (parent._item !== null) return 'nested';
  return { root: Y.findRootTypeKey(parent), key: struct.parentSub };
}

function recordRemoval(ops: RootOps, key: string | null, item: Y.Item, offset: number, length: number): void {
  if (item.content instanceof Y.ContentString) {
    ops.removes.push({ key, value: item.content.str.slice(offset, offset + length) });
    ops.removedChars += length;
    return;
  }
  const values = item.content.getContent();
  // A map entry is its item's last value; an array item holds `length` elements from `offset`.
  if (key !== null) ops.removes.push({ key, value: values.at(-1) });
  else for (const value of values.slice(offset, offset + length)) ops.removes.push({ key, value });
}

function currentMapItem(doc: Y.Doc, root: string, key: string): Y.Item | null {
  const item = doc.share.get(root)?._map.get(key);
  return item && !item.deleted ? item : null;
}

/** The root's live entries: map values with their keys, or array elements. */
function liveEntries(doc: Y.Doc, root: string): Entry[] {
  const type = doc.share.get(root);
  if (!type) return [];
  const out: Entry[] = [];
  for (const [key, item] of type._map) if (!item.deleted) out.push({ key, value: item.content.getContent().at(-1) });
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted && item.countable) for (const value of item.content.getContent()) out.push({ key: null, value });
  }
  return out;
}
