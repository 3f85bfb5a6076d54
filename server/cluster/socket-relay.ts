/**
 * Relays one client's WebSocket to the server that owns its room. The
 * connection to the owner is opened first, with the client still waiting for
 * its handshake: only when the owner accepts is the client's upgrade
 * completed, so a client never talks to a relay that leads nowhere, and an
 * unreachable owner leaves the socket free to be served some other way.
 *
 * Frames go both ways as they are, unparsed: the owner runs the protocol, the
 * rules and the limits. Close codes and reasons pass through both ways; an
 * owner that vanishes without a close frame (killed) becomes `serverRestarting`
 * for the client, which reconnects with its usual backoff. Pings from the
 * owner reach the client and its pongs go back, so the owner's liveness check
 * sees the real client. Backpressure: a side whose outgoing buffer is high
 * stops the other side's reader until it has drained.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { type RawData, type WebSocketServer } from 'ws';
import { CLOSE_CODES, CLOSE_REASONS } from '../../src/model/protocol.ts';

/** Unsent bytes on one side above which the other side's reader is paused. */
export const RELAY_HIGH_WATER_BYTES = 1024 * 1024;
/** Unsent bytes below which a paused reader resumes. */
const RELAY_LOW_WATER_BYTES = 256 * 1024;
/** How often a paused reader looks whether the other side has drained (ws has no drain event). */
const DRAIN_POLL_MS = 20;
/** What the owner's side becomes when the client leaves without a close code that can be sent on. */
const CLIENT_GONE = 1001;

export type RelayRequest = {
  request: http.IncomingMessage;
  socket: Duplex;
  head: Buffer;
  /** ws:// URL of the same path and query on the owner. */
  upstreamUrl: string;
  headers: Record<string, string>;
  wss: WebSocketServer;
  handshakeTimeoutMs: number;
  maxPayload: number;
  /** The owner could not be reached (refused, timed out, answered without upgrading); the socket is untouched. */
  onUnreachable: (why: string) => void;
  onOpen: (relay: Relay) => void;
};

export type Relay = {
  /** Closes both sides (this server shuts down): the client is told to reconnect. */
  close(): void;
  readonly closed: Promise<void>;
  /** Bytes waiting to be sent to the client and to the owner (tests, backpressure). */
  buffered(): { toClient: number; toOwner: number };
};

export function openRelay(r: RelayRequest): void {
  const upstream = new WebSocket(r.upstreamUrl, {
    headers: r.headers,
    handshakeTimeout: r.handshakeTimeoutMs,
    perMessageDeflate: false,
    maxPayload: r.maxPayload,
    autoPong: false,
  });
  let settled = false;
  // The client gave up while the owner was being reached.
  const clientGone = () => {
    if (settled) return;
    settled = true;
    upstream.terminate();
  };
  r.socket.once('close', clientGone);
  const unreachable = (why: string) => {
    if (settled) return;
    settled = true;
    r.socket.off('close', clientGone);
    upstream.terminate();
    r.onUnreachable(why);
  };
  upstream.on('error', (error) => unreachable(error.message));
  upstream.once('unexpected-response', (_req, res) => {
    res.resume();
    unreachable(`answered HTTP ${res.statusCode ?? '?'}`);
  });
  upstream.once('open', () => {
    if (settled) return;
    settled = true;
    r.socket.off('close', clientGone);
    if (r.socket.destroyed) {
      upstream.close(CLIENT_GONE);
      return;
    }
    // Whatever the owner sends before the client's handshake is done (its first sync step) waits here.
    const early: [RawData, boolean][] = [];
    const hold = (data: RawData, isBinary: boolean) => early.push([data, isBinary]);
    upstream.on('message', hold);
    let piped = false;
    r.wss.handleUpgrade(r.request, r.socket, r.head, (client) => {
      piped = true;
      upstream.off('message', hold);
      const relay = pipe(client, upstream);
      for (const [data, isBinary] of early) client.send(data, { binary: isBinary });
      r.onOpen(relay);
    });
    // The client's own handshake was malformed or its socket gone (ws answers or drops it, synchronously,
    // without calling back): the owner's side must not stay open for nobody.
    if (!piped) upstream.close(CLIENT_GONE);
  });
}

function pipe(client: WebSocket, upstream: WebSocket): Relay {
  client.binaryType = 'nodebuffer';
  client.on('error', () => {});
  // After an error a close event follows; it is handled below.
  upstream.on('error', () => {});
  forward(client, upstream);
  forward(upstream, client);
  upstream.on('ping', (data) => client.readyState === WebSocket.OPEN && client.ping(data));
  client.on('pong', (data) => upstream.readyState === WebSocket.OPEN && upstream.pong(data));
  const closed = new Promise<void>((resolve) => {
    let open = 2;
    const done = () => --open === 0 && resolve();
    client.once('close', done);
    upstream.once('close', done);
  });
  upstream.on('close', (code, reason) => {
    if (sendable(code)) end(client, code, reason);
    else end(client, CLOSE_CODES.serverRestarting, CLOSE_REASONS.serverRestarting);
  });
  client.on('close', (code, reason) => end(upstream, sendable(code) ? code : CLIENT_GONE, reason));
  return {
    close() {
      end(client, CLOSE_CODES.serverRestarting, CLOSE_REASONS.serverRestarting);
      end(upstream, CLIENT_GONE, '');
    },
    closed,
    buffered: () => ({ toClient: client.bufferedAmount, toOwner: upstream.bufferedAmount }),
  };
}

/** Sends what `from` receives on to `to`, and stops reading `from` while `to` has too much unsent. */
function forward(from: WebSocket, to: WebSocket): void {
  let waiting: NodeJS.Timeout | null = null;
  from.on('message', (data: RawData, isBinary: boolean) => {
    if (to.readyState !== WebSocket.OPEN) return;
    to.send(data, { binary: isBinary });
    if (waiting || to.bufferedAmount <= RELAY_HIGH_WATER_BYTES) return;
    from.pause();
    waiting = setInterval(() => {
      if (to.readyState === WebSocket.OPEN && to.bufferedAmount > RELAY_LOW_WATER_BYTES) return;
      clearInterval(waiting!);
      waiting = null;
      from.resume();
    }, DRAIN_POLL_MS);
  });
  from.once('close', () => {
    if (waiting) clearInterval(waiting);
  });
}

/** Close codes that may appear in a close frame (1005 and 1006 only describe what happened locally). */
function sendable(code: number): boolean {
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999)
  );
}

function end(ws: WebSocket, code: number, reason: Buffer | string): void {
  if (ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CLOSED) return;
  if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
  else ws.close(code, reason);
}
