/**
 * The server publishes votes. Ballots live in each voter's seat document,
 * which no one else receives; this module reads them, counts them with the one
 * vote rule (src/lib/vote-count.ts) and writes to the board what everyone may
 * see: while the vote runs, how many have a ballot that counts (no names);
 * once the facilitator reveals the step, the totals and the ranking (and each
 * ballot with its voter's name only when the workshop says the vote is open).
 * Hiding the step again removes the result.
 *
 * Publishing is a server-origin transaction on the live board, so it is stored
 * before it is broadcast like any client's update. Changes are coalesced per
 * room for PUBLISH_DELAY_MS, and an unchanged recount writes nothing: what
 * leaves the server is a new total, never one ballot's change with a name on it.
 *
 * Hooked into the registry's document loads (RoomRegistry.onLoad): a seat
 * document's updates and the reveal flags of the control document trigger a
 * recount. Every write to a seat document goes through its live document, so
 * the per-room cache of ballots stays exact while the room is in memory.
 */
import type * as Y from 'yjs';
import type { RoomId } from '../../src/model/ids.ts';
import { seatDocName } from '../../src/model/roles.ts';
import { Control } from '../../src/model/control.ts';
import type { DotsValue } from '../../src/model/schema.ts';
import { SeatDoc } from '../../src/model/seat-doc.ts';
import { SERVER_ORIGIN, VoteResults } from '../../src/model/vote-results.ts';
import type { StepOf, Workshop } from '../../src/model/workshop.ts';
import { voteItems } from '../../src/lib/export/read-vote.ts';
import { countVote } from '../../src/lib/vote-count.ts';
import type { Logger } from '../log.ts';
import type { LiveDoc } from './live-doc.ts';
import type { RoomRegistry } from './registry.ts';

/** How long a room's changes are gathered before one recount is published. */
export const PUBLISH_DELAY_MS = 100;

const SEAT_PREFIX = 'seat/';

export type VotePublisherOptions = {
  registry: RoomRegistry;
  workshops: ReadonlyMap<string, Workshop>;
  logger: Logger;
  delayMs?: number;
};

type SeatBallots = Map<string, DotsValue>;

type RoomState = {
  /** Live documents of the room this publisher listens to. */
  attached: number;
  /** Each seat's ballots by step id; null until the first recount loads them all. */
  ballots: Map<string, SeatBallots> | null;
  /** The reveal flags of the vote steps as last seen, to notice when they change. */
  revealed: string;
  timer: NodeJS.Timeout | null;
};

export class VotePublisher {
  private readonly rooms = new Map<RoomId, RoomState>();
  private readonly options: VotePublisherOptions;
  private readonly delayMs: number;

  constructor(options: VotePublisherOptions) {
    this.options = options;
    this.delayMs = options.delayMs ?? PUBLISH_DELAY_MS;
    options.registry.onLoad(this.attach);
    options.registry.on('seatRemoved', (room, seat) => this.seatRemoved(room, seat));
  }

  /** Publishes every pending recount now (shutdown: before the last writes are flushed). */
  flush(): void {
    for (const [room, state] of [...this.rooms]) {
      if (!state.timer) continue;
      clearTimeout(state.timer);
      state.timer = null;
      this.publish(room);
    }
  }

  /** A removed seat's ballots stop counting: recount without them. */
  private seatRemoved(room: RoomId, seat: string): void {
    this.rooms.get(room)?.ballots?.delete(seat);
    this.schedule(room);
  }

