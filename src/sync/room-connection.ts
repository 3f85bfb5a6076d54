/**
 * One room as seen from a browser: the board and control documents and, for a
 * page that writes, its seat's private document, each kept in sync by a
 * y-websocket provider (doc-link.ts); presence through the board's awareness.
 * The only module (with doc-link.ts) that imports y-websocket.
 *
 * The documents are not fixed for the life of the connection: after the server
 * refused an update, or the seat changed, a document is replaced by a fresh
 * one synced from the server. `version` counts replacements; hooks re-read
 * `board`, `control`, `seatDoc` and `awareness` when it changes.
 */
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { Board } from '../model/board.ts';
import { Control } from '../model/control.ts';
import type { ParticipantId, RoomId } from '../model/ids.ts';
import { CLOSE_CODES, SYNC_PARAMS, SYNC_PATH_PREFIX, type RefusalReason, type SeatGrant } from '../model/protocol.ts';
import type { DocKind, Role } from '../model/roles.ts';
import type { PresenceValue } from '../model/schema.ts';
import { closeDocLink, openDocLink, type DocLink } from './doc-link.ts';
import { SeatRequestError, type SeatSource } from './seats.ts';

export { reconnectDelayMs } from './doc-link.ts';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

export type RoomConnectionOptions = {
  room: RoomId;
  role: Role;
  /** Required for the facilitator; sent only as a query parameter of the WebSocket. */
  facilitatorKey?: string;
  /** Our presence; once we hold a seat, its id is the seat's. */
  presence: PresenceValue;
  /** The invite token of the link, once the facilitator has replaced the participant link. */
  invite?: string;
  /** Where this page's seat comes from; without one (the projector) the connection writes as nobody. */
  seats?: SeatSource;
  /** Defaults to the page's own origin. */
  serverUrl?: string;
  /** Another WebSocket implementation (Node tools and tests); defaults to the browser's. */
  webSocketImpl?: typeof WebSocket;
};

/** A refused update, for the notice that says why. */
export type RefusedUpdate = { doc: DocKind; reason: RefusalReason; at: number };

/** How long to wait before asking again for a seat the server could not give (network, rate limit). */
const SEAT_RETRY_MS = 2000;
/** "Unknown seat" right after a fresh seat means something else is wrong: stop rather than loop. */
const MAX_SEAT_RENEWALS_WITHOUT_SYNC = 3;

