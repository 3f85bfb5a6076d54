/**
 * Many rooms opened, written to and left, cycle after cycle: rooms leave
 * memory once idle, and the heap stays flat.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorOf, seatedClient, serverStep } from '../../../helpers/seats.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const CYCLES = 4;
const ROOMS_PER_CYCLE = 150;
const MIB = 1024 * 1024;
/** Allowed heap growth between the first and the last cycle. */
const FLAT_TOLERANCE_BYTES = 8 * MIB;

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

function settledHeap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ IDLE_UNLOAD_MS: '20', CONN_BURST_PER_IP: '100000', MAX_CLIENTS_PER_ADDRESS_PER_ROOM: '100000' });
});
afterAll(async () => {
  await server.close();
});

describe('soak', () => {
  it(
    `keeps memory flat over ${CYCLES} cycles of ${ROOMS_PER_CYCLE} rooms opened and left`,
    { timeout: 120_000 },
    async () => {
      const heaps: number[] = [];
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        // Each room: a facilitator on the control document and a seated participant on the board.
        const clients: ReturnType<typeof seatedClient>[] = [];
        const facilitators: SyncClient[] = [];
        for (let i = 0; i < ROOMS_PER_CYCLE; i++) {
          const { room, key } = server.core.registry.createRoom('five-whys', 'da');
          facilitators.push(syncClient(server.wsUrl, `${room.id}/control`, { key }));
          const client = seatedClient(server, room.id);
          client.provider.awareness.setLocalStateField('user', {
            id: client.seat.seat,
            name: 'Åse',
            role: 'participant',
          });
          clients.push(client);
        }
        await Promise.all([...clients, ...facilitators].map((c) => c.synced));
        for (const f of facilitators) f.control.goToStep('ladder');
        await until(
          () => clients.every((c) => serverStep(server, c.provider.roomname) === 'ladder'),
          'rooms on the ladder',
        );
        for (const c of clients) {
          const author = authorOf(c.seat, 'Åse');
          const answers = [0, 1, 2, 3, 4].map((n) => c.board.addLadderAnswer('ladder', 0, `svar ${n} – æøå`, author));
          c.board.toggleLadderSupport('ladder', answers[0]!.id, c.seat.seat);
        }
        await until(
          () => server.core.store.docSize(clients.at(-1)!.provider.roomname as never, 'board').updates >= 6,
          'stored',
        );
        for (const c of [...clients, ...facilitators]) {
          c.provider.destroy();
          c.doc.destroy();
        }
        await until(
          () => server.core.registry.liveCount() === 0 && server.core.sync.size === 0,
          'all rooms unloaded',
          10_000,
        );
        heaps.push(settledHeap());
      }
      const figures = heaps.map((h) => `${(h / MIB).toFixed(1)} MiB`).join(' → ');
      console.info(`soak: heap after each cycle of ${ROOMS_PER_CYCLE} rooms: ${figures}`);
      expect(heaps.at(-1)! - heaps[0]!).toBeLessThan(FLAT_TOLERANCE_BYTES);
    },
  );
});
