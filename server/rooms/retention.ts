/**
 * Rooms are not kept for ever: a room nobody has opened for
 * ROOM_RETENTION_DAYS is deleted with everything in it (names, texts,
 * seats), as docs/privacy.md promises. Checked at start and then on a
 * monotonic timer; a room someone is in is never deleted.
 */
import type { Logger } from '../log.ts';
import type { RoomId } from '../../src/model/ids.ts';
import type { RoomStore } from '../storage/types.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** How often idle rooms are looked for; retention is counted in days, so hourly is close enough. */
export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export type RetentionOptions = {
  store: RoomStore;
  retentionDays: number;
  isLive: (room: string) => boolean;
  deleteRoom: (room: RoomId) => void;
  logger: Logger;
};

export class RoomRetention {
  private readonly options: RetentionOptions;
  private timer: NodeJS.Timeout | null = null;

  constructor(options: RetentionOptions) {
    this.options = options;
  }

  /** When a room last used at `activeAt` will be deleted if nobody opens it again (ms since the epoch). */
  deletesAt(activeAt: number): number {
    return activeAt + this.options.retentionDays * DAY_MS;
  }

  start(): void {
    this.sweep();
    this.timer = setInterval(() => this.sweep(), RETENTION_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Deletes the rooms idle longer than the retention; returns their ids. Storage errors are logged, never thrown. */
  sweep(now = Date.now()): string[] {
    const { store, logger } = this.options;
    const deleted: string[] = [];
    try {
      for (const room of store.idleRooms(now - this.options.retentionDays * DAY_MS)) {
        if (this.options.isLive(room)) continue;
        this.options.deleteRoom(room as RoomId);
        deleted.push(room);
      }
    } catch (error) {
      logger.error('retention_failed', { error: String(error) });
    }
    if (deleted.length > 0)
      logger.info('rooms_expired', { rooms: deleted.length, retentionDays: this.options.retentionDays });
    return deleted;
  }
}
