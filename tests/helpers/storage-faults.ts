/**
 * Faults an operator's bad day brings to the storage, done to the real files
 * of a real server: damaged bytes and pages, a truncated file, WAL swaps. And
 * the clients' side: rooms with known content, written and read back through live sync.
 */
import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { databaseFile } from '../../server/storage/sqlite-db.ts';
import { takeSeat } from './seat-api.ts';
import { syncClient, syncUrlOf as wsOf, type SyncClient } from './sync-client.ts';
import { until } from './test-server.ts';

export const dbFileOf = (dataDir: string) => databaseFile(dataDir);

/** A new room; unless `openLadder` is false, the facilitator opens its ladder step so participants may answer. */
export async function createRoom(
  httpUrl: string,
  { openLadder: open = true }: { openLadder?: boolean } = {},
): Promise<{ room: string; facilitatorKey: string }> {
  const response = await fetch(`${httpUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workshop: 'five-whys', locale: 'da' }),
  });
  if (response.status !== 201) throw new Error(`room not created: ${response.status}`);
  const created = (await response.json()) as { room: string; facilitatorKey: string };
  if (open) await openLadder(httpUrl, created.room, created.facilitatorKey);
  return created;
}

/** The facilitator opens the ladder step, where participants may answer; resolves once the server has it. */
export async function openLadder(httpUrl: string, room: string, key: string): Promise<void> {
  const control = syncClient(wsOf(httpUrl), `${room}/control`, { key });
  try {
    await control.synced;
    control.control.goToStep('ladder');
    const check = syncClient(wsOf(httpUrl), `${room}/control`, { role: 'projector' });
    try {
      await until(() => check.control.currentStepId() === 'ladder', `the ladder is open in ${room}`);
    } finally {
      check.provider.destroy();
    }
  } finally {
    control.provider.destroy();
  }
}

/** Writes `texts` as ladder answers and waits until the server has stored and echoed them to a second client. */
export async function writeAnswers(httpUrl: string, room: string, texts: string[]): Promise<void> {
  const { seat, secret } = await takeSeat({ httpUrl }, room);
  const writer = syncClient(wsOf(httpUrl), room, { seat, secret });
  const observer = syncClient(wsOf(httpUrl), room);
  try {
    await Promise.all([writer.synced, observer.synced]);
    for (const text of texts) {
      // Written as the writer's own seat on the open ladder step, as the rules require.
      writer.board.addLadderAnswer('ladder', 0, text, { id: seat, name: null });
      // One update per answer, so that the log has one row per answer.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // Every one of these texts, not just as many answers: the room may hold earlier ones.
    await until(
      () => texts.every((t) => answersOf(observer).includes(t)),
      `answers reach the server in ${room}`,
      10_000,
    );
  } finally {
    writer.provider.destroy();
    observer.provider.destroy();
  }
}

/** A board client holding its own seat on the open ladder step; `me` is the author it writes as. */
export async function seatedWriter(
  httpUrl: string,
  room: string,
): Promise<SyncClient & { me: { id: string; name: null } }> {
  const { seat, secret } = await takeSeat({ httpUrl }, room);
  return Object.assign(syncClient(wsOf(httpUrl), room, { seat, secret }), { me: { id: seat, name: null } });
}

/** A seatless client that sees only what the server stored and broadcast. */
export const observerOf = (httpUrl: string, room: string): SyncClient => syncClient(wsOf(httpUrl), room);

export const answersOf = (client: SyncClient) => client.board.ladderAnswers('ladder').map((a) => a.text);

/** Connects to a room and resolves with its answers once synced, or with the close code if the server closes first. */
export function readRoom(httpUrl: string, room: string): Promise<{ answers: string[] } | { closed: number }> {
  const client = syncClient(wsOf(httpUrl), room);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: { answers: string[] } | { closed: number }) => {
      if (settled) return;
      settled = true;
      resolve(result);
      // Not from inside the provider's own event: destroying closes the socket, which emits again.
      setImmediate(() => client.provider.destroy());
    };
    client.provider.on('connection-close', (event) => settle({ closed: event?.code ?? 0 }));
    void client.synced.then(() => settle({ answers: answersOf(client) }));
  });
}

/** Overwrites `length` bytes at `offset` with a pattern no SQLite structure holds. */
export function scribble(file: string, offset: number, length: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  } finally {
    fs.closeSync(fd);
  }
}

export function pageSizeOf(file: string): number {
  const header = Buffer.alloc(18);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 18, 0);
  } finally {
    fs.closeSync(fd);
  }
  const size = header.readUInt16BE(16);
  return size === 1 ? 65536 : size;
}

/** Byte offset of `needle` in the file (its last occurrence when `last`), or -1. */
export function offsetOf(file: string, needle: string | Uint8Array, last = false): number {
  const data = fs.readFileSync(file);
  return last ? data.lastIndexOf(Buffer.from(needle)) : data.indexOf(Buffer.from(needle));
}

/** Offset of a 48-byte stretch of `data` found exactly once in the file, so that damaging it damages `data` and nothing else. */
export function uniqueOffsetOf(file: string, data: Uint8Array): number {
  const bytes = fs.readFileSync(file);
  const WINDOW = 48;
  for (let at = data.length - WINDOW; at >= 0; at -= WINDOW / 2) {
    const slice = data.subarray(at, at + WINDOW);
    const first = bytes.indexOf(slice);
    if (first >= 0 && first === bytes.lastIndexOf(slice)) return first;
  }
  throw new Error('no stretch of the data is unique in the file');
}

/** The newest snapshot the storage holds of a room's board, read with plain SQLite while the server is stopped. */
export function newestSnapshot(dataDir: string, room: string): Uint8Array | null {
  const db = new DatabaseSync(dbFileOf(dataDir), { readOnly: true });
  try {
    const row = db
      .prepare("SELECT data FROM snapshots WHERE room = ? AND doc = 'board' ORDER BY seq DESC LIMIT 1")
      .get(room) as { data: Uint8Array } | undefined;
    return row ? new Uint8Array(row.data) : null;
  } finally {
    db.close();
  }
}

/** Log lines of one event, parsed. */
export function logged(lines: string[], event: string): Record<string, unknown>[] {
  return lines
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return {};
      }
    })
    .filter((l) => l.event === event);
}
