/**
 * The durable room stores, each behind one small face, so one contract test
 * (tests/unit/server/storage/store-contract.test.ts) runs against all of them: open a
 * fresh store, open another handle on the same data (a restart), and damage
 * the newest snapshot of a document the way a bad disk or a bad copy would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { PgStore } from '../../server/storage/pg-store.ts';
import { databaseFile } from '../../server/storage/sqlite-db.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import type { RoomStore } from '../../server/storage/types.ts';
import type { TestPostgres } from './postgres.ts';

export type StoreHandle = {
  store: RoomStore;
  /** A second store on the same data, as after a restart. */
  reopen(): RoomStore;
  /** Flips a byte of the newest snapshot's data, leaving its checksum as it was. */
  damageNewestSnapshot(room: string, doc: string): Promise<void>;
  dispose(): Promise<void>;
};

export async function openSqlite(): Promise<StoreHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-contract-'));
  const opened: RoomStore[] = [new SqliteStore(dir)];
  return {
    store: opened[0]!,
    reopen() {
      const store = new SqliteStore(dir);
      opened.push(store);
      return store;
    },
    async damageNewestSnapshot(room, doc) {
      const db = new DatabaseSync(databaseFile(dir));
      try {
        db.prepare(
          `UPDATE snapshots SET data = CAST(X'FF' || substr(data, 2) AS BLOB)
           WHERE room = ?1 AND doc = ?2 AND seq = (SELECT max(seq) FROM snapshots WHERE room = ?1 AND doc = ?2)`,
        ).run(room, doc);
      } finally {
        db.close();
      }
    },
    async dispose() {
      for (const store of opened) store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPostgres(server: TestPostgres): Promise<StoreHandle> {
  const url = await server.createDatabase();
  const opened: RoomStore[] = [new PgStore({ url, nodeId: 'test-node', leaseMs: 10_000 })];
  return {
    store: opened[0]!,
    reopen() {
      const store = new PgStore({ url, nodeId: 'test-node', leaseMs: 10_000 });
      opened.push(store);
      return store;
    },
    async damageNewestSnapshot(room, doc) {
      await withClient(url, (client) =>
        client.query(
          `UPDATE snapshots SET data = overlay(data placing '\\xff'::bytea from 1)
           WHERE room = $1 AND doc = $2 AND seq = (SELECT max(seq) FROM snapshots WHERE room = $1 AND doc = $2)`,
          [room, doc],
        ),
      );
    },
    async dispose() {
      for (const store of opened) store.close();
    },
  };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
