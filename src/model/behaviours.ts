/**
 * Typed access to the behaviours of a behaviours step (`behaviours/<stepId>`,
 * a map behaviourId -> BehaviourValue on the board document).
 *
 * Priority is a fractional `rank` (lower first): moving an item writes only
 * that item, with a rank between its new neighbours, so two people moving or
 * editing different behaviours at the same time never overwrite each other.
 * Equal ranks (two items added or moved into one gap at once) are ordered by
 * time, then id, so every replica shows the same order.
 */
import * as Y from 'yjs';
import { newItemId } from './ids.ts';
import { behaviourValue, boardKeys, TEXT_LIMITS, type BehaviourValue } from './schema.ts';
import { parsedMap } from './yjs-values.ts';

/** The distance between neighbours after adding at the end or renumbering. */
export const RANK_STEP = 1024;
/** Below this gap between neighbours the list is renumbered (about 40 halvings of RANK_STEP). */
export const MIN_RANK_GAP = 1e-9;

export type BehaviourFields = { text: string; how: string; signs: string };

/** Who acts: edits and removals are for the author or the facilitator. */
export type BehaviourActor = { id: string; name: string | null; facilitator: boolean };

export type BehaviourErrorCode = 'empty_text' | 'list_full' | 'not_found' | 'not_allowed';
export type BehaviourResult = { ok: true; behaviour: BehaviourValue } | { ok: false; code: BehaviourErrorCode };

const clip = (text: string, max: number) => text.trim().slice(0, max);

/** Sort order of the list: rank, then time, then id (a total order, the same on every replica). */
export function compareBehaviours(a: BehaviourValue, b: BehaviourValue): number {
  return a.rank - b.rank || a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The rank that puts an item between `before` and `after` (either may be absent),
 * or null when the gap is too small to split and the list must be renumbered.
 */
export function rankBetween(before: number | undefined, after: number | undefined): number | null {
  if (before === undefined && after === undefined) return RANK_STEP;
  if (before === undefined) return (after as number) - RANK_STEP;
  if (after === undefined) return before + RANK_STEP;
  if (after - before < MIN_RANK_GAP) return null;
  const middle = before + (after - before) / 2;
  // Floating point: the middle of two very close numbers can equal one of them.
  return middle > before && middle < after ? middle : null;
}

export function canChangeBehaviour(behaviour: BehaviourValue, actor: BehaviourActor): boolean {
  return actor.facilitator || behaviour.authorId === actor.id;
}

export class Behaviours {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  map(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.behaviours(stepId));
  }

  /** The behaviours in priority order. Malformed entries are skipped. */
  list(stepId: string): BehaviourValue[] {
    return [...parsedMap(this.map(stepId), behaviourValue).values()].sort(compareBehaviours);
  }

  get(stepId: string, id: string): BehaviourValue | undefined {
    const parsed = behaviourValue.safeParse(this.map(stepId).get(id));
    return parsed.success ? parsed.data : undefined;
  }

  /** Appends a behaviour at the end of the list, unless the step's `maxItems` is reached. */
  add(
    stepId: string,
    fields: BehaviourFields,
    author: { id: string; name: string | null },
    options: { maxItems?: number | undefined; now?: number } = {},
  ): BehaviourResult {
    const text = clip(fields.text, TEXT_LIMITS.behaviour);
    if (!text) return { ok: false, code: 'empty_text' };
    const current = this.list(stepId);
    if (options.maxItems !== undefined && current.length >= options.maxItems) return { ok: false, code: 'list_full' };
    const behaviour: BehaviourValue = {
      id: newItemId(),
      text,
      how: clip(fields.how, TEXT_LIMITS.behaviourDetail),
      signs: clip(fields.signs, TEXT_LIMITS.behaviourDetail),
      rank: rankBetween(current.at(-1)?.rank, undefined) as number,
      authorId: author.id,
      authorName: author.name ? clip(author.name, TEXT_LIMITS.name) || null : null,
      at: options.now ?? Date.now(),
    };
    this.map(stepId).set(behaviour.id, behaviour);
    return { ok: true, behaviour };
  }

  /** Changes the given fields; the text may not become empty. */
  edit(stepId: string, id: string, fields: Partial<BehaviourFields>, actor: BehaviourActor): BehaviourResult {
    const existing = this.get(stepId, id);
    if (!existing) return { ok: false, code: 'not_found' };
    if (!canChangeBehaviour(existing, actor)) return { ok: false, code: 'not_allowed' };
    const next: BehaviourValue = {
      ...existing,
      ...(fields.text !== undefined ? { text: clip(fields.text, TEXT_LIMITS.behaviour) } : {}),
      ...(fields.how !== undefined ? { how: clip(fields.how, TEXT_LIMITS.behaviourDetail) } : {}),
      ...(fields.signs !== undefined ? { signs: clip(fields.signs, TEXT_LIMITS.behaviourDetail) } : {}),
    };
    if (!next.text) return { ok: false, code: 'empty_text' };
    this.map(stepId).set(id, next);
    return { ok: true, behaviour: next };
  }

  remove(stepId: string, id: string, actor: BehaviourActor): BehaviourResult {
    const existing = this.get(stepId, id);
    if (!existing) return { ok: false, code: 'not_found' };
    if (!canChangeBehaviour(existing, actor)) return { ok: false, code: 'not_allowed' };
    this.map(stepId).delete(id);
    return { ok: true, behaviour: existing };
  }

  moveUp(stepId: string, id: string): BehaviourResult {
    const index = this.list(stepId).findIndex((b) => b.id === id);
    return index < 0 ? { ok: false, code: 'not_found' } : this.moveTo(stepId, id, index - 1);
  }

  moveDown(stepId: string, id: string): BehaviourResult {
    const index = this.list(stepId).findIndex((b) => b.id === id);
    return index < 0 ? { ok: false, code: 'not_found' } : this.moveTo(stepId, id, index + 1);
  }

  /**
   * Moves a behaviour to a 0-based position (clamped to the list). Anyone who may
   * write the board may reorder: the priority is the group's, not the author's.
   */
  moveTo(stepId: string, id: string, position: number): BehaviourResult {
    const list = this.list(stepId);
    const moving = list.find((b) => b.id === id);
    if (!moving) return { ok: false, code: 'not_found' };
    const others = list.filter((b) => b.id !== id);
    const target = Math.max(0, Math.min(others.length, Math.trunc(position)));
    if (list[target]?.id === id) return { ok: true, behaviour: moving };

    const rank = rankBetween(others[target - 1]?.rank, others[target]?.rank);
    const map = this.map(stepId);
    if (rank !== null) {
      const moved = { ...moving, rank };
      map.set(id, moved);
      return { ok: true, behaviour: moved };
    }
    // The gap is used up: give every item an evenly spaced rank, in the wanted order, at once.
    const order = [...others.slice(0, target), moving, ...others.slice(target)];
    let moved = moving;
    this.doc.transact(() => {
      order.forEach((behaviour, index) => {
        const renumbered = { ...behaviour, rank: (index + 1) * RANK_STEP };
        if (behaviour.id === id) moved = renumbered;
        if (behaviour.rank !== renumbered.rank) map.set(behaviour.id, renumbered);
      });
    });
    return { ok: true, behaviour: moved };
  }
}
