/**
 * Two abuse cases of issue 11, measured against a server child process
 * (`node bench/abuse.ts [presence|slow-reader]`, both by default):
 *
 * - presence: PRESENCE_SOCKETS raw sockets in one room each change their
 *   presence PRESENCE_CHANGES_PER_SEC times a second; meanwhile /health is
 *   timed and an edit in another room is timed from writer to reader.
 * - slow-reader: a board of about SLOW_READER_BOARD_MIB MiB, then one socket
 *   that never reads sends SLOW_READER_REQUESTS sync requests with a made-up
 *   state vector; the server's resident memory and /health are watched.
 *
 * Not a CI gate: figures for docs/security.md and the note.
 */
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { encodeAwarenessMessage, encodeUpdateMessage, MESSAGE_SYNC } from '../src/model/wire.ts';
import { pinSelfToClientCore, startOurs, type RunningServer } from './lib/servers.ts';
import { rssBytes } from './lib/proc.ts';

const PRESENCE_SOCKETS = 150;
const PRESENCE_CHANGES_PER_SEC = 20;
const PRESENCE_RUN_MS = 6000;
const HEALTH_PROBE_INTERVAL_MS = 100;
const EDIT_INTERVAL_MS = 250;
const SLOW_READER_BOARD_MIB = 15;
const SLOW_READER_CHUNK_BYTES = 1_900_000;
const SLOW_READER_REQUESTS = 100;
const SLOW_READER_WATCH_MS = 8000;
const MIB = 1024 * 1024;


// Our own limits must not be what stops these clients: the point is what the server does with them.
Object.assign(process.env, {
  MAX_CLIENTS_PER_ADDRESS_PER_ROOM: '100000',
  MAX_DOC_BYTES: String(64 * MIB),
  SEAT_SHARE_BYTES: String(64 * MIB),
});

type Probe = { stop(): { maxMs: number; p95Ms: number; samples: number; failures: number } };

/** Times GET /health every HEALTH_PROBE_INTERVAL_MS, one at a time. */
function probeHealth(server: RunningServer): Probe {
  const times: number[] = [];
  let running = true;
  let startedAt: number | null = null;
  let failures = 0;
  const loop = async () => {
    while (running) {
      startedAt = performance.now();
      try {
        await fetch(`${server.httpUrl}/health`).then((r) => r.arrayBuffer());
      } catch {
        failures++;
      }
      times.push(performance.now() - startedAt);
      startedAt = null;
      await sleep(HEALTH_PROBE_INTERVAL_MS);
    }
  };
  void loop();
  return {
    stop() {
      running = false;
      // A request still waiting counts with the time it has waited so far.
      if (startedAt !== null) times.push(performance.now() - startedAt);
      return { ...summary(times), failures };
    },
  };
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    maxMs: Math.round(sorted.at(-1) ?? 0),
    p95Ms: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
    samples: sorted.length,
  };
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Built by hand, not with wire.ts: the hostile case sends a made-up state vector. */
function syncStep1(stateVector: Uint8Array): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

