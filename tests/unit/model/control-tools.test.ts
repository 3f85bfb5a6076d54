import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMinute, setTimer, startTimer } from '../../../src/lib/timer.ts';
import { Control } from '../../../src/model/control.ts';
import { TEXT_LIMITS } from '../../../src/model/schema.ts';
import { exchangeUpdates, twoReplicas } from '../../helpers/content.ts';

const newControl = () => new Control(new Y.Doc());
const T0 = 1_800_000_000_000;

describe('Control: step tools', () => {
  it('reveal and lock are off until set, per step', () => {
    const control = newControl();
    expect(control.stepTools('notes')).toEqual({ revealed: false, locked: false });
    control.setRevealed('notes', true);
    control.setLocked('why', true);
    expect(control.stepTools('notes')).toEqual({ revealed: true, locked: false });
    expect(control.stepTools('why')).toEqual({ revealed: false, locked: true });
  });
});

describe('Control: timer', () => {
  it('has no timer until one is set', () => {
    expect(newControl().timer()).toBeNull();
  });

  it('stores the whole value and shows it on another replica', () => {
    const [a, b] = twoReplicas();
    const running = startTimer(setTimer(5), T0);
    new Control(a).setTimer(running);
    exchangeUpdates(a, b);
    expect(new Control(b).timer()).toEqual(running);
    new Control(a).setTimer(addMinute(running, T0));
    exchangeUpdates(a, b);
    expect(new Control(b).timer()?.endsAt).toBe(T0 + 6 * 60_000);
  });

  it('writes all fields in one transaction', () => {
    const control = newControl();
    let updates = 0;
    control.doc.on('update', () => updates++);
    control.setTimer(setTimer(3));
    expect(updates).toBe(1);
  });

  it('refuses an invalid value and leaves the timer as it was', () => {
    const control = newControl();
    control.setTimer(setTimer(2));
    expect(() => control.setTimer({ durationMs: -1, endsAt: null, remainingMs: 0 })).toThrow();
    expect(control.timer()).toEqual(setTimer(2));
  });

  it('reads a malformed timer (from an untrusted document) as no timer', () => {
    const control = newControl();
    control.timerMap().set('durationMs', 'ten minutes');
    expect(control.timer()).toBeNull();
  });
});

describe('Control: carried results', () => {
  const item = (id: string, text = `Resultat ${id}`) => ({ id, text, from: 'Saml de gode eksempler, 3. marts' });

  it('adds items in order with defaults, and removes by id', () => {
    const control = newControl();
    const added = control.addCarried('ladder', [item('a'), { ...item('b'), detail: 'Sådan gør vi' }], 42);
    expect(added).toHaveLength(2);
    expect(control.carried('ladder')).toEqual([
      { id: 'a', text: 'Resultat a', detail: '', from: 'Saml de gode eksempler, 3. marts', at: 42 },
      { id: 'b', text: 'Resultat b', detail: 'Sådan gør vi', from: 'Saml de gode eksempler, 3. marts', at: 42 },
    ]);
    expect(control.carried('other')).toEqual([]);
    expect(control.removeCarried('ladder', 'a')).toBe(true);
    expect(control.removeCarried('ladder', 'a')).toBe(false);
    expect(control.carried('ladder').map((c) => c.id)).toEqual(['b']);
  });

  it('skips ids already there, also within one batch', () => {
    const control = newControl();
    control.addCarried('q', [item('a')]);
    const added = control.addCarried('q', [item('a', 'igen'), item('b'), item('b', 'dobbelt')]);
    expect(added.map((c) => c.id)).toEqual(['b']);
    expect(control.carried('q').map((c) => c.text)).toEqual(['Resultat a', 'Resultat b']);
  });

  it('refuses the whole batch when one item is invalid, and adds nothing', () => {
    const control = newControl();
    const tooLong = item('x', 'ø'.repeat(TEXT_LIMITS.story + 1));
    expect(() => control.addCarried('q', [item('a'), tooLong])).toThrow();
    expect(() => control.addCarried('q', [item('a', '   ')])).toThrow();
    expect(control.carried('q')).toEqual([]);
  });

  it('ignores malformed entries written by someone else', () => {
    const control = newControl();
    control.carriedArray('q').push([{ id: 'bad' }, 'text']);
    control.addCarried('q', [item('ok')]);
    expect(control.carried('q').map((c) => c.id)).toEqual(['ok']);
  });
});
