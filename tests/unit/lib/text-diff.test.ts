import { describe, expect, it } from 'vitest';
import { applyChange, diffText, mapIndexThroughDelta, mapSelection } from '../../../src/lib/text-diff.ts';

describe('diffText', () => {
  it('returns null for equal texts', () => {
    expect(diffText('abc', 'abc')).toBeNull();
    expect(diffText('', '')).toBeNull();
  });

  it('finds a plain insertion, deletion and replacement', () => {
    expect(diffText('hello world', 'hello big world')).toEqual({ index: 6, remove: 0, insert: 'big ' });
    expect(diffText('hello big world', 'hello world')).toEqual({ index: 6, remove: 4, insert: '' });
    expect(diffText('we help people', 'we serve people')).toEqual({ index: 3, remove: 4, insert: 'serve' });
  });

  it('handles edits at both ends and from or to empty', () => {
    expect(diffText('', 'abc')).toEqual({ index: 0, remove: 0, insert: 'abc' });
    expect(diffText('abc', '')).toEqual({ index: 0, remove: 3, insert: '' });
    expect(diffText('bc', 'abc')).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('ab', 'abc')).toEqual({ index: 2, remove: 0, insert: 'c' });
  });

  it('uses the caret to place an ambiguous insertion or deletion', () => {
    // Typing "a" after the first "a" of "aa": the caret ends at 2.
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    // Without a caret, the longest common prefix wins.
    expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
    // Backspace at 1 in "aa" leaves the caret at 0.
    expect(diffText('aa', 'a', 0)).toEqual({ index: 0, remove: 1, insert: '' });
    // Backspace at 2 leaves the caret at 1.
    expect(diffText('aa', 'a', 1)).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('replaces a selection typed over', () => {
    expect(diffText('abcd', 'axd', 2)).toEqual({ index: 1, remove: 2, insert: 'x' });
  });

  it('tolerates a caret out of range', () => {
    const change = diffText('abc', 'abxc', 99);
    expect(change && applyChange('abc', change)).toBe('abxc');
    const early = diffText('abc', 'abxc', -5);
    expect(early && applyChange('abc', early)).toBe('abxc');
  });

  it('never splits a surrogate pair', () => {
    // Two emoji sharing the high surrogate: the change must cover both halves.
    const change = diffText('a😀b', 'a😁b', 3);
    expect(change).toEqual({ index: 1, remove: 2, insert: '😁' });
    const suffixSide = diffText('😀x', '😁x');
    expect(suffixSide).toEqual({ index: 0, remove: 2, insert: '😁' });
  });

  it('always reproduces the new text', () => {
    const samples = ['', 'a', 'aa', 'abc', 'abba', 'Vi hjælper kunder', 'a😀b', '😀😀', 'x y z'];
    for (const prev of samples) {
      for (const next of samples) {
        for (const caret of [undefined, 0, 1, 2, next.length]) {
          const change = diffText(prev, next, caret);
          expect(change ? applyChange(prev, change) : prev).toBe(next);
        }
      }
    }
  });
});

describe('mapIndexThroughDelta', () => {
  it('shifts an index after an insertion before it', () => {
    expect(mapIndexThroughDelta(5, [{ retain: 2 }, { insert: 'xyz' }])).toBe(8);
  });

  it('keeps an index before the change', () => {
    expect(mapIndexThroughDelta(1, [{ retain: 2 }, { insert: 'xyz' }])).toBe(1);
    expect(mapIndexThroughDelta(1, [{ retain: 3 }, { delete: 2 }])).toBe(1);
  });

  it('moves an index at an insertion by side', () => {
    const delta = [{ retain: 2 }, { insert: 'xyz' }];
    expect(mapIndexThroughDelta(2, delta, 'after')).toBe(5);
    expect(mapIndexThroughDelta(2, delta, 'before')).toBe(2);
  });

  it('pulls an index inside or after a deletion back', () => {
    const delta = [{ retain: 2 }, { delete: 3 }];
    expect(mapIndexThroughDelta(3, delta)).toBe(2);
    expect(mapIndexThroughDelta(5, delta)).toBe(2);
    expect(mapIndexThroughDelta(7, delta)).toBe(4);
  });

  it('handles a replacement and an insertion at the start', () => {
    expect(mapIndexThroughDelta(6, [{ retain: 1 }, { delete: 2 }, { insert: 'abcd' }])).toBe(8);
    expect(mapIndexThroughDelta(0, [{ insert: 'ab' }])).toBe(2);
    expect(mapIndexThroughDelta(0, [{ insert: 'ab' }], 'before')).toBe(0);
  });

  it('counts an embed as one', () => {
    expect(mapIndexThroughDelta(1, [{ insert: { image: 'x' } }])).toBe(2);
  });

  it('leaves an index unchanged by an empty delta', () => {
    expect(mapIndexThroughDelta(4, [])).toBe(4);
  });
});

describe('mapSelection', () => {
  it('carries a caret past text typed right at it', () => {
    expect(mapSelection({ start: 3, end: 3 }, [{ retain: 3 }, { insert: 'ab' }])).toEqual({ start: 5, end: 5 });
  });

  it('does not swallow text inserted at the edges of a range', () => {
    const atStart = mapSelection({ start: 2, end: 4 }, [{ retain: 2 }, { insert: 'xx' }]);
    expect(atStart).toEqual({ start: 4, end: 6 });
    const atEnd = mapSelection({ start: 2, end: 4 }, [{ retain: 4 }, { insert: 'xx' }]);
    expect(atEnd).toEqual({ start: 2, end: 4 });
  });

  it('collapses a range whose text was deleted', () => {
    expect(mapSelection({ start: 2, end: 4 }, [{ retain: 1 }, { delete: 5 }])).toEqual({ start: 1, end: 1 });
  });
});
