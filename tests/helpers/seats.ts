/**
 * Writing the board the way honest clients do since the server checks every
 * update against the rule table: each writer holds its own seat and writes
 * under it, and participants write only on the step the facilitator has
 * made current. Tests about storage and transport use these, so they measure
 * what they are about and not the guard's refusals.
 */
import { Control } from '../../src/model/control.ts';
import type { RoomId } from '../../src/model/ids.ts';
import { seatIn, syncClient, type SyncClient } from './sync-client.ts';
import { until, type TestServer } from './test-server.ts';

export type Seat = ReturnType<typeof seatIn>;

/** The author a seated writer puts on what it writes. */
export const authorOf = (seat: Seat, name: string | null = null) => ({ id: seat.seat, name });

/** The current step as the server holds it: what its update guard reads. */
export function serverStep(server: TestServer, room: string): string | undefined {
  const doc = server.core.registry.snapshot(room as RoomId, 'control');
  try {
    return new Control(doc).currentStepId();
  } finally {
    doc.destroy();
  }
}

/** The facilitator makes `stepId` current; resolves once the server has the change. */
export async function steer(server: TestServer, room: string, key: string, stepId: string): Promise<void> {
  const control = syncClient(server.wsUrl, `${room}/control`, { key });
  try {
    await control.synced;
    control.control.goToStep(stepId);
    await until(() => serverStep(server, room) === stepId, `the server is on step ${stepId}`);
  } finally {
    control.provider.destroy();
  }
}

/**
 * A client of the board (or, with `path`, of `<room>/<path>`) holding a new
 * seat; `extra` adds sync params (the facilitator's `key`).
 */
export function seatedClient(
  server: TestServer,
  room: string,
  options: { path?: 'control' | 'seat'; extra?: Record<string, string> } = {},
): SyncClient & { seat: Seat } {
  const seat = seatIn(server, room);
  const name = options.path ? `${room}/${options.path}` : room;
  return { ...syncClient(server.wsUrl, name, { ...seat.params, ...options.extra }), seat };
}