export function defaultServerUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${SYNC_PATH_PREFIX}`;
}

export class RoomConnection {
  readonly options: RoomConnectionOptions;
  /** The close reason when the server refused us for good (unknown room, wrong key). */
  refusal: { code: number; reason: string } | null = null;
  /** The last update the server refused, with its reason. */
  lastRefused: RefusedUpdate | null = null;
  /** When the server last said our seat is unknown (it was moved to another device) and we took a new one. */
  seatLostAt: number | null = null;
  /** Counts document replacements; a new value means new `board`/`control`/`seatDoc`/`awareness`. */
  version = 0;
  seat: SeatGrant | null = null;

  private links: Partial<Record<DocKind, DocLink>> = {};
  private lastAwareness: Awareness | null = null;
  private wrappers: { board: Board; control: Control } | null = null;
  private presence: PresenceValue;
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly serverUrl: string;
  private renewals = 0;
  private destroyed = false;

  constructor(options: RoomConnectionOptions) {
    this.options = options;
    this.presence = options.presence;
    this.serverUrl = options.serverUrl ?? defaultServerUrl();
    const stored = options.role === 'projector' ? null : (options.seats?.current() ?? null);
    if (options.role === 'projector' || !options.seats || stored) this.openAll(stored);
    else this.renewSeat();
    // Until a seat arrives there are no providers; empty documents keep every reader working.
    if (!this.wrappers) this.openAll(null, false);
  }

  get board(): Board {
    return (this.wrappers as { board: Board }).board;
  }
  get control(): Control {
    return (this.wrappers as { control: Control }).control;
  }
  get boardDoc(): Y.Doc {
    return this.board.doc;
  }
  get controlDoc(): Y.Doc {
    return this.control.doc;
  }
  /** The seat's private document; null for the projector and until a seat is held. */
  get seatDoc(): Y.Doc | null {
    return this.links.seat?.doc ?? null;
  }
  get awareness(): Awareness {
    const board = this.links.board;
    if (board) this.lastAwareness = board.provider.awareness;
    // After a refusal closed the links (a deleted room: 4404), views still render once more with
    // the presence they last had; the board's link is gone then, its awareness is not.
    return this.lastAwareness as Awareness;
  }
  /** Who this page writes as: the seat's id, once it has one. */
  get seatId(): ParticipantId | null {
    return (this.seat?.seat as ParticipantId | undefined) ?? null;
  }

  get status(): ConnectionStatus {
    if (this.refusal) return 'refused';
    const providers = this.providers();
    const needed = this.options.role === 'projector' || !this.options.seats ? 2 : 3;
    if (providers.length === needed && providers.every((p) => p.wsconnected && p.synced)) return 'online';
    if (!this.everSynced) return 'connecting';
    return 'offline';
  }

  /** True once the documents have synced at least once. */
  get everSynced(): boolean {
    return this.syncedOnce;
  }
  private syncedOnce = false;

  updatePresence(presence: PresenceValue): void {
    this.presence = presence;
    this.awareness.setLocalStateField('user', this.stampedPresence());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Switches to a seat obtained elsewhere (a code from the facilitator): every document starts afresh. */
  adoptSeat(grant: SeatGrant): void {
    this.options.seats?.adopt(grant);
    this.closeAll();
    this.openAll(grant);
    this.notify();
  }

  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
    this.closeAll();
  }

  private providers(): WebsocketProvider[] {
    return Object.values(this.links).map((link) => link.provider);
  }

  private stampedPresence(): PresenceValue {
    return this.seat ? { ...this.presence, id: this.seat.seat } : this.presence;
  }

  /** Opens every document this page reaches with `seat` (the seat document only with one). */
  private openAll(seat: SeatGrant | null, connect = true): void {
    this.seat = seat;
    const kinds: DocKind[] = seat ? ['board', 'control', 'seat'] : ['board', 'control'];
    for (const kind of kinds) this.links[kind] = this.openLink(kind, connect);
    this.rewrap();
  }

  private openLink(kind: DocKind, connect = true): DocLink {
    const { room, role, facilitatorKey, invite } = this.options;
    const params: Record<string, string> = {};
    if (role === 'facilitator' && facilitatorKey) params[SYNC_PARAMS.key] = facilitatorKey;
    if (role === 'projector') params[SYNC_PARAMS.role] = 'projector';
    if (role !== 'facilitator' && invite) params[SYNC_PARAMS.invite] = invite;
    if (this.seat) {
      params[SYNC_PARAMS.seat] = this.seat.seat;
      params[SYNC_PARAMS.secret] = this.seat.secret;
    }
    const link = openDocLink({
      serverUrl: this.serverUrl,
      name: kind === 'board' ? room : `${room}/${kind}`,
      kind,
      params,
      webSocketImpl: this.options.webSocketImpl,
      connect,
      onTransientClose: (provider, delayMs) => this.reconnectLater(provider, delayMs),
      onPermanentClose: (event) => this.permanentClose(event),
      onRefused: (refusedKind, reason) => this.refused(refusedKind, reason),
      onChange: this.notify,
    });
    if (kind === 'board') link.provider.awareness.setLocalStateField('user', this.stampedPresence());
    return link;
  }

  private rewrap(): void {
    const { board, control } = this.links as Record<'board' | 'control', DocLink>;
    this.wrappers = { board: new Board(board.doc), control: new Control(control.doc) };
    this.version += 1;
  }

  /**
   * The server refused an update to `kind`: our document now holds items the
   * server will never have (and a gap in our client's clock that it will never
   * fill), so we drop it and start from the server's state.
   */
  private refused(kind: DocKind, reason: RefusalReason): void {
    if (this.destroyed) return;
    this.lastRefused = { doc: kind, reason, at: Date.now() };
    const old = this.links[kind];
    if (old) closeDocLink(old);
    this.links[kind] = this.openLink(kind);
    this.rewrap();
    this.notify();
  }

  private permanentClose(event: CloseEvent): void {
    if (event.code === CLOSE_CODES.unknownSeat && this.options.seats && this.renewals < MAX_SEAT_RENEWALS_WITHOUT_SYNC) {
      // The seat was moved to another device or is gone: take a new one and start over.
      this.seatLostAt = Date.now();
      this.closeAll();
      this.openAll(null, false);
      this.renewSeat();
      return;
    }
    this.refusal = { code: event.code, reason: event.reason };
    this.closeAll();
  }

  private renewSeat(): void {
    const seats = this.options.seats as SeatSource;
    this.renewals += 1;
    seats.renew().then(
      (grant) => {
        if (this.destroyed) return;
        this.closeAll();
        this.openAll(grant);
        this.notify();
      },
      (error: unknown) => {
        if (this.destroyed) return;
        const code = error instanceof SeatRequestError ? error.code : 'network';
        // The link or the room is gone for good: say so, as a refused socket would.
        if (code === 'invite_revoked') this.refusal = { code: CLOSE_CODES.inviteRevoked, reason: String(error) };
        else if (code === 'unknown_room') this.refusal = { code: CLOSE_CODES.unknownRoom, reason: String(error) };
        else if (code === 'room_full') this.refusal = { code: CLOSE_CODES.roomFull, reason: String(error) };
        else if (code === 'room_closed') this.refusal = { code: CLOSE_CODES.roomClosed, reason: String(error) };
        // A facilitator link with a wrong (or no) key never gets a seat: asking again cannot help.
        else if (code === 'forbidden' || code === 'unauthorized')
          this.refusal = { code: CLOSE_CODES.forbidden, reason: String(error) };
        else this.later(() => this.renewSeat(), SEAT_RETRY_MS);
        this.notify();
      },
    );
  }

  private reconnectLater(provider: WebsocketProvider, delayMs: number): void {
    this.later(() => {
      if (!this.refusal && this.providers().includes(provider)) provider.connect();
    }, delayMs);
  }

  private later(run: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, delayMs);
    this.timers.add(timer);
  }

  private closeAll(): void {
    if (this.links.board) this.lastAwareness = this.links.board.provider.awareness;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const link of Object.values(this.links)) closeDocLink(link);
    this.links = {};
  }

  private readonly notify = () => {
    const providers = this.providers();
    if (providers.length > 0 && providers.every((p) => p.synced)) {
      this.syncedOnce = true;
      this.renewals = 0;
    }
    for (const listener of this.listeners) listener();
  };
}
