/**
 * What keeping history costs on disk: one full 5 × why workshop (12 seated
 * participants and a facilitator, as in a real room: one update per answer,
 * support, vote and step move, and the sentence typed key by key by three
 * people) is written through the room registry into SQLite, the room is
 * unloaded as the server unloads it, and the database file is measured with
 * and without its history rows (each after VACUUM).
 *
 * Unloading compacts each document: a snapshot is written, but SQLite keeps
 * the log beside the first snapshot until a later one has been written (see
 * SqliteDb.compact), so a room left once holds both. The counts below say so.
 *
 *   node bench/history-size.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as Y from 'yjs';
import { Board } from '../src/model/board.ts';
import { Control } from '../src/model/control.ts';
import type { Peer } from '../server/rooms/live-doc.ts';
import { StorageStatus } from '../server/storage/storage-status.ts';
import { RoomRegistry } from '../server/rooms/registry.ts';
import { databaseFile } from '../server/storage/sqlite-db.ts';
import { SqliteStore } from '../server/storage/sqlite-store.ts';

const PARTICIPANTS = 12;
const ROUNDS = 5;
const ANSWERS_PER_PERSON_PER_ROUND = 2;
const SUPPORTS_PER_PERSON_PER_ROUND = 3;
const SENTENCE = 'Together we make every customer feel safe, heard and helped on the first call';
const TYPISTS = 3;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-history-size-'));
const store = new SqliteStore(dataDir);
const logger = { info() {}, error() {} } as never;
const registry = new RoomRegistry({
  store,
  logger,
  idleUnloadMs: 0,
  compactAfterUpdates: 500,
  status: new StorageStatus(),
});
const { room } = registry.createRoom('five-whys', 'en');
const board = registry.acquire(room.id, 'board');
const control = registry.acquire(room.id, 'control');

/** A writer as the server sees it: a connection with a role, a seat and a replica of its own. */
function writer(role: 'facilitator' | 'participant', seat: string) {
  const peer: Peer & { role: string; seat: string } = { send() {}, awarenessClients: new Set(), role, seat };
  board.addPeer(peer);
  control.addPeer(peer);
  const replica = { board: new Y.Doc(), control: new Y.Doc() };
  // Every transaction of the replica reaches the server as one update, as over a socket.
  replica.board.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'server' && Y.applyUpdate(board.doc, u, peer),
  );
  replica.control.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'server' && Y.applyUpdate(control.doc, u, peer),
  );
  const sync = () => {
    Y.applyUpdate(replica.board, Y.encodeStateAsUpdate(board.doc), 'server');
    Y.applyUpdate(replica.control, Y.encodeStateAsUpdate(control.doc), 'server');
  };
  const leave = () => {
    board.removePeer(peer);
    control.removePeer(peer);
  };
  return { seat, sync, leave, board: new Board(replica.board), control: new Control(replica.control) };
}

const facilitator = writer('facilitator', 'facilitator-seat');
const people = Array.from({ length: PARTICIPANTS }, (_, i) =>
  writer('participant', `seat-${String(i).padStart(17, '0')}`),
);
facilitator.control.goToStep('ladder');
for (let round = 0; round < ROUNDS; round++) {
  for (const p of people) {
    p.sync();
    for (let a = 0; a < ANSWERS_PER_PERSON_PER_ROUND; a++) {
      p.board.addLadderAnswer('ladder', round, `Because of reason ${a} from ${p.seat} in round ${round}`, {
        id: p.seat,
        name: `Person ${p.seat.slice(-2)}`,
      });
    }
  }
  for (const p of people) {
    p.sync();
    const answers = p.board.ladderAnswers('ladder').filter((x) => x.round === round);
    for (let s = 0; s < SUPPORTS_PER_PERSON_PER_ROUND; s++)
      p.board.toggleLadderSupport('ladder', answers[(s * 7) % answers.length]!.id, p.seat);
  }
  facilitator.sync();
  const pick = facilitator.board.ladderAnswers('ladder').find((x) => x.round === round)!;
  facilitator.control.pickLadderAnswer('ladder', round, pick.id, pick.text);
}
facilitator.control.goToStep('statement');
// Three people type the sentence a key at a time (a browser sends about one update per key).
for (let t = 0; t < TYPISTS; t++) {
  const p = people[t]!;
  p.sync();
  const text = p.board.statementDraft('statement');
  if (t > 0) text.delete(0, text.length);
  for (const char of SENTENCE) text.insert(text.length, char);
}
facilitator.control.goToStep('agreement');
facilitator.sync();
facilitator.control.propose('agreement', SENTENCE, Date.now());
for (const p of people) {
  p.sync();
  p.board.castConsent('agreement', { id: p.seat, name: null }, 'agree', '', Date.now());
}
facilitator.control.goToStep('result');

// Everyone leaves: once stored, each document is unloaded, which writes its snapshot.
registry.writes.flush();
for (const person of [facilitator, ...people]) person.leave();
for (const live of [board, control]) registry.release(live);
while (registry.isRoomLive(room.id)) await new Promise((resolve) => setTimeout(resolve, 1));
registry.close();
store.close();

const file = databaseFile(dataDir);
const db = new DatabaseSync(file);
const rows = (table: string) =>
  db.prepare(`SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS bytes FROM ${table}`).get() as {
    n: number;
    bytes: number;
  };
const sizeAfterVacuum = () => {
  db.exec('PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);');
  return fs.statSync(file).size;
};
const history = rows('history');
const log = rows('updates');
const snapshots = rows('snapshots');
const withHistory = sizeAfterVacuum();
db.exec('DELETE FROM history');
const withoutHistory = sizeAfterVacuum();
db.close();
fs.rmSync(dataDir, { recursive: true, force: true });
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`history rows: ${history.n}, their updates: ${kib(history.bytes)}`);
console.log(`update log as the room was left: ${log.n} rows, ${kib(log.bytes)} (kept until a later snapshot)`);
console.log(`snapshots written on unload: ${snapshots.n} rows, ${kib(snapshots.bytes)}`);
console.log(
  `database file: ${kib(withHistory)} with history, ${kib(withoutHistory)} without (history costs ${kib(withHistory - withoutHistory)})`,
);
