/**
 * The storage knows whose it is: one server per DATA_DIR, a write-ahead log
 * of another database refused, a deleted log reported. Real server processes.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../../e2e/fixtures/server.ts';
import { createRoom, dbFileOf, logged, readRoom, writeAnswers } from '../../../helpers/storage-faults.ts';

const servers: ServerProcess[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.dispose();
});
const ENV = { SERVE_PAGES: 'false', IDLE_UNLOAD_MS: '60000' };

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<ServerProcess> {
  const server = await startServer({ captureLogs: true, ...options, env: { ...ENV, ...options.env } });
  servers.push(server);
  return server;
}

describe('storage identity', () => {
  it(
    'refuses a second server on the same DATA_DIR, and starts again after the first was killed',
    { timeout: 60_000 },
    async () => {
      const first = await start();
      const { room } = await createRoom(first.url);
      await writeAnswers(first.url, room, ['one']);
      await expect(startServer({ dataDir: first.dataDir, env: ENV, captureLogs: true })).rejects.toThrow(
        /DATA_DIR .* is in use by another server \(process \d+/,
      );
      // The first one never noticed.
      await writeAnswers(first.url, room, ['two']);
      expect(await readRoom(first.url, room)).toEqual({ answers: ['one', 'two'] });
      // kill -9 leaves no stale lock: the operating system released it with the process.
      await first.stop('SIGKILL');
      await first.restart();
      expect(await readRoom(first.url, room)).toEqual({ answers: ['one', 'two'] });
    },
  );

  it(
    'refuses the write-ahead log of another database, and starts on its own once the stranger is moved out',
    { timeout: 60_000 },
    async () => {
      const ours = await start();
      const theirs = await start();
      const mine = await createRoom(ours.url);
      await writeAnswers(ours.url, mine.room, ['ours']);
      const other = await createRoom(theirs.url);
      await writeAnswers(theirs.url, other.room, ['theirs']);
      await ours.stop('SIGKILL');
      await theirs.stop('SIGKILL');
      const wal = `${dbFileOf(ours.dataDir)}-wal`;
      fs.copyFileSync(wal, `${wal}.ours`);
      fs.copyFileSync(`${dbFileOf(theirs.dataDir)}-wal`, wal);

      await expect(ours.restart()).rejects.toThrow(/-wal belongs to another database .* it was not applied/);
      // Nothing was applied: with its own log back, the database is as it was.
      fs.renameSync(`${wal}.ours`, wal);
      await ours.restart();
      expect(await readRoom(ours.url, mine.room)).toEqual({ answers: ['ours'] });
      expect(await readRoom(ours.url, other.room)).toEqual({ closed: 4404 });
    },
  );

  it('reports a write-ahead log deleted after a crash', { timeout: 60_000 }, async () => {
    const server = await start();
    const { room } = await createRoom(server.url);
    await writeAnswers(server.url, room, ['in the log only']);
    await server.stop('SIGKILL');
    fs.rmSync(`${dbFileOf(server.dataDir)}-wal`);
    await server.restart();
    const [check] = logged(server.logs(), 'storage_check_failed');
    expect(check?.problems).toContainEqual(
      expect.stringMatching(/stopped without closing the database and .*-wal is missing/),
    );
    const health = (await (await fetch(`${server.url}/health`)).json()) as { storage: { startupProblems: string[] } };
    expect(health.storage.startupProblems).toContainEqual(expect.stringMatching(/-wal is missing/));
  });
});