  /** Recounts a room now and publishes; exposed for tests and for the import. */
  publish(room: RoomId): void {
    const { registry, workshops } = this.options;
    const stored = registry.getRoom(room);
    const workshop = stored ? workshops.get(stored.workshop) : undefined;
    const steps = workshop ? voteSteps(workshop) : [];
    if (!stored || !workshop || steps.length === 0) return;
    const state = this.rooms.get(room);
    const ballots = state?.ballots ?? this.loadBallots(room);
    // Kept only while some document of the room is live: then every seat write passes through attach.
    if (state && state.attached > 0) state.ballots = ballots;
    registry.readDoc(room, 'control', (controlDoc) => {
      const control = new Control(controlDoc);
      const board = registry.acquire(room, 'board');
      try {
        const results = new VoteResults(board.doc);
        const docs = { board: board.doc, control: controlDoc };
        board.doc.transact(() => {
          for (const step of steps) {
            const items = voteItems(step.source, workshop, stored.locale, docs)?.items ?? [];
            const cast = [...ballots.values()].flatMap((seat) => seat.get(step.id) ?? []);
            const count = countVote(step, items, cast, results.imported(step.id));
            results.setVoters(step.id, count.voters);
            if (control.stepTools(step.id).revealed) results.publish(step.id, count.result);
            else results.unpublish(step.id);
          }
        }, SERVER_ORIGIN);
      } finally {
        registry.release(board);
      }
    });
  }

  private readonly attach = (live: LiveDoc): (() => void) | void => {
    const isSeat = live.kind.startsWith(SEAT_PREFIX);
    if (live.kind !== 'control' && !isSeat) return;
    const workshop = this.workshopOf(live.room);
    if (!workshop) return;
    const steps = voteSteps(workshop);
    if (steps.length === 0) return;
    const state = this.stateOf(live.room);
    state.attached++;
    let onUpdate: () => void;
    if (isSeat) {
      const seat = live.kind.slice(SEAT_PREFIX.length);
      onUpdate = () => {
        state.ballots?.set(seat, seatBallots(live.doc));
        this.schedule(live.room);
      };
    } else {
      onUpdate = () => {
        const revealed = revealedKey(live.doc, steps);
        if (revealed === state.revealed) return;
        state.revealed = revealed;
        this.schedule(live.room);
      };
      state.revealed = revealedKey(live.doc, steps);
      // A result out of step with the flags (e.g. a crash between the two writes) is put right on load.
      this.schedule(live.room);
    }
    live.doc.on('update', onUpdate);
    return () => {
      live.doc.off('update', onUpdate);
      state.attached--;
      this.forgetIfIdle(live.room, state);
    };
  };

  private schedule(room: RoomId): void {
    const state = this.stateOf(room);
    if (state.timer) return;
    state.timer = setTimeout(() => {
      state.timer = null;
      try {
        this.publish(room);
      } catch (error) {
        // A failed recount must not take the server down; the next change tries again.
        this.options.logger.error('vote_publish_failed', { room, error: String(error) });
      }
      this.forgetIfIdle(room, state);
    }, this.delayMs);
    state.timer.unref();
  }

  private stateOf(room: RoomId): RoomState {
    let state = this.rooms.get(room);
    if (!state) {
      state = { attached: 0, ballots: null, revealed: '', timer: null };
      this.rooms.set(room, state);
    }
    return state;
  }

  /** Once no document of the room is in memory, its cache could go stale: drop it. */
  private forgetIfIdle(room: RoomId, state: RoomState): void {
    if (state.attached > 0 || state.timer) return;
    if (this.rooms.get(room) === state) this.rooms.delete(room);
  }

  private loadBallots(room: RoomId): Map<string, SeatBallots> {
    const { registry } = this.options;
    const out = new Map<string, SeatBallots>();
    for (const seat of registry.listSeats(room)) {
      const ballots = registry.readDoc(room, seatDocName(seat), seatBallots);
      if (ballots.size > 0) out.set(seat, ballots);
    }
    return out;
  }

  private workshopOf(room: RoomId): Workshop | null {
    const stored = this.options.registry.getRoom(room);
    return stored ? (this.options.workshops.get(stored.workshop) ?? null) : null;
  }
}

function voteSteps(workshop: Workshop): StepOf<'vote'>[] {
  return workshop.steps.filter((s): s is StepOf<'vote'> => s.kind === 'vote');
}

function seatBallots(doc: Y.Doc): SeatBallots {
  return new SeatDoc(doc).ballots();
}

function revealedKey(doc: Y.Doc, steps: readonly StepOf<'vote'>[]): string {
  const control = new Control(doc);
  return steps.map((s) => (control.stepTools(s.id).revealed ? '1' : '0')).join('');
}
