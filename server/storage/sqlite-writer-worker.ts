/**
 * The storage worker thread: the one SQLite connection that writes. Every
 * request is one transaction, handled strictly in the order posted, and
 * answered once its commit (and fsync) has returned. See sqlite-writer.ts.
 */
import type { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import fs from 'node:fs';
import { openDatabase } from './sqlite-db.ts';
import { SqliteWrites } from './sqlite-writes.ts';
import { fileReplaced } from './storage-watch.ts';
import type { WriteEnvelope, WriteReply, WriterData, WriteRequest } from './sqlite-writer.ts';

if (!parentPort) throw new Error('sqlite-writer-worker.ts runs only as a worker thread');
const port = parentPort;
const { file, replies, signal } = workerData as WriterData;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// A database that cannot be opened (permissions, a full disk) fails every write with the reason, at once.
let opened: { db: DatabaseSync; writes: SqliteWrites; inode: number } | { error: string };
try {
  const db = openDatabase(file);
  opened = { db, writes: new SqliteWrites(db), inode: fs.statSync(file).ino };
} catch (error) {
  opened = { error: message(error) };
}

function run(request: WriteRequest): void {
  if ('error' in opened) throw new Error(opened.error);
  const { db, writes, inode } = opened;
  // SQLite would commit into a deleted file without complaint; such a commit would be acknowledged and lost.
  const gone = request.op === 'close' ? null : fileReplaced(file, inode);
  if (gone) throw new Error(gone);
  switch (request.op) {
    case 'ping':
      return;
    case 'createRoom':
      return writes.createRoom(request.room);
    case 'setInvite':
      return writes.setInvite(request.id, request.invite, request.joinCode);
    case 'createSeat':
      return writes.createSeat(request.seat);
    case 'setSeatSecret':
      return writes.setSeatSecret(request.room, request.seat, request.secretHash);
    case 'touchRoom':
      return writes.touchRoom(request.id, request.at);
    case 'removeSeat':
      return writes.removeSeat(request.room, request.seat);
    case 'deleteRoom':
      return writes.deleteRoom(request.id);
    case 'append':
      return writes.appendUpdates(request.records);
    case 'compact':
      return writes.compact(request.room, request.doc, request.snapshot, request.uptoSeq);
    case 'close':
      return db.close();
  }
}

port.on('message', ({ id, request }: WriteEnvelope) => {
  let error: string | null = null;
  try {
    run(request);
  } catch (caught) {
    error = message(caught);
  }
  const reply: WriteReply = { id, error };
  replies.postMessage(reply);
  // Wakes the main thread if it is blocked waiting for this answer.
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
  if (request.op === 'close') {
    replies.close();
    port.close();
  }
});
