/**
 * Storage lost or full while the server runs, with real clients connected:
 * nothing is acknowledged that was not stored, clients are told "storage
 * failure" (4500), /health answers 503, new rooms 503; and once the disk has
 * room again, writing resumes. Disk full needs a small tmpfs, mounted by the
 * test where it may (root in a container); elsewhere it is skipped, and says why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../../e2e/fixtures/server.ts';
import { answersOf, createRoom, readRoom, seatedWriter } from '../../../helpers/storage-faults.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { until } from '../../../helpers/test-server.ts';

const servers: ServerProcess[] = [];
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.provider.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});
const ENV = { SERVE_PAGES: 'false', IDLE_UNLOAD_MS: '60000' };

/** A tmpfs of `sizeMiB`, or the reason it cannot be had here. */
function mountTmpfs(sizeMiB: number): { dir: string } | { skip: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    return { skip: `cannot mount a tmpfs here (${String(error).split('\n')[0]})` };
  }
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
});

async function pair(server: ServerProcess, room: string) {
  const ws = `${server.url.replace('http', 'ws')}/sync`;
  const writer = await seatedWriter(server.url, room);
  const observer = syncClient(ws, room);
  clients.push(writer, observer);
  await Promise.all([writer.synced, observer.synced]);
  return { writer, observer };
}

const health = async (server: ServerProcess) => {
  const response = await fetch(`${server.url}/health`);
  return { status: response.status, body: (await response.json()) as { storage: { refusal: string | null } } };
};

describe('storage lost while running', () => {
  it(
    'DATA_DIR removed: writes refused and nothing acknowledged, health and room creation 503',
    { timeout: 60_000 },
    async () => {
      const server = await startServer({ env: ENV });
      servers.push(server);
      const { room } = await createRoom(server.url);
      const { writer, observer } = await pair(server, room);
      writer.board.addLadderAnswer('ladder', 0, 'before', writer.me);
      await until(() => answersOf(observer).includes('before'), 'stored before the loss');

      fs.rmSync(server.dataDir, { recursive: true, force: true });
      writer.board.addLadderAnswer('ladder', 0, 'after', writer.me);
      await until(() => writer.closes.some((c) => c.code === 4500), 'the writer is told "storage failure"');
      await until(async () => (await health(server)).status === 503, '/health says 503');
      expect((await health(server)).body.storage.refusal).toMatch(/removed while the server ran/);
      expect(answersOf(observer), 'nothing unstored was acknowledged').not.toContain('after');
      const created = await fetch(`${server.url}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workshop: 'five-whys', locale: 'da' }),
      });
      expect(created.status).toBe(503);
      expect(((await created.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');
      expect(await readRoom(server.url, room)).toEqual({ closed: 4500 });
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/^ledestjerne_storage_writable 0$/m);
      expect(metrics).toMatch(/^ledestjerne_socket_closes_total\{reason="storageFailure"\} [1-9]/m);
      expect(metrics).toMatch(/^ledestjerne_refused_writes_total\{kind="room"\} 1$/m);
      expect(server.exitInfo()).toEqual({ code: null, signal: null });
    },
  );

  it(
    'disk full: writes refused while full, resumed once space is freed, nothing acknowledged lost',
    { timeout: 60_000 },
    async (context) => {
      const tmpfs = mountTmpfs(8);
      if ('skip' in tmpfs) {
        console.info(`disk-full test skipped: ${tmpfs.skip}`);
        context.skip();
        return;
      }
      mounted.push(tmpfs.dir);
      const server = await startServer({ env: ENV, dataDir: path.join(tmpfs.dir, 'data') });
      servers.push(server);
      const { room } = await createRoom(server.url);
      const { writer, observer } = await pair(server, room);
      writer.board.addLadderAnswer('ladder', 0, 'before', writer.me);
      await until(() => answersOf(observer).includes('before'), 'stored before the disk filled');

      const filler = path.join(tmpfs.dir, 'filler');
      const fd = fs.openSync(filler, 'w');
      try {
        for (;;) fs.writeSync(fd, Buffer.alloc(256 * 1024, 1));
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        fs.closeSync(fd);
      }
      for (let i = 0; i < 50; i++)
        writer.board.addLadderAnswer('ladder', 0, `while full ${i} ${'x'.repeat(200)}`, writer.me);
      await until(async () => (await health(server)).status === 503, '/health says 503 while the disk is full');
      const acknowledged = answersOf(observer);

      fs.rmSync(filler);
      await until(async () => (await health(server)).status === 200, '/health recovers once space is freed', 10_000);
      // The writer reconnects and sends what the server lacks; all of it is stored now.
      await until(
        async () => {
          const read = await readRoom(server.url, room);
          return 'answers' in read && read.answers.length === 51;
        },
        'every answer stored after the disk has room again',
        15_000,
      );
      const read = await readRoom(server.url, room);
      expect('answers' in read && read.answers).toEqual(expect.arrayContaining(acknowledged));
    },
  );
});
