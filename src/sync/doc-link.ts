/**
 * One document of a room and the y-websocket provider that keeps it in sync
 * with the server. RoomConnection holds one link per document and replaces a
 * link whole (a fresh Y.Doc and a fresh provider) when the server refused an
 * update to it or the seat changed.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import { isPermanentCloseCode, type RefusalReason } from '../model/protocol.ts';
import type { DocKind } from '../model/roles.ts';
import { encodeAwarenessMessage, MESSAGE_AUTH, readAuthPayload } from '../model/wire.ts';

/** Backoff: the first retry comes quickly, later ones spread out, never more than a few seconds apart. */
const BASE_BACKOFF_MS = 250;
export const MAX_BACKOFF_MS = 5000;

/**
 * Exponential backoff with full jitter: when a server restarts, a room of
 * clients that lost it at the same instant do not all come back at the same instant.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** A connection that stayed up this long was a real recovery: the next failure starts the backoff over. */
export const STABLE_CONNECTION_MS = 10_000;

/**
 * Counts failed attempts across connections. y-websocket counts only attempts
 * that never opened and starts again at zero on every open, so a server that
 * accepts, syncs and then closes (4500 while its storage fails) was retried
 * every quarter second by every client. Here an attempt counts as failed
 * unless it stayed up STABLE_CONNECTION_MS; times are monotonic.
 */
export class ReconnectBackoff {
  private attempts = 0;
  private upSince: number | null = null;
  private readonly now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.now = now;
  }

  connected(): void {
    this.upSince = this.now();
  }

  /** The delay before the next attempt, after the connection closed (or never opened). */
  closed(random: () => number = Math.random): number {
    const upFor = this.upSince === null ? 0 : this.now() - this.upSince;
    this.upSince = null;
    if (upFor >= STABLE_CONNECTION_MS) this.attempts = 0;
    return reconnectDelayMs(this.attempts++, random);
  }
}

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };

/**
 * y-websocket sends every awareness change it sees, other people's included,
 * back to the server: with n people that is n² messages per change. We send
 * only our own state; the server relays it to everyone.
 */
function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const { awareness, doc } = provider;
  awareness.off('update', provider._awarenessUpdateHandler);
  provider._awarenessUpdateHandler = ({ added, updated, removed }: AwarenessChanges) => {
    if (![...added, ...updated, ...removed].includes(doc.clientID) || !provider.wsconnected || !provider.ws) return;
    provider.ws.send(encodeAwarenessMessage(awareness, [doc.clientID]));
  };
  awareness.on('update', provider._awarenessUpdateHandler);
}

export type DocLinkOptions = {
  serverUrl: string;
  /** The provider's room name: `<room>`, `<room>/control` or `<room>/seat`. */
  name: string;
  kind: DocKind;
  params: Record<string, string>;
  webSocketImpl?: typeof WebSocket | undefined;
  /** False for a placeholder that holds an empty document until the seat is known. */
  connect: boolean;
  /** A server close that is not permanent: the owner reconnects the provider after `delayMs`. */
  onTransientClose: (provider: WebsocketProvider, delayMs: number) => void;
  onPermanentClose: (event: CloseEvent) => void;
  onRefused: (kind: DocKind, reason: RefusalReason) => void;
  onChange: () => void;
};

export type DocLink = { kind: DocKind; doc: Y.Doc; provider: WebsocketProvider };

export function openDocLink(options: DocLinkOptions): DocLink {
  const doc = new Y.Doc();
  const backoff = new ReconnectBackoff();
  const provider = new WebsocketProvider(options.serverUrl, options.name, doc, {
    params: options.params,
    connect: options.connect,
    // Every tab talks to the server only: it is the one place where roles are enforced.
    disableBc: true,
    ...(options.webSocketImpl ? { WebSocketPolyfill: options.webSocketImpl } : {}),
    maxBackoffTime: MAX_BACKOFF_MS,
    // We take over reconnecting after a server close so we can add jitter; permanent refusals stay closed.
    shouldReconnect: (event: CloseEvent, p: WebsocketProvider) => {
      if (!isPermanentCloseCode(event.code)) options.onTransientClose(p, backoff.closed());
      return false;
    },
  });
  sendOwnPresenceOnly(provider);
  // y-websocket only logs "permission denied"; the server uses it to say an update was refused and why.
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    const refusal = readAuthPayload(decoder);
    if (refusal) options.onRefused(options.kind, refusal);
  };
  provider.on('status', (event: { status: string }) => {
    if (event.status === 'connected') backoff.connected();
    options.onChange();
  });
  provider.on('sync', options.onChange);
  provider.on('connection-close', (event) => {
    if (event && isPermanentCloseCode(event.code)) options.onPermanentClose(event);
    options.onChange();
  });
  return { kind: options.kind, doc, provider };
}

export function closeDocLink(link: DocLink): void {
  link.provider.destroy();
  link.doc.destroy();
}
