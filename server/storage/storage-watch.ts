/**
 * Notices when the storage goes away under the running server: DATA_DIR or
 * the database deleted or replaced (SQLite would go on writing into the
 * deleted file, and every room would be gone at the next start), or the disk
 * turned read-only or full. While that lasts, writes are refused (see
 * StorageStatus): clients are told "storage failure" instead of being told a
 * change was saved, and /health answers 503. Checked on a timer, after every
 * failed write, and by the storage worker before every commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.ts';
import type { StorageStatus } from './storage-status.ts';

const PROBE_FILE = '.write-probe';

export class StorageWatch {
  private readonly dataDir: string;
  private readonly file: string;
  private readonly inode: number;
  private readonly status: StorageStatus;
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;

  constructor(dataDir: string, file: string, status: StorageStatus, logger: Logger) {
    this.dataDir = dataDir;
    this.file = file;
    this.inode = fs.statSync(file).ino;
    this.status = status;
    this.logger = logger;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(this.check, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checks now; refuses or accepts writes accordingly. Returns the reason writes are refused, or null. */
  readonly check = (): string | null => {
    const reason = this.problem();
    const before = this.status.writesRefused;
    if (reason) {
      if (before !== reason) this.logger.error('storage_unavailable', { reason });
      this.status.refuse(reason);
    } else {
      if (before) this.logger.info('storage_available', { was: before });
      this.status.accept();
    }
    return reason;
  };

  private problem(): string | null {
    const gone = fileReplaced(this.file, this.inode);
    if (gone) return gone;
    // A real write and flush: a read-only mount or a full disk shows here, permissions alone might not (root).
    const probe = path.join(this.dataDir, PROBE_FILE);
    try {
      const fd = fs.openSync(probe, 'w');
      try {
        fs.writeSync(fd, 'probe');
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.rmSync(probe, { force: true });
      return null;
    } catch (error) {
      return `DATA_DIR is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }
}

/** Why the database file is no longer the one opened at start, or null if it still is. */
export function fileReplaced(file: string, inode: number): string | null {
  try {
    if (fs.statSync(file).ino !== inode) return `the database file ${file} was replaced while the server ran`;
    return null;
  } catch {
    return `the database file ${file} was removed while the server ran`;
  }
}
