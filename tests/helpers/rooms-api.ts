/** Starting rooms and downloading their exports over HTTP, and rooms holding a full run. */
import { DatabaseSync } from 'node:sqlite';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { buildExport, type ExportModel } from '../../src/lib/export/model.ts';
import type { Locale } from '../../src/model/locale.ts';
import { databaseFile } from '../../server/storage/sqlite-db.ts';
import type { RoomId } from '../../src/model/ids.ts';
import { seatsPath, type SeatGrant } from '../../src/model/protocol.ts';
import type { DotsValue } from '../../src/model/schema.ts';
import { SeatDoc } from '../../src/model/seat-doc.ts';
import { workshopNamed, writeRun, type CoreWorkshop } from './core-runs.ts';
import { publishVote } from './votes.ts';
import { syncClient, type SyncClient } from './sync-client.ts';
import type { TestServer } from './test-server.ts';

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
 * A room of `workshop` after a full run. A run has many authors, and every
 * connection writes only as its own seat, so the run is written locally
 * (`writeRun`) and the room is started from its JSON export through the
 * server's import path. The server's export must say what the local
 * documents say.
 */
export async function ranRoom(
  server: TestServer,
  workshop: CoreWorkshop,
  locale: Locale,
): Promise<{ room: string; json: ExportModel }> {
  const docs = { board: new Y.Doc(), control: new Y.Doc() };
  // Ballots live in seat documents: the run hands them over, and the room shows them as the server counts them.
  const cast: { stepId: string; ballots: DotsValue[] }[] = [];
  writeRun(workshop, docs, (stepId, ballots) => cast.push({ stepId, ballots }));
  for (const { stepId, ballots } of cast) publishVote(docs, workshopNamed(workshop), stepId, ballots, locale);
  const local = buildExport({
    room: 'local-run',
    workshop: workshopNamed(workshop),
    locale,
    createdAt: Date.now(),
    ...docs,
  });
  const response = await postRoom(server, { workshop, locale, import: local });
  expect(response.status).toBe(201);
  const created = (await response.json()) as Created;
  const json = await exportJson(server, created.room);
  expect(withoutRoom(json)).toEqual(withoutRoom(local));
  return { room: created.room, json };
}

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
