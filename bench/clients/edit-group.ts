/**
 * One client thread's share of a group of editing clients: connecting them,
 * firing their edits on a schedule shared with the other threads, and waiting
 * until its receivers have what the senders of all threads sent.
 *
 * The clients of one run are numbered across all threads (room by room); a
 * thread holds the numbers with `number % threads === thread`. Every client
 * edits once a period, client g at `startAt + (k × total + g) × period / total`
 * in its k-th round, so the edits of all threads interleave evenly, as they
 * did when one thread held every client.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { makeEdit, now, observeEdits, scanEdits, scanMarkers, SenderKeys, type EditKind } from './edits.ts';
import { DeliveryLedger, type LedgerExport, type SentEdit } from './ledger.ts';
import { ProtoClient } from './proto-client.ts';
import { ProviderClient } from './provider-client.ts';
import { RawWireClient } from './raw-wire-client.ts';

/**
 * light: ProtoClient applying every update; provider: WebsocketProvider with presence; wire: ProtoClient
 * that only reads the markers; raw: RawWireClient, which reads the markers straight off its TCP socket.
 */
export type ClientKind = 'light' | 'provider' | 'wire' | 'raw';
export type Client = ProtoClient | ProviderClient | RawWireClient;
/** `authorId`: the seat the client writes as (its key on the reference server, which has no seats). */
export type Member = { client: Client; key: string; room: number; slot: number; authorId: string; seq: number };
export type Group = { members: Member[]; ledger: DeliveryLedger };

export type ConnectArgs = {
  serverUrl: string;
  rooms: string[];
  /** Sync params per room and client: the seat each client writes as (empty on the reference). */
  seats: Record<string, string>[][];
  perRoom: number;
  kind: ClientKind;
  batch?: number;
  /** This thread's share; `tag` makes the client keys unique across threads. Default: one thread holds all. */
  spread?: { thread: number; threads: number; tag: string };
};

const CONNECT_BATCH = 50;
let nextTag = 1;

export async function connectGroup(args: ConnectArgs): Promise<Group> {
  const { thread, threads, tag } = args.spread ?? { thread: 0, threads: 1, tag: `g${nextTag++}` };
  const group: Group = { members: [], ledger: new DeliveryLedger() };
  const batch = args.batch ?? CONNECT_BATCH;
  const senderKeys = new SenderKeys();
  const mine: { room: number; index: number }[] = [];
  for (let room = 0; room < args.rooms.length; room++) {
    for (let index = 0; index < args.perRoom; index++) {
      if ((room * args.perRoom + index) % threads === thread) mine.push({ room, index });
    }
  }
  for (let i = 0; i < mine.length; i += batch) {
    const created = mine.slice(i, i + batch).map(({ room, index }): Member => {
      const key = `${tag}r${room}i${index}`;
      const url = args.rooms[room]!;
      const params = args.seats[room]?.[index] ?? {};
      const seen = (sender: string, seq: number) => group.ledger.applied(key, sender, seq, now());
      let client: Client;
      if (args.kind === 'provider') client = new ProviderClient(args.serverUrl, url, key, params);
      else if (args.kind === 'wire') {
        client = new ProtoClient(args.serverUrl, url, {
          params,
          applyRemote: false,
          onUpdate: (update) => scanEdits(update, seen),
        });
      } else if (args.kind === 'raw') {
        // Timed when the read that carried the update was handled: one clock reading per read, not per marker.
        let readAt = 0;
        const seenAtRead = (bytes: Buffer, start: number, end: number, seq: number) =>
          group.ledger.applied(key, senderKeys.keyOf(bytes, start, end), seq, readAt);
        client = new RawWireClient(args.serverUrl, url, {
          params,
          onUpdate: (update, receivedAt) => {
            readAt = receivedAt;
            scanMarkers(update, seenAtRead);
          },
        });
      } else client = new ProtoClient(args.serverUrl, url, { params });
      if (args.kind === 'light' || args.kind === 'provider') observeEdits(client.board, seen);
      return { client, key, room, slot: room * args.perRoom + index, authorId: params.seat ?? key, seq: 0 };
    });
    await Promise.all(created.map((m) => m.client.synced));
    group.members.push(...created);
  }
  return group;
}

export type RunArgs = {
  group: number;
  kinds: EditKind[];
  periodMs: number;
  /** When the first edit of all threads is due (now() clock). */
  startAt: number;
  warmupMs: number;
  durationMs: number;
  /** Clients in all threads together. */
  total: number;
};

