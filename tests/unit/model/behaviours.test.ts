import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  Behaviours,
  compareBehaviours,
  MIN_RANK_GAP,
  RANK_STEP,
  rankBetween,
  type BehaviourActor,
} from '../../../src/model/behaviours.ts';
import { boardKeys, TEXT_LIMITS, type BehaviourValue } from '../../../src/model/schema.ts';
import { exchangeUpdates, twoReplicas } from '../../helpers/content.ts';

const STEP = 'behaviours';
const anna = { id: 'participant-anna', name: 'Anna' };
const bo = { id: 'participant-bo', name: 'Bo' };
const annaActs: BehaviourActor = { ...anna, facilitator: false };
const boActs: BehaviourActor = { ...bo, facilitator: false };
const facilitator: BehaviourActor = { id: 'facilitator-1', name: null, facilitator: true };

const fields = (text: string, how = '', signs = '') => ({ text, how, signs });
const texts = (behaviours: Behaviours) => behaviours.list(STEP).map((b) => b.text);

function withItems(...names: string[]): Behaviours {
  const behaviours = new Behaviours(new Y.Doc());
  names.forEach((name, i) => behaviours.add(STEP, fields(name), anna, { now: 1_000 + i }));
  return behaviours;
}

function idOf(behaviours: Behaviours, text: string): string {
  const found = behaviours.list(STEP).find((b) => b.text === text);
  if (!found) throw new Error(`no behaviour "${text}"`);
  return found.id;
}

describe('rankBetween', () => {
  it('places before the first, after the last, and halfway between two', () => {
    expect(rankBetween(undefined, undefined)).toBe(RANK_STEP);
    expect(rankBetween(undefined, 10)).toBe(10 - RANK_STEP);
    expect(rankBetween(10, undefined)).toBe(10 + RANK_STEP);
    expect(rankBetween(10, 20)).toBe(15);
  });

  it('asks for renumbering when the gap is too small to split', () => {
    expect(rankBetween(1, 1 + MIN_RANK_GAP / 2)).toBeNull();
    expect(rankBetween(5, 5)).toBeNull();
    expect(rankBetween(1, 1 + Number.EPSILON)).toBeNull();
  });
});

describe('Behaviours: adding', () => {
  it('stores trimmed fields with author and time, each appended last', () => {
    const behaviours = new Behaviours(new Y.Doc());
    const first = behaviours.add(
      STEP,
      fields('  We greet by name ', ' Say the name twice ', ' Customer smiles '),
      anna,
      {
        now: 5,
      },
    );
    const second = behaviours.add(STEP, fields('We follow up'), bo, { now: 6 });
    expect(first).toMatchObject({
      ok: true,
      behaviour: { text: 'We greet by name', how: 'Say the name twice', signs: 'Customer smiles', authorName: 'Anna' },
    });
    expect(texts(behaviours)).toEqual(['We greet by name', 'We follow up']);
    if (!first.ok || !second.ok) throw new Error('adding failed');
    expect(second.behaviour.rank).toBeGreaterThan(first.behaviour.rank);
  });

  it('refuses an empty behaviour and a full list without writing', () => {
    const behaviours = withItems('One', 'Two');
    expect(behaviours.add(STEP, fields('  \n '), anna)).toEqual({ ok: false, code: 'empty_text' });
    expect(behaviours.add(STEP, fields('Three'), anna, { maxItems: 2 })).toEqual({ ok: false, code: 'list_full' });
    expect(behaviours.add(STEP, fields('Three'), anna, { maxItems: 3 }).ok).toBe(true);
    expect(texts(behaviours)).toEqual(['One', 'Two', 'Three']);
  });

  it('clips long texts and a blank name, and reads back everything it wrote', () => {
    const behaviours = new Behaviours(new Y.Doc());
    const long = 'x'.repeat(2_000);
    const added = behaviours.add(STEP, fields(long, long, long), { id: 'p', name: '   ' });
    if (!added.ok) throw new Error('adding failed');
    expect(added.behaviour.text).toHaveLength(TEXT_LIMITS.behaviour);
    expect(added.behaviour.how).toHaveLength(TEXT_LIMITS.behaviourDetail);
    expect(added.behaviour.signs).toHaveLength(TEXT_LIMITS.behaviourDetail);
    expect(added.behaviour.authorName).toBeNull();
    expect(behaviours.list(STEP)).toEqual([added.behaviour]);
  });

  it('skips malformed entries written straight into the shared map', () => {
    const behaviours = withItems('Good');
    const map = behaviours.doc.getMap(boardKeys.behaviours(STEP));
    map.set('bad-1', { text: 'No rank' });
    map.set('bad-2', 'just a string');
    map.set('bad-3', { id: 'bad-3', text: '', how: '', signs: '', rank: 1, authorId: 'x', authorName: null, at: 1 });
    expect(texts(behaviours)).toEqual(['Good']);
  });
});

