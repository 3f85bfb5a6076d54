import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Done } from '../../../src/model/done.ts';

describe('"I\'m done"', () => {
  it('is per person per step, can be taken back, and a new step starts at zero', () => {
    const done = new Done(new Y.Doc());
    done.set('ladder', 'ada', true, 10);
    done.set('ladder', 'bo', true, 11);
    done.set('ladder', 'ada', true, 12);
    expect(done.list('ladder').get('ada')).toEqual({ at: 10 });
    expect(done.countAmong('ladder', ['ada', 'bo', 'cai'])).toBe(2);
    expect(done.countAmong('statement', ['ada', 'bo', 'cai'])).toBe(0);
    done.set('ladder', 'bo', false);
    expect(done.isDone('ladder', 'bo')).toBe(false);
    expect(done.countAmong('ladder', ['ada', 'bo'])).toBe(1);
  });

  it('counts only people in the room and skips malformed entries', () => {
    const doc = new Y.Doc();
    const done = new Done(doc);
    done.map('notes').set('ghost', { at: 'yesterday' });
    done.set('notes', 'left-already', true, 1);
    expect(done.list('notes').size).toBe(1);
    expect(done.countAmong('notes', ['ada'])).toBe(0);
  });

  it('merges two people saying done at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    new Done(a).set('notes', 'ada', true, 1);
    new Done(b).set('notes', 'bo', true, 2);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect([...new Done(a).list('notes').keys()].sort()).toEqual(['ada', 'bo']);
    expect([...new Done(b).list('notes').keys()].sort()).toEqual(['ada', 'bo']);
  });
});