export type RunResult = {
  /** The edits sent while recording. */
  sent: SentEdit[];
  /** Every member's last sequence number: [room, key, seq]. */
  lastSeq: [number, string, number][];
  /** Each member's first recorded sequence number. */
  firstSeq: Record<string, number>;
  /** Busy share of this thread's event loop while recording (1: the thread's core was the bottleneck). */
  busy: number;
  /**
   * Share of one core this thread's CPU time came to while recording. Unlike
   * `busy` it leaves out the time the thread waited for a core held by other
   * work, so on a shared machine it says what the clients themselves cost.
   */
  cpu: number;
  /** Longest event-loop stall of this thread while recording (GC, or the core taken by something else). */
  maxStallMs: number;
  /** Update messages this thread's clients received while recording (NaN for providers). */
  messages: number;
  members: number;
};

const SCHEDULER_SLACK_MS = 1;

/** CPU time (µs, as threadCpuUsage gives it) over a wall time in ms, as a share of one core. */
const cpuShare = ({ user, system }: NodeJS.CpuUsage, wallMs: number) =>
  wallMs > 0 ? (user + system) / 1000 / wallMs : 0;

export async function runGroup(group: Group, args: RunArgs): Promise<RunResult> {
  const { members } = group;
  group.ledger.reset();
  const interval = args.periodMs / args.total;
  const recordFrom = args.startAt + args.warmupMs;
  const stopAt = recordFrom + args.durationMs;
  const sent: SentEdit[] = [];
  const firstSeq: Record<string, number> = {};
  const dueAt = (fired: number) => {
    const round = Math.floor(fired / members.length);
    return args.startAt + (round * args.total + members[fired % members.length]!.slot) * interval;
  };
  let fired = 0;
  let recording = false;
  let elu0 = performance.eventLoopUtilization();
  let cpu0 = process.threadCpuUsage();
  let recordingSince = 0;
  let received0 = 0;
  const receivedNow = () => members.reduce((sum, m) => sum + m.client.updatesReceived, 0);
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  await new Promise<void>((resolve) => {
    const tick = () => {
      let t = now();
      while (members.length > 0 && t >= dueAt(fired) && t < stopAt) {
        if (!recording && t >= recordFrom) {
          recording = true;
          elu0 = performance.eventLoopUtilization();
          cpu0 = process.threadCpuUsage();
          recordingSince = t;
          received0 = receivedNow();
          stalls.enable();
        }
        const member = members[fired % members.length]!;
        const seq = ++member.seq;
        if (recording) {
          sent.push([member.room, member.key, seq, t]);
          firstSeq[member.key] ??= seq;
        }
        const kind = args.kinds[seq % args.kinds.length]!;
        member.client.write(() => makeEdit(member.client.board, kind, member.key, member.authorId, seq, t));
        fired++;
        t = now();
      }
      if (t >= stopAt) return resolve();
      const next = members.length > 0 ? dueAt(fired) : stopAt;
      setTimeout(tick, Math.max(0, next - t - SCHEDULER_SLACK_MS));
    };
    setTimeout(tick, Math.max(0, args.startAt - now()));
  });
  stalls.disable();
  return {
    sent,
    lastSeq: members.map((m) => [m.room, m.key, m.seq]),
    firstSeq,
    busy: performance.eventLoopUtilization(elu0).utilization,
    cpu: cpuShare(process.threadCpuUsage(cpu0), recordingSince ? now() - recordingSince : 0),
    maxStallMs: stalls.max / 1e6,
    messages: receivedNow() - received0,
    members: members.length,
  };
}

export type SettleArgs = {
  group: number;
  /** Every sender's last sequence number, from all threads: [room, key, seq]. */
  lastSeq: [number, string, number][];
  firstSeq: Record<string, number>;
  /** Give up waiting at this time (now() clock). */
  until: number;
};

const SETTLE_POLL_MS = 10;

/** Waits until this thread's receivers have every sender's last edit (or `until`), then hands over its ledger. */
export async function settleGroup(group: Group, args: SettleArgs): Promise<{ ledger: LedgerExport; end: number }> {
  const senders = new Map<number, [string, number][]>();
  for (const [room, key, seq] of args.lastSeq) {
    const list = senders.get(room) ?? [];
    list.push([key, seq]);
    senders.set(room, list);
  }
  const missing = () =>
    group.members.some((m) =>
      (senders.get(m.room) ?? []).some(([key, seq]) => key !== m.key && group.ledger.seen(m.key, key) < seq),
    );
  while (now() < args.until && missing()) await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  return { ledger: group.ledger.export(args.firstSeq), end: now() };
}
