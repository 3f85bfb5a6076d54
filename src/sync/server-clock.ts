/**
 * The server's clock as seen from this browser. Timers store their end in
 * server time; each screen estimates how far its own clock is off, the way
 * NTP does: ask the server for its time a few times and trust the answer that
 * came back fastest (the shortest round trip leaves the least room for error).
 */
import { useEffect, useState } from 'react';
import { z } from '../model/shape.ts';
import { TIME_PATH } from '../model/protocol.ts';

/** One question to the server: our clock when we asked and when the answer came, and the server's answer. */
export type ClockSample = { sentAt: number; serverNow: number; receivedAt: number };

/** How many questions one estimate asks; a few are enough to get one fast answer. */
export const SAMPLES_PER_SYNC = 5;
/** Pause between questions, so one network hiccup does not spoil every sample. */
const SAMPLE_GAP_MS = 60;
/** Clocks drift and networks change: estimate again now and then. */
export const RESYNC_INTERVAL_MS = 10 * 60_000;

const timeAnswer = z.object({ now: z.number().check(z.nonnegative()) });

/** Offset (server − local, ms) from the sample with the shortest round trip; null without samples. */
export function estimateOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    const roundTrip = sample.receivedAt - sample.sentAt;
    if (roundTrip < 0) continue;
    if (!best || roundTrip < best.receivedAt - best.sentAt) best = sample;
  }
  if (!best) return null;
  // The server answered somewhere in the round trip; halfway is the best guess.
  const localMidpoint = best.sentAt + (best.receivedAt - best.sentAt) / 2;
  return Math.round(best.serverNow - localMidpoint);
}

export type ServerClockOptions = {
  fetchImpl?: typeof fetch;
  /** The local clock; Date.now unless a test replaces it. */
  localNow?: () => number;
  url?: string;
  samples?: number;
  gapMs?: number;
};

export class ServerClock {
  /** Server time minus local time, ms; 0 until the first estimate. */
  offsetMs = 0;
  /** True once an estimate succeeded. */
  synced = false;
  private readonly listeners = new Set<() => void>();
  private running: Promise<void> | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly localNow: () => number;
  private readonly url: string;
  private readonly samples: number;
  private readonly gapMs: number;

  constructor(options: ServerClockOptions = {}) {
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
    this.localNow = options.localNow ?? (() => Date.now());
    this.url = options.url ?? TIME_PATH;
    this.samples = options.samples ?? SAMPLES_PER_SYNC;
    this.gapMs = options.gapMs ?? SAMPLE_GAP_MS;
  }

  /** The server's time now, as well as we know it. */
  now(): number {
    return this.localNow() + this.offsetMs;
  }

  /** Takes a fresh estimate; concurrent calls share one. Failures keep the last estimate. */
  sync(): Promise<void> {
    this.running ??= this.takeSamples().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async takeSamples(): Promise<void> {
    const samples: ClockSample[] = [];
    for (let i = 0; i < this.samples; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, this.gapMs));
      const sample = await this.sampleOnce();
      if (sample) samples.push(sample);
    }
    const offset = estimateOffset(samples);
    if (offset === null) return;
    this.offsetMs = offset;
    this.synced = true;
    for (const listener of this.listeners) listener();
  }

  private async sampleOnce(): Promise<ClockSample | null> {
    try {
      const sentAt = this.localNow();
      const response = await this.fetchImpl(this.url, { cache: 'no-store' });
      const receivedAt = this.localNow();
      if (!response.ok) return null;
      const parsed = timeAnswer.safeParse(await response.json());
      return parsed.success ? { sentAt, serverNow: parsed.data.now, receivedAt } : null;
    } catch {
      // Offline for a moment: this sample is lost, the others may do.
      return null;
    }
  }
}

let pageClock: ServerClock | null = null;

/** One clock per page: every island on it shares the estimate. */
export function pageServerClock(): ServerClock {
  pageClock ??= new ServerClock();
  return pageClock;
}

/**
 * The page's server clock, estimated on mount, again whenever `online`
 * becomes true (a reconnect may mean another network), and every few minutes.
 * Re-renders when the estimate changes.
 */
export function useServerClock(online: boolean): ServerClock {
  const clock = pageServerClock();
  const [, setVersion] = useState(0);
  useEffect(() => clock.subscribe(() => setVersion((v) => v + 1)), [clock]);
  useEffect(() => {
    if (!online) return;
    void clock.sync();
    const timer = setInterval(() => void clock.sync(), RESYNC_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [clock, online]);
  return clock;
}
