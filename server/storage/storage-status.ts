/**
 * What the server knows about its storage right now, for /health, /metrics,
 * the log and the decision to refuse writes: whether the files are still
 * there and writable, when a commit last succeeded, which rooms failed, and
 * what was recovered from where. Times are monotonic (performance.now), so a
 * step of the wall clock cannot make a commit look recent or ancient.
 */
import type { RoomId } from '../../src/model/ids.ts';
import type { DocName } from '../../src/model/roles.ts';

export type RoomTrouble = { room: RoomId; doc: DocName; error: string; at: string };
export type RoomRecovery = { room: RoomId; doc: DocName; source: string; problems: string[]; at: string };

/** How many failed and recovered rooms are remembered for /health (the log keeps them all). */
const MAX_REMEMBERED_ROOMS = 100;

export class StorageStatus {
  /** Null while the storage is usable; otherwise why writes are refused. */
  private refusal: string | null = null;
  private lastCommitMono: number | null = null;
  readonly failedRooms = new Map<string, RoomTrouble>();
  readonly recoveredRooms = new Map<string, RoomRecovery>();
  /** Problems found when the storage was opened (a torn log, a failed integrity check). */
  readonly startupProblems: string[] = [];
  lock: 'held' | 'none' = 'none';
  /** Listeners told when writes start being refused (to close clients) or accepted again. */
  private readonly listeners = new Set<(refusal: string | null) => void>();
  private readonly now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.now = now;
  }

  get writesRefused(): string | null {
    return this.refusal;
  }

  /** Writes are refused (files gone or read-only) until `accept` is called. */
  refuse(reason: string): void {
    if (this.refusal === reason) return;
    const first = this.refusal === null;
    this.refusal = reason;
    if (first) for (const listener of this.listeners) listener(reason);
  }

  accept(): void {
    if (this.refusal === null) return;
    this.refusal = null;
    for (const listener of this.listeners) listener(null);
  }

  onChange(listener: (refusal: string | null) => void): void {
    this.listeners.add(listener);
  }

  committed(): void {
    this.lastCommitMono = this.now();
  }

  /** Seconds since the last successful commit; null before the first. */
  lastCommitAgeSeconds(): number | null {
    return this.lastCommitMono === null ? null : (this.now() - this.lastCommitMono) / 1000;
  }

  roomFailed(room: RoomId, doc: DocName, error: unknown): void {
    remember(this.failedRooms, `${room}/${doc}`, {
      room,
      doc,
      error: error instanceof Error ? error.message : String(error),
      at: new Date().toISOString(),
    });
  }

  roomLoaded(room: RoomId, doc: DocName, recovery: { source: string; problems: string[] } | undefined): void {
    this.failedRooms.delete(`${room}/${doc}`);
    if (recovery)
      remember(this.recoveredRooms, `${room}/${doc}`, { room, doc, ...recovery, at: new Date().toISOString() });
  }

  /** A room that was deleted is no longer anyone's concern. */
  forgetRoom(room: string): void {
    for (const map of [this.failedRooms, this.recoveredRooms]) {
      for (const key of [...map.keys()]) if (key.startsWith(`${room}/`)) map.delete(key);
    }
  }
}

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED_ROOMS) map.delete(map.keys().next().value!);
}
