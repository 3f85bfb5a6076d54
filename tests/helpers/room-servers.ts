/**
 * In-process servers, each with one new room, for a test file whose tests
 * each start their own server with their own limits. Registers the file's
 * teardown: after each test its clients are destroyed before its servers
 * close, so that no connected client syncs its state into a closing room.
 */
import { afterEach } from 'vitest';
import type { SyncClient } from './sync-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

export function roomServersForEachTest() {
  const servers: TestServer[] = [];
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.provider.destroy();
    for (const s of servers.splice(0)) await s.close();
  });
  return {
    /** A server with `env` and a five × why room on it; the facilitator key is `key`. */
    async start(env: Record<string, string>) {
      const server = await startTestServer(env);
      servers.push(server);
      const { room, key } = server.core.registry.createRoom('five-whys', 'en');
      return { server, room: room.id, key };
    },
    /** Destroys `client` after this test. */
    keep<C extends SyncClient>(client: C): C {
      clients.push(client);
      return client;
    },
  };
}