describe('Behaviours: editing and removing', () => {
  it('lets the author and the facilitator edit, nobody else', () => {
    const behaviours = withItems('Listen');
    const id = idOf(behaviours, 'Listen');
    expect(behaviours.edit(STEP, id, { how: 'Let them finish' }, boActs)).toEqual({ ok: false, code: 'not_allowed' });
    expect(behaviours.edit(STEP, id, { how: 'Let them finish' }, annaActs)).toMatchObject({
      ok: true,
      behaviour: { text: 'Listen', how: 'Let them finish', signs: '' },
    });
    expect(behaviours.edit(STEP, id, { signs: ' Fewer repeat calls ' }, facilitator).ok).toBe(true);
    expect(behaviours.get(STEP, id)).toMatchObject({
      text: 'Listen',
      how: 'Let them finish',
      signs: 'Fewer repeat calls',
    });
  });

  it('refuses to empty the text or to edit what is gone, and keeps the old value', () => {
    const behaviours = withItems('Listen');
    const id = idOf(behaviours, 'Listen');
    expect(behaviours.edit(STEP, id, { text: '   ' }, annaActs)).toEqual({ ok: false, code: 'empty_text' });
    expect(behaviours.edit(STEP, 'missing', { text: 'x' }, annaActs)).toEqual({ ok: false, code: 'not_found' });
    expect(texts(behaviours)).toEqual(['Listen']);
  });

  it('lets the author and the facilitator remove', () => {
    const behaviours = withItems('One', 'Two');
    expect(behaviours.remove(STEP, idOf(behaviours, 'One'), boActs)).toEqual({ ok: false, code: 'not_allowed' });
    expect(behaviours.remove(STEP, idOf(behaviours, 'One'), annaActs).ok).toBe(true);
    expect(behaviours.remove(STEP, idOf(behaviours, 'Two'), facilitator).ok).toBe(true);
    expect(behaviours.remove(STEP, 'gone', facilitator)).toEqual({ ok: false, code: 'not_found' });
    expect(texts(behaviours)).toEqual([]);
  });
});

describe('Behaviours: priority', () => {
  it('moves up, down and to a position, writing only the moved item', () => {
    const behaviours = withItems('A', 'B', 'C', 'D');
    const before = new Map(behaviours.list(STEP).map((b) => [b.id, b.rank]));
    behaviours.moveUp(STEP, idOf(behaviours, 'C'));
    expect(texts(behaviours)).toEqual(['A', 'C', 'B', 'D']);
    behaviours.moveDown(STEP, idOf(behaviours, 'A'));
    expect(texts(behaviours)).toEqual(['C', 'A', 'B', 'D']);
    behaviours.moveTo(STEP, idOf(behaviours, 'D'), 0);
    expect(texts(behaviours)).toEqual(['D', 'C', 'A', 'B']);
    behaviours.moveTo(STEP, idOf(behaviours, 'C'), 99);
    expect(texts(behaviours)).toEqual(['D', 'A', 'B', 'C']);
    // B was never moved: its rank is untouched.
    expect(behaviours.get(STEP, idOf(behaviours, 'B'))?.rank).toBe(before.get(idOf(behaviours, 'B')));
  });

  it('does nothing at the ends or for an unknown id', () => {
    const behaviours = withItems('A', 'B');
    const ranks = behaviours.list(STEP).map((b) => b.rank);
    expect(behaviours.moveUp(STEP, idOf(behaviours, 'A')).ok).toBe(true);
    expect(behaviours.moveDown(STEP, idOf(behaviours, 'B')).ok).toBe(true);
    expect(behaviours.list(STEP).map((b) => b.rank)).toEqual(ranks);
    expect(behaviours.moveUp(STEP, 'missing')).toEqual({ ok: false, code: 'not_found' });
    expect(behaviours.moveTo(STEP, 'missing', 0)).toEqual({ ok: false, code: 'not_found' });
  });

  it('renumbers the list when a gap is used up, keeping the wanted order', () => {
    const behaviours = withItems('A', 'B', 'C');
    // Squeeze items into the gap after A again and again: ranks halve until they cannot.
    for (let i = 0; i < 80; i++) behaviours.moveTo(STEP, idOf(behaviours, i % 2 ? 'B' : 'C'), 1);
    const list = behaviours.list(STEP);
    expect(list.map((b) => b.text)).toEqual(['A', 'B', 'C']);
    for (let i = 1; i < list.length; i++) {
      expect(list[i]!.rank - list[i - 1]!.rank).toBeGreaterThanOrEqual(MIN_RANK_GAP);
    }
  });

  it('orders equal ranks by time, then id', () => {
    const make = (id: string, rank: number, at: number): BehaviourValue => ({
      id,
      text: id,
      how: '',
      signs: '',
      rank,
      authorId: 'x',
      authorName: null,
      at,
    });
    const sorted = [make('b', 1, 5), make('a', 1, 5), make('c', 1, 4), make('d', 0, 9)].sort(compareBehaviours);
    expect(sorted.map((b) => b.id)).toEqual(['d', 'c', 'a', 'b']);
  });
});

