/**
 * What only the PostgreSQL store has: schema migrations (versioned, idempotent,
 * safe when several nodes start at once, refused when the database is newer),
 * the check of durability settings, and recovery after the database restarts
 * mid-run (writes fail, none is acknowledged, then they work again by themselves).
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import type { RoomId } from '../../../../src/model/ids.ts';
import { MIGRATIONS, migrate } from '../../../../server/storage/pg-schema.ts';
import { PgStore } from '../../../../server/storage/pg-store.ts';
import { postgresForThisFile, TEST_TIMEOUT_MS } from '../../../helpers/postgres.ts';
import { withClient } from '../../../helpers/store-backends.ts';
import { until } from '../../../helpers/test-server.ts';

const { missing, postgres } = postgresForThisFile('PostgreSQL store tests skipped');

const ROOM = 'AAAAAAAAAAAAAAAAAAAAA' as RoomId;
const update = (seq: number) => ({ room: ROOM, doc: 'board' as const, seq, data: new Uint8Array([seq]) });

describe.skipIf(missing !== null)('PostgreSQL store', { timeout: TEST_TIMEOUT_MS }, () => {
  it('migrates once when several nodes start at the same moment, and not again after', async () => {
    const url = await postgres.createDatabase();
    const clients = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return client;
      }),
    );
    try {
      const applied = await Promise.all(clients.map((c) => migrate(c)));
      const all = MIGRATIONS.map((m) => m.version);
      // Exactly one node applied them; the others waited on the lock and found nothing to do.
      expect(applied.filter((a) => a.length > 0)).toEqual([all]);
      expect(applied.filter((a) => a.length === 0)).toHaveLength(4);
      expect(await migrate(clients[0]!)).toEqual([]);
      const versions = await clients[0]!.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.rows.map((r: { version: number }) => r.version)).toEqual(all);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('applies a migration whole or not at all, and refuses a database newer than it knows', async () => {
    const url = await postgres.createDatabase();
    await withClient(url, async (client) => {
      await migrate(client);
      const broken = [...MIGRATIONS, { version: 900, name: 'half', sql: 'CREATE TABLE half (x int); SELECT 1/0;' }];
      await expect(migrate(client, broken)).rejects.toThrow(/division by zero/);
      const half = await client.query("SELECT to_regclass('half') AS t");
      expect(half.rows[0].t).toBeNull();
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (901, 'from a newer server')");
    });
    expect(() => new PgStore({ url, nodeId: 'test-node', leaseMs: 10_000 })).toThrow(
      /schema version 901, newer than this server knows/,
    );
  });

  it('stops at start with the reason when the database cannot be reached', () => {
    expect(
      () =>
        new PgStore({
          url: `postgresql://postgres@127.0.0.1:${postgres.port}/no_such_database`,
          nodeId: 'test-node',
          leaseMs: 10_000,
        }),
    ).toThrow(/cannot open the PostgreSQL store: .*no_such_database/);
  });

  it('finds nothing wrong with a cluster that flushes its commits', async () => {
    const store = new PgStore({ url: await postgres.createDatabase(), nodeId: 'test-node', leaseMs: 10_000 });
    try {
      expect(store.check()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('recovers by itself after the database restarts; a write that failed never landed', async () => {
    const url = await postgres.createDatabase();
    const store = new PgStore({ url, nodeId: 'test-node', leaseMs: 10_000 });
    try {
      store.appendUpdates([update(1)]);
      await postgres.restart();
      // The connections died with the database. Seq 2 is retried until it is stored: had a failed
      // attempt landed, every retry would collide with it and fail for ever.
      let failures = 0;
      await until(
        () =>
          new Promise<boolean>((resolve) =>
            store.appendUpdatesAsync([update(2)], (e) => {
              if (e) failures++;
              resolve(e === null);
            }),
          ),
        'writes work again after the restart',
        15_000,
      );
      expect(failures).toBeLessThanOrEqual(1);
      expect(store.loadDoc(ROOM, 'board')).toEqual({
        updates: [new Uint8Array([1]), new Uint8Array([2])],
        lastSeq: 2,
        seatBytes: [],
      });
    } finally {
      store.close();
    }
  });
});
