/**
 * DATA_DIR turned read-only under a running server, with real clients: /health
 * answers 503, writes are refused with "storage failure" (4500) and new rooms
 * with 503 storage_unavailable, nothing unstored is acknowledged, and what was
 * acknowledged is all there after the storage is writable again and after a
 * restart. The test runs as root in CI, where chmod changes nothing; instead a
 * read-only bind mount is laid over DATA_DIR while the server runs. The kernel
 * will not make a mount read-only while files are open for writing through it
 * ("busy"), so the mount goes on top after the server opened its database:
 * every new file in DATA_DIR fails with EROFS, as on a read-only remount, while
 * descriptors opened before keep writing (a real remount cuts those off too).
 * The server must notice by itself and refuse. Where mounting is not allowed
 * the test is skipped, and says why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });

/** Null when bind mounts can be made here, else why not. */
function cannotMount(): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-ro-'));
  try {
    mount('--bind', dir, dir);
    mount('-o', 'remount,ro,bind', dir);
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `cannot make a read-only bind mount here (${String(error).split('\n')[0]})`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const health = async (server: ServerProcess) => {
  const response = await fetch(`${server.url}/health`);
  return { status: response.status, body: (await response.json()) as { storage: { refusal: string | null } } };
};

describe('DATA_DIR read-only while running', () => {
  it('refuses writes with 4500 and /health 503; nothing acknowledged is lost', { timeout: 90_000 }, async (context) => {
    const skip = cannotMount();
    if (skip) {
      console.info(`read-only test skipped: ${skip}`);
      context.skip();
      return;
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-ro-data-'));
    let readOnly = false;
    const setReadOnly = (on: boolean) => {
      if (on) {
        mount('--bind', dataDir, dataDir);
        mount('-o', 'remount,ro,bind', dataDir);
      } else execFileSync('umount', [dataDir], { stdio: 'pipe' });
      readOnly = on;
    };
    try {
      const server = await startServer({ env: { SERVE_PAGES: 'false', IDLE_UNLOAD_MS: '60000' }, dataDir });
      servers.push(server);
      const { room } = await createRoom(server.url);
      const writer = await seatedWriter(server.url, room);
      const observer = syncClient(`${server.url.replace('http', 'ws')}/sync`, room);
      clients.push(writer, observer);
      await Promise.all([writer.synced, observer.synced]);
      writer.board.addLadderAnswer('ladder', 0, 'before', writer.me);
      await until(() => answersOf(observer).includes('before'), 'stored before the mount turned read-only');

      setReadOnly(true);
      // Root ignores file modes, not a read-only mount: a new file cannot be made.
      expect(() => fs.writeFileSync(path.join(dataDir, 'check'), 'x')).toThrow(/EROFS/);
      await until(async () => (await health(server)).status === 503, '/health says 503', 20_000);
      expect((await health(server)).body.storage.refusal).toMatch(/not writable \(EROFS\)/);
      writer.board.addLadderAnswer('ladder', 0, 'while read-only', writer.me);
      await until(() => writer.closes.some((c) => c.code === 4500), 'the writer is told "storage failure"');
      expect(answersOf(observer), 'nothing unstored was acknowledged').not.toContain('while read-only');
      const created = await fetch(`${server.url}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workshop: 'five-whys', locale: 'da' }),
      });
      expect(created.status).toBe(503);
      expect(((await created.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');
      expect(server.exitInfo()).toEqual({ code: null, signal: null });

      setReadOnly(false);
      await until(async () => (await health(server)).status === 200, '/health recovers once writable', 20_000);
      // The writer reconnects and resends what the server never stored.
      await until(
        async () => {
          const read = await readRoom(server.url, room);
          return 'answers' in read && read.answers.includes('while read-only');
        },
        'the refused answer stored once the storage is writable',
        20_000,
      );
      // Clients leave before the restart (a connected client would sync its state back in).
      for (const c of clients.splice(0)) c.provider.destroy();
      await server.restart();
      expect(await readRoom(server.url, room)).toEqual({ answers: ['before', 'while read-only'] });
    } finally {
      if (readOnly) setReadOnly(false);
      for (const s of servers.splice(0)) await s.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
