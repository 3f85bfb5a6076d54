/**
 * One room as seen from a browser: the board and control documents, each kept
 * in sync by a y-websocket provider, and presence through the board's awareness.
 * The only module that imports y-websocket.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import { Board } from '../model/board.ts';
import { Control } from '../model/control.ts';
import type { RoomId } from '../model/ids.ts';
import { CLOSE_CODES, isPermanentCloseCode, SYNC_PATH_PREFIX, type SeatGrant } from '../model/protocol.ts';
import type { Role } from '../model/roles.ts';
import type { PresenceValue } from '../model/schema.ts';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

export type RoomConnectionOptions = {
  room: RoomId;
  role: Role;
  /** Required for the facilitator; sent only as a query parameter of the WebSocket. */
  facilitatorKey?: string;
  presence: PresenceValue;
  /** The invite token of the link, once the facilitator has replaced the participant link. */
  invite?: string;
  /** Defaults to the page's own origin. */
  serverUrl?: string;
  /** The seat this device holds in the room: opens the seat's private document (`seatDoc`). */
  seat?: SeatGrant;
  /** The server does not know the seat (4407): the device should forget it and ask for a new one. */
  onSeatRefused?: () => void;
  /** Another WebSocket implementation (Node tools and tests); defaults to the browser's. */
  webSocketImpl?: typeof WebSocket;
};

/** Backoff: the first retry comes quickly, later ones spread out, never more than a few seconds apart. */
const BASE_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5000;

/**
 * Exponential backoff with full jitter: when a server restarts, a room of
 * clients that lost it at the same instant do not all come back at the same instant.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling * (0.5 + random() / 2));
}

export function defaultServerUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${SYNC_PATH_PREFIX}`;
}

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
    const message = encoding.encode((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [doc.clientID]));
    });
    provider.ws.send(message);
  };
  awareness.on('update', provider._awarenessUpdateHandler);
}
type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };
const MESSAGE_AWARENESS = 1;

export class RoomConnection {
  readonly boardDoc = new Y.Doc();
  readonly controlDoc = new Y.Doc();
  readonly board = new Board(this.boardDoc);
  readonly control = new Control(this.controlDoc);
  readonly awareness: Awareness;
  /**
   * The seat's private document (ballots until the reveal), synced with this
   * seat only; null without a seat. (Seat plumbing block, to be reconciled.)
   */
  readonly seatDoc: Y.Doc | null;
  private readonly seatProvider: WebsocketProvider | null;
  /** The server refused the seat: the seat document will not sync. */
  seatRefused = false;
  /** The close reason when the server refused us for good (unknown room, wrong key). */
  refusal: { code: number; reason: string } | null = null;

  private readonly boardProvider: WebsocketProvider;
  private readonly controlProvider: WebsocketProvider;
  private readonly listeners = new Set<() => void>();
  readonly options: RoomConnectionOptions;

  constructor(options: RoomConnectionOptions) {
    this.options = options;
    const serverUrl = options.serverUrl ?? defaultServerUrl();
    const params: Record<string, string> = {};
    if (options.role === 'facilitator' && options.facilitatorKey) params.key = options.facilitatorKey;
    if (options.role === 'projector') params.role = 'projector';
    if (options.role !== 'facilitator' && options.invite) params.invite = options.invite;
    const common = {
      params,
      // Every tab talks to the server only: it is the one place where roles are enforced.
      disableBc: true,
      ...(options.webSocketImpl ? { WebSocketPolyfill: options.webSocketImpl } : {}),
      maxBackoffTime: MAX_BACKOFF_MS,
      // We take over reconnecting after a server close so we can add jitter; permanent refusals stay closed.
      shouldReconnect: (event: CloseEvent, provider: WebsocketProvider) => {
        if (!isPermanentCloseCode(event.code)) this.reconnectLater(provider);
        return false;
      },
    };
    this.boardProvider = new WebsocketProvider(serverUrl, options.room, this.boardDoc, common);
    this.controlProvider = new WebsocketProvider(serverUrl, `${options.room}/control`, this.controlDoc, common);
    this.awareness = this.boardProvider.awareness;
    // Seat plumbing: a third provider for the seat's own document, with the seat's credentials.
    this.seatDoc = options.seat ? new Y.Doc() : null;
    this.seatProvider =
      options.seat && this.seatDoc
        ? new WebsocketProvider(serverUrl, `${options.room}/seat`, this.seatDoc, {
            ...common,
            params: { ...params, seat: options.seat.seat, secret: options.seat.secret },
          })
        : null;
    // Nobody else reads a seat document: it needs no presence.
    this.seatProvider?.awareness.setLocalState(null);
    this.seatProvider?.on('connection-close', (event) => {
      if (!event || event.code !== CLOSE_CODES.unknownSeat) return;
      // The room still works without the seat; what needs it (a ballot) says so, and a reload asks anew.
      this.seatRefused = true;
      this.seatProvider?.destroy();
      options.onSeatRefused?.();
      this.notify();
    });
    for (const provider of [this.boardProvider, this.controlProvider]) sendOwnPresenceOnly(provider);
    this.awareness.setLocalStateField('user', options.presence);
    for (const provider of [this.boardProvider, this.controlProvider]) {
      provider.on('status', this.notify);
      provider.on('sync', this.notify);
      provider.on('connection-close', (event) => {
        if (event && isPermanentCloseCode(event.code)) {
          this.refusal = { code: event.code, reason: event.reason };
          this.destroyProviders();
        }
        this.notify();
      });
    }
  }

  get status(): ConnectionStatus {
    if (this.refusal) return 'refused';
    const providers = [this.boardProvider, this.controlProvider];
    if (providers.every((p) => p.wsconnected && p.synced)) return 'online';
    if (providers.some((p) => p.wsconnected || p.wsconnecting) && !this.everSynced) return 'connecting';
    return 'offline';
  }

  /** True once both documents have synced at least once. */
  get everSynced(): boolean {
    return this.syncedOnce;
  }
  private syncedOnce = false;

  updatePresence(presence: PresenceValue): void {
    this.awareness.setLocalStateField('user', presence);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.listeners.clear();
    this.destroyProviders();
    this.boardDoc.destroy();
    this.controlDoc.destroy();
    this.seatDoc?.destroy();
  }

  private readonly reconnectTimers = new Set<ReturnType<typeof setTimeout>>();

  private reconnectLater(provider: WebsocketProvider): void {
    const timer = setTimeout(() => {
      this.reconnectTimers.delete(timer);
      if (!this.refusal) provider.connect();
    }, reconnectDelayMs(provider.wsUnsuccessfulReconnects));
    this.reconnectTimers.add(timer);
  }

  private destroyProviders(): void {
    for (const timer of this.reconnectTimers) clearTimeout(timer);
    this.reconnectTimers.clear();
    this.boardProvider.destroy();
    this.controlProvider.destroy();
    this.seatProvider?.destroy();
  }

  private readonly notify = () => {
    if (this.boardProvider.synced && this.controlProvider.synced) this.syncedOnce = true;
    for (const listener of this.listeners) listener();
  };
}
