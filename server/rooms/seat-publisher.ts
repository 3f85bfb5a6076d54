/**
 * The server publishes what participants keep in their seat documents
 * (src/model/seat-doc.ts), as the vote publisher does for ballots:
 *
 * - silent notes and own definitions: once the facilitator reveals the step,
 *   each seat's entries are moved to the board (`notes/<step>`,
 *   `define.own/<step>`) under the seat, and removed from the seat document;
 *   from then on they are ordinary board entries their authors change there;
 * - anonymous notes: the seat document stays the source. Whenever one changes,
 *   the board's copy is written, changed or removed by the server, authored by
 *   the seat's pseudonym on that step (src/model/anonymous.ts), with no name.
 *   What it published is recorded in the seat's `published` map, so a restart
 *   neither loses nor repeats a publication, and a note the facilitator merged
 *   or removed does not come back unless its author edits it.
 *
 * Every board write is a transaction of the server's own Yjs client. Changes
 * are gathered per room for `batchMs` and written in one transaction in a
 * shuffled order with one time stamp, so neither the client id, the order nor
 * the moment of a note says who wrote it. A reveal publishes at once.
 */
import { randomInt } from 'node:crypto';
import type * as Y from 'yjs';
import { anonymousAuthorId } from '../../src/model/anonymous.ts';
import { Control } from '../../src/model/control.ts';
import type { RoomId } from '../../src/model/ids.ts';
import { seatDocName } from '../../src/model/roles.ts';
import { SeatDoc } from '../../src/model/seat-doc.ts';
import { SERVER_ORIGIN } from '../../src/model/vote-results.ts';
import type { StepOf, Workshop } from '../../src/model/workshop.ts';
import type { Logger } from '../log.ts';
import type { LiveDoc } from './live-doc.ts';
import type { RoomRegistry } from './registry.ts';
import { SeatPlan, type BoardOp } from './seat-plan.ts';

/** How soon a reveal (or a room's load) is acted on. */
const REVEAL_DELAY_MS = 50;
const SEAT_PREFIX = 'seat/';

export type SeatPublisherOptions = {
  registry: RoomRegistry;
  workshops: ReadonlyMap<string, Workshop>;
  logger: Logger;
  /** How long anonymous notes are gathered before one shuffled batch goes to the board (ANONYMOUS_BATCH_MS). */
  batchMs: number;
};

type Steps = { notes: StepOf<'notes'>[]; define: StepOf<'define'>[] };
type RoomState = { dirty: Set<string> | 'all'; timer: NodeJS.Timeout | null; dueAt: number };

export class SeatPublisher {
  private readonly rooms = new Map<RoomId, RoomState>();
  private readonly batchMs: number;
  private readonly options: SeatPublisherOptions;

  constructor(options: SeatPublisherOptions) {
    this.options = options;
    this.batchMs = options.batchMs;
    options.registry.onLoad(this.attach);
  }

  /** Publishes everything pending now (shutdown, tests). */
  flush(): void {
    for (const room of [...this.rooms.keys()]) this.run(room);
  }

  private readonly attach = (live: LiveDoc): (() => void) | void => {
    const steps = this.stepsOf(live.room);
    if (!steps) return;
    if (live.kind.startsWith(SEAT_PREFIX)) {
      const seat = live.kind.slice(SEAT_PREFIX.length);
      const onUpdate = (_: Uint8Array, origin: unknown) => {
        if (origin === SERVER_ORIGIN) return; // its own publication records
        this.mark(live.room, seat, this.batchMs);
      };
      live.doc.on('update', onUpdate);
      return () => live.doc.off('update', onUpdate);
    }
    if (live.kind !== 'control') return;
    let revealed = revealedKey(live.doc, steps);
    const onUpdate = () => {
      const now = revealedKey(live.doc, steps);
      if (now === revealed) return;
      revealed = now;
      this.mark(live.room, 'all', REVEAL_DELAY_MS);
    };
    live.doc.on('update', onUpdate);
    // A publication a crash cut short is finished when the room comes back.
    this.mark(live.room, 'all', REVEAL_DELAY_MS);
    return () => live.doc.off('update', onUpdate);
  };

