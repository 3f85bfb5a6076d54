/**
 * Backup during a write burst, restore, and the doctor, as an operator runs
 * them: the real commands against a real server's DATA_DIR.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../../e2e/fixtures/server.ts';
import {
  answersOf,
  createRoom,
  observerOf,
  readRoom,
  scribble,
  seatedWriter,
  uniqueOffsetOf,
} from '../../../helpers/storage-faults.ts';
import type { SyncClient } from '../../../helpers/sync-client.ts';
import { until } from '../../../helpers/test-server.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const servers: ServerProcess[] = [];
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.provider.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

/** The operator's command, run beside this process's event loop (which keeps writing meanwhile). */
function runAsync(
  script: string,
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', `${script}.ts`), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function run(script: string, args: string[], dataDir: string) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Every answer in `part` is in `whole`, in the same order, from the start. */
const isPrefix = (part: string[], whole: string[]) => part.every((a, i) => whole[i] === a);

describe('backup, restore, doctor', () => {
  it(
    'backs up consistently during a write burst, restores only while stopped, and the restored rooms all load',
    { timeout: 90_000 },
    async () => {
      const server = await startServer({
        env: { SERVE_PAGES: 'false', IDLE_UNLOAD_MS: '60000', COMPACT_AFTER_UPDATES: '30' },
      });
      servers.push(server);
      const rooms = await Promise.all([1, 2, 3].map(() => createRoom(server.url)));
      const writers = await Promise.all(rooms.map((r) => seatedWriter(server.url, r.room)));
      clients.push(...writers);
      await Promise.all(writers.map((w) => w.synced));

      // The burst runs while the backup command runs beside it (spawned, so this process keeps writing).
      let writing = true;
      let written = 0;
      const burst = (async () => {
        while (writing) {
          for (const w of writers) w.board.addLadderAnswer('ladder', 0, `a${written}`, w.me);
          written++;
          await new Promise((resolve) => setTimeout(resolve, 3));
        }
      })();
      await until(() => written >= 30, 'the burst has begun', 10_000);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-backup-')), 'backup.sqlite');
      const backup = await runAsync('backup', [file], server.dataDir);
      writing = false;
      await burst;
      // What is written once the backup has finished cannot be in it.
      for (const w of writers) for (let k = 0; k < 5; k++) w.board.addLadderAnswer('ladder', 0, `after${k}`, w.me);
      expect(backup.code, backup.err).toBe(0);
      expect(JSON.parse(backup.out)).toMatchObject({ backup: file, rooms: 3 });
      // An observer per room sees only what the server stored and broadcast.
      const observers = rooms.map((r) => observerOf(server.url, r.room));
      clients.push(...observers);
      await until(
        () => observers.every((o, i) => answersOf(o).join() === answersOf(writers[i]!).join()),
        'the server holds everything the writers wrote',
        20_000,
      );
      const live = writers.map((w) => answersOf(w));
      // Gone before the restore: a connected client would sync its whole state back into the restored room.
      for (const c of clients.splice(0)) c.provider.destroy();

      // Restoring while the server runs is refused, with the reason.
      const refused = run('restore', [file], server.dataDir);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/in use by another server.*Restore only while the server is stopped/);

      await server.stop('SIGTERM');
      const restored = run('restore', [file], server.dataDir);
      expect(restored.code, restored.err).toBe(0);
      expect(JSON.parse(restored.out).previous).toMatch(/before-restore-/);
      const doctor = run('doctor', [], server.dataDir);
      expect(doctor.code, doctor.out).toBe(0);
      expect(JSON.parse(doctor.out)).toMatchObject({ integrity: 'ok', rooms: 3, documents: { damaged: [] } });

      await server.restart();
      for (const [i, r] of rooms.entries()) {
        const read = (await readRoom(server.url, r.room)) as { answers: string[] };
        // The state at the backup's moment: some of the burst, all of it in order, none of what came after.
        expect(read.answers.length).toBeGreaterThan(0);
        expect(read.answers.some((a) => a.startsWith('after'))).toBe(false);
        expect(isPrefix(read.answers, live[i]!)).toBe(true);
      }
      console.info(
        `backup: ${written} rounds written during the burst; restored rooms hold ${rooms.length} consistent prefixes`,
      );
    },
  );

  it(
    'the doctor finds a damaged snapshot, says what it recovered, and salvages into a new database',
    { timeout: 60_000 },
    async () => {
      const server = await startServer({
        env: { SERVE_PAGES: 'false', IDLE_UNLOAD_MS: '60000', COMPACT_AFTER_UPDATES: '10' },
      });
      servers.push(server);
      const { room } = await createRoom(server.url);
      const writer = await seatedWriter(server.url, room);
      clients.push(writer);
      await writer.synced;
      for (let i = 0; i < 25; i++) {
        writer.board.addLadderAnswer('ladder', 0, `n${i}`, writer.me);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const expected = answersOf(writer);
      await server.stop('SIGTERM');
      const { DatabaseSync } = await import('node:sqlite');
      const db = new DatabaseSync(path.join(server.dataDir, 'ledestjerne.sqlite'), { readOnly: true });
      const snapshot = db.prepare('SELECT data FROM snapshots WHERE room = ? ORDER BY seq DESC LIMIT 1').get(room) as {
        data: Uint8Array;
      };
      db.close();
      const dbFile = path.join(server.dataDir, 'ledestjerne.sqlite');
      scribble(dbFile, uniqueOffsetOf(dbFile, new Uint8Array(snapshot.data)), 48);

      const salvaged = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-salvage-')), 'salvaged.sqlite');
      const doctor = run('doctor', ['--salvage', salvaged], server.dataDir);
      expect(doctor.code).toBe(1);
      const report = JSON.parse(doctor.out);
      expect(report.documents.damaged).toContainEqual(
        expect.objectContaining({
          room,
          doc: 'board',
          state: 'recovered',
          detail: expect.objectContaining({ problems: expect.arrayContaining([expect.stringMatching(/checksum/)]) }),
        }),
      );
      expect(report.salvaged.copied.rooms).toBe(1);
      expect(run('restore', [salvaged], server.dataDir).code).toBe(0);
      await server.restart();
      expect(await readRoom(server.url, room)).toEqual({ answers: expected });
    },
  );
});
