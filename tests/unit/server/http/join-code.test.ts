/** Join codes: issued with the room, looked up at /api/join/<code>, replaced with the link, rate-limited. */
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatJoinCode,
  isJoinCode,
  JOIN_CODE_ALPHABET,
  newJoinCode,
  normalizeJoinCode,
  type JoinAnswer,
} from '../../../../src/model/join-code.ts';
import type { CreatedRoom, RoomLinks } from '../../../../src/model/protocol.ts';
import { databaseFile } from '../../../../server/storage/sqlite-db.ts';
import { MemoryStore } from '../../../../server/storage/memory-store.ts';
import { startTestServer, type TestServer } from '../../../helpers/test-server.ts';

let server: TestServer;
let limited: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ROOMS_PER_IP_PER_MIN: '1000', JOIN_LOOKUPS_PER_IP_PER_MIN: '1000' });
  limited = await startTestServer({ JOIN_LOOKUPS_PER_IP_PER_MIN: '5' });
});
afterAll(async () => {
  await server.close();
  await limited.close();
});

const join = (base: TestServer, code: string) => fetch(`${base.httpUrl}/api/join/${encodeURIComponent(code)}`);
const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

async function createRoom(): Promise<CreatedRoom> {
  const response = await fetch(`${server.httpUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workshop: 'five-whys', locale: 'da' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedRoom;
}

describe('join code values', () => {
  it('has no look-alike characters and reads back however it is typed', () => {
    for (const lookalike of '0O1IL2Z5S8BUVDQJ') expect(JOIN_CODE_ALPHABET).not.toContain(lookalike);
    const code = newJoinCode();
    expect(isJoinCode(code)).toBe(true);
    expect(normalizeJoinCode(code.toLowerCase())).toBe(code);
    expect(normalizeJoinCode(` ${formatJoinCode(code)} `)).toBe(code);
    expect(normalizeJoinCode(`${code.slice(0, 3)}-${code.slice(3)}`)).toBe(code);
    expect(normalizeJoinCode('ABC')).toBeNull();
    expect(normalizeJoinCode('O0O0O0')).toBeNull();
    expect(normalizeJoinCode(`${code}X`)).toBeNull();
  });
});

describe('GET /api/join/<code>', () => {
  it('leads a code, in any case, to the room it was created with', async () => {
    const created = await createRoom();
    expect(isJoinCode(created.joinCode)).toBe(true);
    const response = await join(server, created.joinCode!.toLowerCase());
    expect(response.status).toBe(200);
    const answer = (await response.json()) as JoinAnswer;
    expect(answer).toEqual({ room: created.room, participantPath: `/r/${created.room}` });
  });

  it('gives every room its own code, stored in the rooms table', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 30; i += 1) codes.add((await createRoom()).joinCode!);
    expect(codes.size).toBe(30);
    const db = new DatabaseSync(databaseFile(server.dataDir), { readOnly: true });
    try {
      const stored = db.prepare('SELECT count(DISTINCT join_code) AS n FROM rooms WHERE join_code IS NOT NULL').get();
      expect((stored as { n: number }).n).toBeGreaterThanOrEqual(30);
      expect(() => db.prepare("SELECT * FROM rooms WHERE join_code = 'X'").all()).not.toThrow();
    } finally {
      db.close();
    }
  });

  it('says a wrong code is unknown and a malformed one is not a code', async () => {
    const taken = new Set([(await createRoom()).joinCode]);
    let unused = newJoinCode();
    while (taken.has(unused)) unused = newJoinCode();
    const unknown = await join(server, unused);
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('unknown_code');
    const malformed = await join(server, 'hello!');
    expect(malformed.status).toBe(400);
    expect(await errorCode(malformed)).toBe('invalid_code');
    expect((await fetch(`${server.httpUrl}/api/join/${'%E0%A4%A'}`)).status).toBe(400);
  });

  it('is replaced with the participant link: the old code answers 410, the new one leads in with the invite', async () => {
    const created = await createRoom();
    const rotated = await fetch(`${server.httpUrl}/api/rooms/${created.room}/invite`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.facilitatorKey}` },
    });
    expect(rotated.status).toBe(200);
    const links = (await rotated.json()) as RoomLinks;
    expect(isJoinCode(links.joinCode)).toBe(true);
    expect(links.joinCode).not.toBe(created.joinCode);

    const old = await join(server, created.joinCode!);
    expect(old.status).toBe(410);
    expect(await errorCode(old)).toBe('code_replaced');
    const fresh = (await (await join(server, links.joinCode!)).json()) as JoinAnswer;
    expect(fresh.participantPath).toBe(new URL(links.participantUrl).pathname + new URL(links.participantUrl).search);

    // The console's links show the current code.
    const current = await fetch(`${server.httpUrl}/api/rooms/${created.room}/links`, {
      headers: { authorization: `Bearer ${created.facilitatorKey}` },
    });
    expect(((await current.json()) as RoomLinks).joinCode).toBe(links.joinCode);
  });

  it('limits guessing per address, wrong guesses included', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await join(limited, newJoinCode())).status);
    expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
    const refused = await join(limited, newJoinCode());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('only answers GET', async () => {
    const created = await createRoom();
    const response = await fetch(`${server.httpUrl}/api/join/${created.joinCode}`, { method: 'POST' });
    expect(response.status).toBe(405);
  });
});

describe('the memory store', () => {
  it('keeps replaced codes as retired', () => {
    const store = new MemoryStore();
    const room = {
      id: 'r'.repeat(21),
      workshop: 'five-whys',
      locale: 'en',
      keyHash: Buffer.alloc(32),
      createdAt: 0,
      schemaVersion: 1,
      invite: null,
      joinCode: 'AAAAAA',
    } as const;
    store.createRoom({ ...room, id: room.id as never });
    expect(store.findJoinCode('AAAAAA')).toEqual({ room: room.id, current: true });
    store.setInvite(room.id, 'invite', 'CCCCCC');
    expect(store.findJoinCode('AAAAAA')).toEqual({ room: room.id, current: false });
    expect(store.findJoinCode('CCCCCC')).toEqual({ room: room.id, current: true });
    expect(store.findJoinCode('EEEEEE')).toBeNull();
  });
});