  private mark(room: RoomId, seat: string | 'all', delayMs: number): void {
    const state = this.stateOf(room);
    if (seat === 'all') state.dirty = 'all';
    else if (state.dirty !== 'all') state.dirty.add(seat);
    const dueAt = Date.now() + delayMs;
    if (state.timer && state.dueAt <= dueAt) return;
    if (state.timer) clearTimeout(state.timer);
    state.dueAt = dueAt;
    state.timer = setTimeout(() => this.run(room), delayMs);
    state.timer.unref();
  }

  private run(room: RoomId): void {
    const state = this.rooms.get(room);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    this.rooms.delete(room);
    try {
      this.publish(room, state.dirty);
    } catch (error) {
      // A failed publication must not take the server down; the next change or load tries again.
      this.options.logger.error('seat_publish_failed', { room, error: String(error) });
    }
  }

  private publish(room: RoomId, dirty: Set<string> | 'all'): void {
    const { registry } = this.options;
    const steps = this.stepsOf(room);
    if (!steps) return;
    // A seat removed since it changed has nothing left to publish (and no key for its pseudonyms).
    const seats =
      dirty === 'all' ? registry.listSeats(room) : [...dirty].filter((seat) => registry.hasSeat(room, seat));
    const tools = registry.readDoc(room, 'control', (doc) => {
      const control = new Control(doc);
      return new Map([...steps.notes, ...steps.define].map((s) => [s.id, control.stepTools(s.id)]));
    });
    const revealed = (id: string) => tools.get(id)?.revealed ?? false;
    const board = registry.acquire(room, 'board');
    const seatDocs: LiveDoc[] = [];
    try {
      const boardOps: BoardOp[] = [];
      const seatOps: { doc: Y.Doc; ops: (() => void)[] }[] = [];
      const now = Date.now();
      for (const seat of seats) {
        const live = registry.acquire(room, seatDocName(seat));
        seatDocs.push(live);
        const plan = new SeatPlan(board.doc, new SeatDoc(live.doc), seat, now, boardOps);
        for (const step of steps.notes) {
          if (step.anonymous) {
            if (!step.silent || revealed(step.id)) {
              plan.mirrorAnonymous(step, anonymousAuthorId(registry.seatAnonKey(room, seat), step.id));
            }
          } else if (revealed(step.id)) plan.moveSilent(step);
        }
        for (const step of steps.define) if (revealed(step.id)) plan.moveDefinition(step.id);
        if (plan.seatOps.length > 0) seatOps.push({ doc: live.doc, ops: plan.seatOps });
      }
      if (boardOps.length > 0) board.doc.transact(() => shuffled(boardOps).forEach((op) => op()), SERVER_ORIGIN);
      // After the board: a crash between the two publishes again rather than losing a note.
      for (const { doc, ops } of seatOps) doc.transact(() => ops.forEach((op) => op()), SERVER_ORIGIN);
    } finally {
      for (const live of seatDocs) registry.release(live);
      registry.release(board);
    }
  }

  private stepsOf(room: RoomId): Steps | null {
    const stored = this.options.registry.getRoom(room);
    const workshop = stored ? this.options.workshops.get(stored.workshop) : undefined;
    if (!workshop) return null;
    const notes = workshop.steps.filter((s): s is StepOf<'notes'> => s.kind === 'notes' && (s.silent || s.anonymous));
    const define = workshop.steps.filter((s): s is StepOf<'define'> => s.kind === 'define');
    return notes.length + define.length > 0 ? { notes, define } : null;
  }

  private stateOf(room: RoomId): RoomState {
    let state = this.rooms.get(room);
    if (!state) {
      state = { dirty: new Set(), timer: null, dueAt: 0 };
      this.rooms.set(room, state);
    }
    return state;
  }
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function revealedKey(doc: Y.Doc, steps: Steps): string {
  const control = new Control(doc);
  return [...steps.notes, ...steps.define].map((s) => (control.stepTools(s.id).revealed ? '1' : '0')).join('');
}
