/** Starting rooms and downloading their exports over HTTP, and full runs written through live sync. */
import { DatabaseSync } from 'node:sqlite';
import { expect } from 'vitest';
import { buildExport, type ExportModel } from '../../src/lib/export/model.ts';
import type { Locale } from '../../src/model/locale.ts';
import { databaseFile } from '../../server/storage/sqlite-db.ts';
import * as Y from 'yjs';
import type { RoomId } from '../../src/model/ids.ts';
import { seatsPath, type SeatGrant } from '../../src/model/protocol.ts';
import type { DotsValue } from '../../src/model/schema.ts';
import { SeatDoc } from '../../src/model/seat-doc.ts';
import { workshopNamed, writeRun, type CoreWorkshop } from './core-runs.ts';
import { publishVote } from './votes.ts';
import { syncClient, type SyncClient } from './sync-client.ts';
import { until, type TestServer } from './test-server.ts';

export type Created = { room: string; facilitatorKey: string };

export const postRoom = (server: TestServer, body: unknown) =>
  fetch(`${server.httpUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export async function exportJson(server: TestServer, room: string): Promise<ExportModel> {
  const response = await fetch(`${server.httpUrl}/api/rooms/${room}/export?format=json`);
  expect(response.status).toBe(200);
  return (await response.json()) as ExportModel;
}

/** An export without what differs between two rooms with the same content. */
export const withoutRoom = ({ room: _room, createdAt: _c, exportedAt: _e, ...rest }: ExportModel) => rest;

export async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

/**
 * A room of `workshop` after a full run, written through live sync (the
 * clients are added to `clients` for teardown), once the server has stored it all.
 */
export async function ranRoom(
  server: TestServer,
  workshop: CoreWorkshop,
  locale: Locale,
  clients: SyncClient[],
): Promise<{ room: string; json: ExportModel }> {
  const created = (await (await postRoom(server, { workshop, locale })).json()) as Created;
  const board = syncClient(server.wsUrl, created.room);
  const control = syncClient(server.wsUrl, `${created.room}/control`, { key: created.facilitatorKey });
  clients.push(board, control);
  await Promise.all([board.synced, control.synced]);
  const cast: { stepId: string; ballots: DotsValue[] }[] = [];
  writeRun(workshop, { board: board.doc, control: control.doc }, (stepId, ballots) => cast.push({ stepId, ballots }));
  // What the room should show: these documents, with the votes counted as the server counts them.
  const expectedDocs = { board: copyOf(board.doc), control: copyOf(control.doc) };
  for (const { stepId, ballots } of cast) {
    publishVote(expectedDocs, workshopNamed(workshop), stepId, ballots, locale);
    for (const ballot of ballots) await castBallot(server, created.room, stepId, ballot, clients);
  }
  // The server has it all once its export says what these documents say.
  const local = withoutRoom(
    buildExport({ room: created.room, workshop: workshopNamed(workshop), locale, createdAt: 0, ...expectedDocs }),
  );
  const expected = JSON.stringify(local);
  await until(
    async () => JSON.stringify(withoutRoom(await exportJson(server, created.room))) === expected,
    `the ${workshop} run reaches the server`,
  );
  return { room: created.room, json: await exportJson(server, created.room) };
}

const copyOf = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

/** A new seat of the room, as a participant's device asks for one. */
export async function newSeat(server: TestServer, room: string, invite?: string): Promise<SeatGrant> {
  const response = await fetch(`${server.httpUrl}${seatsPath(room as RoomId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(invite ? { invite } : {}),
  });
  if (!response.ok) throw new Error(`no seat: ${response.status}`);
  return (await response.json()) as SeatGrant;
}

/** One voter: a new seat whose own document holds `ballot` for `stepId` (the client stays open in `clients`). */
export async function castBallot(
  server: TestServer,
  room: string,
  stepId: string,
  ballot: DotsValue,
  clients: SyncClient[],
): Promise<SyncClient> {
  const seat = await newSeat(server, room);
  const client = syncClient(server.wsUrl, `${room}/seat`, { seat: seat.seat, secret: seat.secret });
  clients.push(client);
  await client.synced;
  new SeatDoc(client.doc).ballotsMap().set(stepId, ballot);
  return client;
}

/** Rooms in the server's SQLite store, read from its file (the store itself has no list). */
export function countRooms(server: TestServer): number {
  const db = new DatabaseSync(databaseFile(server.dataDir), { readOnly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM rooms').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
