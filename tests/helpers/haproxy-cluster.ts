/**
 * Several real servers (`node server/index.ts`) on one PostgreSQL database,
 * optionally behind HAProxy with the example configuration: the set-up that
 * docs/scaling.md describes, on loopback with free ports. (tests/helpers/cluster.ts
 * starts nodes without a front door, for the forwarding tests.)
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { startServer, type ServerProcess } from '../e2e/fixtures/server.ts';
import { CLUSTER_SECRET } from './cluster.ts';
import { startHaproxy, type TestHaproxy } from './haproxy.ts';
import { withClient } from './store-backends.ts';

export type ClusterNode = { id: string; server: ServerProcess };

export type TestCluster = {
  nodes: ClusterNode[];
  haproxy: TestHaproxy | null;
  /** The front door: HAProxy's address, or the first node's without it. */
  url: string;
  /** The NODE_ID holding the room's lease, or null. */
  ownerOf(room: string): Promise<string | null>;
  node(id: string): ClusterNode;
  /** Live rooms and connected clients on one node, from its own /health. */
  load(node: ClusterNode): Promise<{ rooms: number; clients: number }>;
  dispose(): Promise<void>;
};

export type ClusterOptions = {
  databaseUrl: string;
  nodes?: number;
  leaseMs: number;
  haproxy: boolean;
  env?: Record<string, string>;
};

export async function startCluster(options: ClusterOptions): Promise<TestCluster> {
  const nodes: ClusterNode[] = [];
  let haproxy: TestHaproxy | null = null;
  const dispose = async () => {
    await haproxy?.stop();
    await Promise.all(nodes.map((n) => n.server.dispose()));
  };
  try {
    for (let i = 1; i <= (options.nodes ?? 3); i++) {
      const id = `node-${i}`;
      const server = await startServer({
        captureLogs: true,
        env: {
          SERVE_PAGES: 'false',
          STORAGE: 'postgres',
          DATABASE_URL: options.databaseUrl,
          NODE_ID: id,
          LEASE_MS: String(options.leaseMs),
          IDLE_UNLOAD_MS: '60000',
          TRUST_PROXY: options.haproxy ? 'true' : 'false',
          // Nodes forward what reaches the wrong one to the room's owner, as docs/scaling.md sets them up.
          CLUSTER_SECRET,
          LOG_LEVEL: 'info',
          ...options.env,
        },
      });
      nodes.push({ id, server });
    }
    if (options.haproxy) haproxy = await startHaproxy(nodes.map((n) => n.server.port));
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    nodes,
    haproxy,
    url: haproxy?.url ?? nodes[0]!.server.url,
    async ownerOf(room) {
      const result = await withClient(options.databaseUrl, (c) =>
        c.query<{ owner: string }>('SELECT owner FROM room_leases WHERE room = $1 AND expires_at > now()', [room]),
      );
      return result.rows[0]?.owner ?? null;
    },
    node(id) {
      const found = nodes.find((n) => n.id === id);
      if (!found) throw new Error(`no node ${id}`);
      return found;
    },
    async load(node) {
      const response = await fetch(`${node.server.url}/health`);
      const body = (await response.json()) as { rooms: number; clients: number };
      return { rooms: body.rooms, clients: body.clients };
    },
    dispose,
  };
}

export type TestClient = { doc: Y.Doc; provider: WebsocketProvider; synced(): Promise<void> };

/** A stock y-websocket client for one of the room's documents, through `baseUrl` (http://…). */
export function syncClient(baseUrl: string, name: string, params: Record<string, string> = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  return {
    doc,
    provider,
    synced: () =>
      provider.synced ? Promise.resolve() : new Promise<void>((resolve) => provider.once('sync', () => resolve())),
  };
}

export async function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
