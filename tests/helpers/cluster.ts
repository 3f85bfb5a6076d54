/**
 * Several real server processes on one throwaway PostgreSQL, forwarding to
 * each other (server/cluster/), and the clients and calls the cluster tests
 * make against them. Every client is a stock y-websocket provider over `ws`.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Board } from '../../src/model/board.ts';
import { Control } from '../../src/model/control.ts';
import { startServer, type ServerProcess } from '../e2e/fixtures/server.ts';
import { withClient } from './store-backends.ts';
import { until } from './test-server.ts';

export const CLUSTER_SECRET = 'cluster-test-secret-0123456789abcdefghij';

/**
 * Starts `count` nodes one after another (node-1 ...), each with its own
 * NODE_ID and the shared secret. Each is added to `started` as soon as it
 * runs, so the teardown stops it even when a later one fails to start.
 */
export async function startNodes(
  count: number,
  databaseUrl: string,
  leaseMs: number,
  started: ServerProcess[],
  env: Record<string, string> = {},
): Promise<ServerProcess[]> {
  const nodes: ServerProcess[] = [];
  for (let i = 1; i <= count; i++) {
    nodes.push(
      await startServer({
        captureLogs: true,
        env: {
          SERVE_PAGES: 'false',
          STORAGE: 'postgres',
          DATABASE_URL: databaseUrl,
          NODE_ID: `node-${i}`,
          LEASE_MS: String(leaseMs),
          CLUSTER_SECRET,
          IDLE_UNLOAD_MS: '60000',
          LOG_LEVEL: 'info',
          // Every test client comes from 127.0.0.1: the per-address limits would otherwise see one crowd.
          CONN_RATE_PER_IP_PER_SEC: '10000',
          CONN_BURST_PER_IP: '10000',
          MAX_CLIENTS_PER_ADDRESS_PER_ROOM: '1000',
          ...env,
        },
      }),
    );
    started.push(nodes[nodes.length - 1]!);
  }
  return nodes;
}

export type TestClient = ReturnType<typeof syncClient>;

/**
 * A stock client on `node`; `connects` counts how often it got connected (the
 * first time included), `outages` how long each time without a connection lasted (ms).
 */
export function syncClient(node: ServerProcess, room: string, params: Record<string, string> = {}) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${node.port}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    params,
  });
  const handle = {
    doc,
    provider,
    board: new Board(doc),
    connects: 0,
    outages: [] as number[],
    synced: new Promise<void>((resolve) => provider.once('sync', () => resolve())),
  };
  let downSince: number | null = null;
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') {
      handle.connects++;
      if (downSince !== null) handle.outages.push(Date.now() - downSince);
      downSince = null;
    } else if (status === 'disconnected') downSince ??= Date.now();
  });
  return handle;
}

export async function call<T>(
  node: ServerProcess,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${node.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (an export file).
  }
  return { status: response.status, body: body as T };
}

export type LadderRoom = { room: string; key: string; seats: { seat: string; secret: string }[] };

/** A five-whys room created on `node`, on its ladder step, with `seatCount` seats. */
export async function ladderRoom(node: ServerProcess, seatCount: number): Promise<LadderRoom> {
  const created = await call<{ room: string; facilitatorKey: string }>(node, '/api/rooms', {
    body: { workshop: 'five-whys', locale: 'en' },
  });
  if (created.status !== 201 && created.status !== 200) throw new Error(`room not created: ${created.status}`);
  const { room, facilitatorKey: key } = created.body;
  const facilitator = syncClient(node, `${room}/control`, { key });
  await facilitator.synced;
  new Control(facilitator.doc).goToStep('ladder');
  await until(() => new Control(facilitator.doc).currentStepId() === 'ladder', 'the ladder step is set', 10_000);
  // Participants write only on the current step: wait until the change is stored (a fresh client sees it).
  const check = syncClient(node, `${room}/control`, { role: 'projector' });
  await until(() => new Control(check.doc).currentStepId() === 'ladder', 'the ladder is open', 20_000);
  facilitator.provider.destroy();
  check.provider.destroy();
  const seats: { seat: string; secret: string }[] = [];
  for (let i = 0; i < seatCount; i++) {
    const issued = await call<{ seat: string; secret: string }>(node, `/api/rooms/${room}/seats`, { body: {} });
    if (issued.status >= 300) throw new Error(`seat not issued: ${issued.status}`);
    seats.push(issued.body);
  }
  return { room, key, seats };
}

export const texts = (board: Board) => board.ladderAnswers('ladder').map((a) => a.text);

/** The nodes holding a lease on `room` now (unexpired). */
export async function leaseHolders(databaseUrl: string, room: string): Promise<string[]> {
  const result = await withClient(databaseUrl, (c) =>
    c.query<{ owner: string }>('SELECT owner FROM room_leases WHERE room = $1 AND expires_at > now()', [room]),
  );
  return result.rows.map((r) => r.owner);
}

/** The board as stored in the database: every update and snapshot of the room's board, applied to a fresh doc. */
export async function storedBoard(databaseUrl: string, room: string): Promise<Board> {
  const doc = new Y.Doc();
  await withClient(databaseUrl, async (c) => {
    const rows = await c.query<{ data: Buffer }>(
      `SELECT data FROM snapshots WHERE room = $1 AND doc = 'board'
       UNION ALL SELECT data FROM updates WHERE room = $1 AND doc = 'board'`,
      [room],
    );
    for (const row of rows.rows) Y.applyUpdate(doc, new Uint8Array(row.data));
  });
  return new Board(doc);
}

/** Rejects when `loop` ends: with its own error, or saying it stopped (for a loop meant to run on). */
export function stopped(loop: Promise<void>): Promise<never> {
  return loop.then(() => {
    throw new Error('the writers stopped writing');
  });
}
