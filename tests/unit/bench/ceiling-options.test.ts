/**
 * The ceiling search's command line and its verdict on a failing step: which
 * side ran out decides whether the figure is the server's own ceiling.
 */
import { describe, expect, it } from 'vitest';
import { floorOptionsFrom } from '../../../bench/lib/floor-options.ts';
import { boundOf, type CeilingStep } from '../../../bench/scenarios/ceiling.ts';

describe('ceiling options', () => {
  it('runs the ceiling alone on raw receivers, or on ws-based ones when asked', () => {
    const alone = floorOptionsFrom(['--floor-intervals=0', '--floor-scenarios=none'], true);
    expect(alone).toMatchObject({ intervalsMs: [0], scenarios: [], ceilingClient: 'raw' });
    expect(alone.ceilingSteps[0]).toBe(100);
    expect(floorOptionsFrom(['--ceiling-client=wire'], true).ceilingClient).toBe('wire');
    expect(floorOptionsFrom([], true).scenarios).toBeUndefined();
  });

  it('refuses receivers and scenarios it does not know', () => {
    expect(() => floorOptionsFrom(['--ceiling-client=light'], true)).toThrow(/ceiling-client/);
    expect(() => floorOptionsFrom(['--floor-scenarios='], true)).toThrow(/floor-scenarios/);
  });
});

describe('the bound of a failing step', () => {
  const step = (over: Partial<CeilingStep>): CeilingStep => ({
    clients: 600,
    updatesPerSec: 600,
    p50: 80,
    p95: 150,
    unfinished: 0,
    serverCpuPercent: 60,
    serverMainThreadCpuPercent: 50,
    messagesPerClientPerSec: 50,
    clientBusyByThread: [0.5],
    clientCpuByThread: [0.4],
    clientMicrosPerMessage: 10,
    clientMaxStallMs: 20,
    flushP95: 5,
    machineCpuStallPercent: 10,
    ...over,
  });
  const LIMIT_MS = 100;

  it('names the server core only when the server used 90 % of it', () => {
    expect(boundOf(step({ serverCpuPercent: 95 }), LIMIT_MS)).toBe('server core');
    expect(boundOf(step({ serverCpuPercent: 89 }), LIMIT_MS)).toBe('neither');
  });

  it('names the client threads when one was busy or stalled as long as the limit', () => {
    expect(boundOf(step({ clientBusyByThread: [0.3, 0.92] }), LIMIT_MS)).toBe('client threads');
    expect(boundOf(step({ clientMaxStallMs: 120 }), LIMIT_MS)).toBe('client threads');
    expect(boundOf(step({ clientBusyByThread: [0.95], serverCpuPercent: 97 }), LIMIT_MS)).toBe('both');
  });
});
