/**
 * /health and /metrics. /health says whether the server can keep what it is
 * sent (503 when it cannot), and why; /metrics gives the same and more in the
 * Prometheus text format through prom-client, with a registry per server so
 * that servers started side by side (tests) do not share counters.
 */
import type http from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CLOSE_CODES } from '../../src/model/protocol.ts';
import type { StorageStatus } from '../storage/storage-status.ts';

/** Commit latency buckets in seconds: a quiet SSD flushes in under a millisecond, a busy disk takes tens. */
const COMMIT_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const closeReasonOf = new Map<number, string>(Object.entries(CLOSE_CODES).map(([name, code]) => [code, name]));

export type Counts = { rooms: () => number; clients: () => number };

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly commits: Histogram;
  private readonly refused: Counter;
  private readonly closes: Counter;

  constructor(status: StorageStatus, counts: Counts) {
    const registers = [this.registry];
    this.commits = new Histogram({
      name: 'ledestjerne_commit_duration_seconds',
      help: 'Time from handing a group commit to storage to its durable return (fsync included), by outcome.',
      labelNames: ['outcome'],
      buckets: COMMIT_BUCKETS_S,
      registers,
    });
    this.refused = new Counter({
      name: 'ledestjerne_refused_writes_total',
      help: 'Writes not stored: failed commits, and connections, rooms and seats refused while storage was unavailable.',
      labelNames: ['kind'],
      registers,
    });
    this.closes = new Counter({
      name: 'ledestjerne_socket_closes_total',
      help: 'Closed sync sockets by close reason (normal, or the named close code).',
      labelNames: ['reason'],
      registers,
    });
    new Gauge({
      name: 'ledestjerne_live_documents',
      help: 'Documents held in memory.',
      registers,
      collect() {
        this.set(counts.rooms());
      },
    });
    new Gauge({
      name: 'ledestjerne_clients',
      help: 'Connected sync clients.',
      registers,
      collect() {
        this.set(counts.clients());
      },
    });
    new Gauge({
      name: 'ledestjerne_storage_writable',
      help: '1 when storage accepts writes, 0 when it refuses them (files gone, read-only, full).',
      registers,
      collect() {
        this.set(status.writesRefused ? 0 : 1);
      },
    });
    new Gauge({
      name: 'ledestjerne_last_commit_age_seconds',
      help: 'Seconds since the last successful commit (absent before the first).',
      registers,
      collect() {
        const age = status.lastCommitAgeSeconds();
        if (age !== null) this.set(age);
      },
    });
    new Gauge({
      name: 'ledestjerne_failed_documents',
      help: 'Documents whose last load or write failed.',
      registers,
      collect() {
        this.set(status.failedRooms.size);
      },
    });
  }

  commit(durationMs: number, ok: boolean): void {
    this.commits.observe({ outcome: ok ? 'stored' : 'failed' }, durationMs / 1000);
    if (!ok) this.refused.inc({ kind: 'commit' });
  }

  refusedWrite(kind: 'connection' | 'room' | 'seat'): void {
    this.refused.inc({ kind });
  }

  socketClosed(code: number): void {
    this.closes.inc({ reason: closeReasonOf.get(code) ?? (code === 1000 || code === 1001 ? 'normal' : String(code)) });
  }

  async send(res: http.ServerResponse): Promise<void> {
    const body = await this.registry.metrics();
    res.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  }
}

/** The storage part of /health, and whether the server can take writes. */
export function healthOf(status: StorageStatus, kind: 'sqlite' | 'postgres' | 'memory') {
  const refusal = status.writesRefused;
  return {
    ok: refusal === null,
    storage: {
      kind,
      writable: refusal === null,
      refusal,
      lastCommitAgeSeconds: status.lastCommitAgeSeconds(),
      lock: status.lock,
      failedRooms: [...status.failedRooms.values()],
      recoveredRooms: [...status.recoveredRooms.values()],
      startupProblems: status.startupProblems,
    },
  };
}
