/**
 * Rooms stored before ballots moved into seat documents still hold them on
 * the board (`vote.dots/<voteStepId>`: voter id -> DotsValue), where every
 * participant receives every ballot with its voter's name. When such a board
 * is loaded, before any client is answered, each ballot is moved into a seat
 * document and removed from the board, so from then on it is counted and
 * published like any other (server/rooms/vote-results.ts):
 *
 * - a voter id that is a seat of the room (stored after seats came) goes to
 *   that seat, unless the seat already holds a ballot for the step;
 * - any other voter id (a device id from before seats) goes to a new seat
 *   that no device holds: its ballot still counts, and nobody can change it.
 *   A ballot already moved (the same value in some seat) is not moved twice,
 *   so a restore of the board to a moment before the move cannot double it.
 *
 * The same runs when a board change the server made (a restore) brings such
 * ballots back. Clients cannot write `vote.dots/*`: it is not in the rule table.
 */
import type * as Y from 'yjs';
import type { RoomId } from '../../src/model/ids.ts';
import { seatDocName } from '../../src/model/roles.ts';
import { dotsValue, type DotsValue } from '../../src/model/schema.ts';
import { SeatDoc } from '../../src/model/seat-doc.ts';
import { SERVER_ORIGIN } from '../../src/model/vote-results.ts';
import type { Logger } from '../log.ts';
import type { LiveDoc } from './live-doc.ts';
import type { RoomRegistry } from './registry.ts';

/** The board root of a vote step's ballots in rooms stored before the seat documents. */
export const LEGACY_BALLOTS_PREFIX = 'vote.dots/';

export function migrateLegacyBallots(registry: RoomRegistry, logger: Logger): void {
  registry.onLoad((live) => {
    if (live.kind !== 'board') return;
    const run = () => {
      try {
        const moved = moveBallots(registry, live);
        if (moved > 0) logger.info('legacy_ballots_moved', { room: live.room, ballots: moved });
      } catch (error) {
        logger.error('legacy_ballots_failed', { room: live.room, error: String(error) });
      }
    };
    run();
    let queued = false;
    const onUpdate = () => {
      if (queued || legacyRoots(live.doc).length === 0) return;
      // Not inside another transaction's update event: the move writes to the board itself.
      queued = true;
      setImmediate(() => {
        queued = false;
        run();
      });
    };
    live.doc.on('update', onUpdate);
    return () => live.doc.off('update', onUpdate);
  });
}

function legacyRoots(doc: Y.Doc): string[] {
  return [...doc.share.keys()].filter((k) => k.startsWith(LEGACY_BALLOTS_PREFIX) && doc.getMap(k).size > 0);
}

/** Moves every legacy ballot of the board into a seat; returns how many it moved. */
function moveBallots(registry: RoomRegistry, live: LiveDoc): number {
  const roots = legacyRoots(live.doc);
  if (roots.length === 0) return 0;
  const room = live.room;
  const seats = new Set<string>(registry.listSeats(room));
  let moved = 0;
  for (const root of roots) {
    const stepId = root.slice(LEGACY_BALLOTS_PREFIX.length);
    const map = live.doc.getMap(root);
    for (const [voter, value] of [...map.entries()]) {
      const ballot = dotsValue.safeParse(value);
      if (ballot.success && !alreadyMoved(registry, room, seats, stepId, ballot.data)) {
        const seat = seats.has(voter) ? voter : registry.issueSeat(room).seat;
        seats.add(seat);
        writeBallot(registry, room, seat, stepId, ballot.data);
        moved += 1;
      }
      // Stored seat first, then gone from the board: a crash between leaves it in both, never in neither.
      live.doc.transact(() => map.delete(voter), SERVER_ORIGIN);
    }
  }
  return moved;
}

function alreadyMoved(registry: RoomRegistry, room: RoomId, seats: Set<string>, stepId: string, ballot: DotsValue) {
  const same = JSON.stringify(ballot);
  for (const seat of seats) {
    const found = registry.readDoc(room, seatDocName(seat), (doc) => new SeatDoc(doc).ballot(stepId));
    if (found && JSON.stringify(found) === same) return true;
  }
  return false;
}

function writeBallot(registry: RoomRegistry, room: RoomId, seat: string, stepId: string, ballot: DotsValue): void {
  const live = registry.acquire(room, seatDocName(seat));
  try {
    const own = new SeatDoc(live.doc);
    // A seat that voted again since keeps its newer ballot.
    if (!own.ballot(stepId)) live.doc.transact(() => own.ballotsMap().set(stepId, ballot), SERVER_ORIGIN);
  } finally {
    registry.release(live);
  }
}