describe('Behaviours: two people at once', () => {
  function replicas(...names: string[]): [Behaviours, Behaviours] {
    const [docA, docB] = twoReplicas();
    const a = new Behaviours(docA);
    names.forEach((name, i) => a.add(STEP, fields(name), anna, { now: 1_000 + i }));
    exchangeUpdates(docA, docB);
    return [a, new Behaviours(docB)];
  }

  it('keeps both moves of different behaviours and agrees on one order', () => {
    const [a, b] = replicas('A', 'B', 'C', 'D', 'E');
    a.moveTo(STEP, idOf(a, 'E'), 0);
    b.moveUp(STEP, idOf(b, 'C'));
    exchangeUpdates(a.doc, b.doc);
    expect(texts(a)).toEqual(texts(b));
    expect(texts(a)).toEqual(['E', 'A', 'C', 'B', 'D']);
  });

  it('converges when both move different items into the same gap', () => {
    const [a, b] = replicas('A', 'B', 'C', 'D');
    a.moveTo(STEP, idOf(a, 'C'), 1);
    b.moveTo(STEP, idOf(b, 'D'), 1);
    exchangeUpdates(a.doc, b.doc);
    const order = texts(a);
    expect(order).toEqual(texts(b));
    expect(order[0]).toBe('A');
    expect(order.slice(1, 3).sort()).toEqual(['C', 'D']);
    expect(order).toHaveLength(4);
  });

  it('keeps an edit and a move of different behaviours, and both adds', () => {
    const [a, b] = replicas('A', 'B', 'C');
    a.edit(STEP, idOf(a, 'A'), { how: 'With a smile' }, annaActs);
    b.moveTo(STEP, idOf(b, 'C'), 0);
    a.add(STEP, fields('From A'), anna, { now: 2_000 });
    b.add(STEP, fields('From B'), bo, { now: 2_001 });
    exchangeUpdates(a.doc, b.doc);
    expect(texts(a)).toEqual(texts(b));
    // Each add went after the last item its own replica saw: both land after the old items.
    expect(texts(a).slice(0, 3)).toEqual(['C', 'A', 'B']);
    expect(texts(a).slice(3).sort()).toEqual(['From A', 'From B']);
    expect(b.get(STEP, idOf(b, 'A'))?.how).toBe('With a smile');
  });

  it('agrees on one place when both move the same behaviour', () => {
    const [a, b] = replicas('A', 'B', 'C');
    a.moveTo(STEP, idOf(a, 'B'), 0);
    b.moveTo(STEP, idOf(b, 'B'), 2);
    exchangeUpdates(a.doc, b.doc);
    expect(texts(a)).toEqual(texts(b));
    expect(texts(a)).toHaveLength(3);
  });
});
