/**
 * The control document that a writer's rules read: a seated writer of the
 * board keeps it loaded while nobody is connected to it, without taking a
 * client's place in it, and lets it go when the writer leaves. When it cannot
 * be loaded, only that writer's socket is closed and its place in the board
 * is given back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RoomId } from '../../../../src/model/ids.ts';
import { CLOSE_CODES } from '../../../../src/model/protocol.ts';
import type { DocName } from '../../../../src/model/roles.ts';
import { StorageUnavailable } from '../../../../server/rooms/doc-storage.ts';
import { seatedClient, steer } from '../../../helpers/seats.ts';
import { roomServersForEachTest } from '../../../helpers/room-servers.ts';
import { syncClient } from '../../../helpers/sync-client.ts';
import { until } from '../../../helpers/test-server.ts';

const { start, keep } = roomServersForEachTest();
afterEach(() => vi.restoreAllMocks());

describe('the control document held for a writer', () => {
  it('stays loaded while a board writer is connected, takes no client place in it, and goes when the writer leaves', async () => {
    // One client a document: a hold counted as a client would leave no place for the facilitator.
    const { server, room, key } = await start({ IDLE_UNLOAD_MS: '20', MAX_CLIENTS_PER_ROOM: '1' });
    const { registry } = server.core;
    await steer(server, room, key, 'ladder');
    await until(() => !registry.isLive(room, 'control'), 'the control document unloads once the facilitator left');

    const writer = keep(seatedClient(server, room));
    await writer.synced;
    expect(registry.isLive(room, 'control')).toBe(true);
    writer.board.addLadderAnswer('ladder', 0, 'held', { id: writer.seat.seat, name: null });
    const watcher = keep(syncClient(server.wsUrl, `${room}/control`, { key }));
    await watcher.synced;
    expect(watcher.closes).toEqual([]);
    await until(
      () => server.core.store.docSize(room, 'board').updates > 0,
      'the writer’s answer is stored under the rules the held document gives',
    );
    // When the control document's last client leaves, the hold keeps it: no unload is even scheduled.
    watcher.provider.destroy();
    await until(() => server.core.sync.size === 1, 'the server has seen the facilitator leave');
    expect(registry.isLive(room, 'control')).toBe(true);
    const control = registry.acquire(room, 'control');
    expect(control.peers.size).toBe(1);
    registry.release(control);
    expect(control.unloadScheduled).toBe(false);

    writer.provider.destroy();
    await until(() => !registry.isLive(room, 'control'), 'the control document unloads after the writer left');
  });

  it('closes only the writer whose control document fails to load, and gives its place back', async () => {
    // One place an address: a place kept after the failure would refuse the writer's reconnect as "address full".
    const { server, room, key } = await start({ MAX_CLIENTS_PER_ADDRESS_PER_ROOM: '1' });
    await steer(server, room, key, 'ladder');
    const { registry } = server.core;
    const acquire = registry.acquire.bind(registry);
    let failures = 0;
    vi.spyOn(registry, 'acquire').mockImplementation((id: RoomId, kind: DocName) => {
      if (kind === 'control' && failures === 0) {
        failures++;
        throw new StorageUnavailable('control page damaged (test)');
      }
      return acquire(id, kind);
    });

    const writer = keep(seatedClient(server, room));
    // The stock client reconnects by itself after the close, and is let in the second time.
    await writer.synced;
    expect(failures).toBe(1);
    expect(writer.closes.map((c) => c.code)).toEqual([CLOSE_CODES.storageFailure]);
    writer.board.addLadderAnswer('ladder', 0, 'after the failure', { id: writer.seat.seat, name: null });
    await until(() => server.core.store.docSize(room, 'board').updates > 0, 'the reconnected writer is stored');
  });
});