async function presenceCase(): Promise<void> {
  const server = await startOurs({ storage: 'memory', idleUnloadMs: 30_000 });
  try {
    const busy = await server.newRoom();
    const quiet = await server.newRoom();
    const sockets: WebSocket[] = [];
    let receivedBytes = 0;
    for (let i = 0; i < PRESENCE_SOCKETS; i++) {
      const ws = await open(`${server.wsUrl}/${busy}`);
      ws.on('message', (data: Buffer) => (receivedBytes += data.byteLength));
      sockets.push(ws);
    }
    const writer = await open(`${server.wsUrl}/${quiet}`);
    const reader = await open(`${server.wsUrl}/${quiet}`);
    const editDelays: number[] = [];
    const sentAt = new Map<string, number>();
    const readerDoc = new Y.Doc();
    readerDoc.getMap('bench').observe((event) => {
      for (const key of event.keysChanged) {
        const at = sentAt.get(key);
        if (at !== undefined) editDelays.push(performance.now() - at);
      }
    });
    reader.on('message', (data: Buffer) => {
      // The quiet room's updates are small: apply sync answers and updates, skip anything else.
      if (data[0] !== MESSAGE_SYNC || data[1] === syncProtocol.messageYjsSyncStep1) return;
      const bytes = new Uint8Array(data);
      try {
        const payload = readVarBytes(bytes, 2);
        Y.applyUpdate(readerDoc, payload);
      } catch {
        // Not an update: ignore.
      }
    });
    const writerDoc = new Y.Doc();
    writerDoc.on('update', (u: Uint8Array) => writer.send(encodeUpdateMessage(u)));

    const health = probeHealth(server);
    const awarenesses = sockets.map(() => new awarenessProtocol.Awareness(new Y.Doc()));
    const tick = 1000 / PRESENCE_CHANGES_PER_SEC;
    let n = 0;
    const timers = sockets.map((ws, i) =>
      setInterval(() => {
        const awareness = awarenesses[i]!;
        awareness.setLocalState({ user: { id: `p${i}`, name: `person ${i} ${n++ % 7}`, role: 'participant' } });
        const message = encodeAwarenessMessage(awareness, [awareness.clientID]);
        if (ws.readyState === ws.OPEN) ws.send(message);
      }, tick),
    );
    let edit = 0;
    const editTimer = setInterval(() => {
      const key = `k${edit++}`;
      sentAt.set(key, performance.now());
      writerDoc.getMap('bench').set(key, edit);
    }, EDIT_INTERVAL_MS);
    const cpuBefore = process.cpuUsage();
    await sleep(PRESENCE_RUN_MS);
    for (const t of timers) clearInterval(t);
    clearInterval(editTimer);
    const healthSummary = health.stop();
    await sleep(1000);
    // An edit that never arrived counts with the time it has waited.
    const received = editDelays.length;
    for (let i = received; i < edit; i++) editDelays.push(performance.now() - sentAt.get(`k${i}`)!);
    const closedEarly = sockets.filter((s) => s.readyState !== s.OPEN).length;
    console.log(
      JSON.stringify({
        case: 'presence',
        sockets: PRESENCE_SOCKETS,
        changesPerSecPerSocket: PRESENCE_CHANGES_PER_SEC,
        runMs: PRESENCE_RUN_MS,
        health: healthSummary,
        editDelay: { ...summary(editDelays), edits: edit, arrived: received },
        receivedMiB: +(receivedBytes / MIB).toFixed(1),
        socketsClosedByServer: closedEarly,
        benchCpuMs: Math.round(process.cpuUsage(cpuBefore).user / 1000),
      }),
    );
    for (const s of [...sockets, writer, reader]) s.terminate();
  } finally {
    await server.stop();
  }
}

async function slowReaderCase(): Promise<void> {
  const server = await startOurs({ storage: 'memory', idleUnloadMs: 30_000 });
  try {
    const room = await server.newRoom();
    const filler = await open(`${server.wsUrl}/${room}`);
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => filler.send(encodeUpdateMessage(u)));
    const chunks = Math.ceil((SLOW_READER_BOARD_MIB * MIB) / SLOW_READER_CHUNK_BYTES);
    for (let i = 0; i < chunks; i++) {
      doc.getMap('bench').set(`chunk${i}`, 'x'.repeat(SLOW_READER_CHUNK_BYTES));
      await sleep(200);
    }
    // The board is stored once a fresh client's full answer carries all of it.
    const check = await open(`${server.wsUrl}/${room}`);
    const full = await new Promise<number>((resolve) => {
      check.on('message', (data: Buffer) => {
        if (data[0] === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsSyncStep2) resolve(data.byteLength);
      });
      check.send(syncStep1(Y.encodeStateVector(new Y.Doc())));
    });
    check.terminate();
    const rssBefore = rssBytes(server.pid);
    const health = probeHealth(server);
    const hostile = await open(`${server.wsUrl}/${room}`);
    const closed = new Promise<number>((resolve) => hostile.on('close', (code) => resolve(code)));
    // Never read: the server's answers can only pile up in its own buffers.
    (hostile as unknown as { _socket: { pause(): void } })._socket.pause();
    const madeUp = encoding.encode((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 424242);
      encoding.writeVarUint(e, 7);
    });
    for (let i = 0; i < SLOW_READER_REQUESTS; i++) hostile.send(syncStep1(madeUp));
    let rssMax = rssBefore;
    const watchUntil = performance.now() + SLOW_READER_WATCH_MS;
    while (performance.now() < watchUntil) {
      rssMax = Math.max(rssMax, rssBytes(server.pid));
      await sleep(100);
    }
    const closeCode = await Promise.race([closed, sleep(100).then(() => null)]);
    console.log(
      JSON.stringify({
        case: 'slow-reader',
        boardMiB: +(full / MIB).toFixed(1),
        requests: SLOW_READER_REQUESTS,
        rssBeforeMiB: Math.round(rssBefore / MIB),
        rssMaxMiB: Math.round(rssMax / MIB),
        health: health.stop(),
        hostileClosedWith: closeCode,
      }),
    );
    hostile.terminate();
    filler.terminate();
  } finally {
    await server.stop();
  }
}

function readVarBytes(bytes: Uint8Array, offset: number): Uint8Array {
  let length = 0;
  let shift = 0;
  let pos = offset;
  for (;;) {
    const b = bytes[pos++]!;
    length += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) break;
  }
  return bytes.subarray(pos, pos + length);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

pinSelfToClientCore();
const which = process.argv[2];
if (!which || which === 'presence') await presenceCase();
if (!which || which === 'slow-reader') await slowReaderCase();
