/**
 * The facilitator's history routes (the key as `Authorization: Bearer`):
 * `GET /api/rooms/<room>/history?step=<stepId>` lists the changes that touched
 * a step, `POST /api/rooms/<room>/restore` with `{ step?, at }` brings a step
 * or the whole board back to a moment. See server/rooms/history.ts and restore.ts.
 */
import type http from 'node:http';
import type { HistoryAnswer, RestoreAnswer } from '../../src/model/history.ts';
import { restoreRequest } from '../../src/model/history.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import { historyComplete, stepChanges } from '../rooms/history.ts';
import type { HistoryReaders } from '../rooms/history-readers.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { restoreBoard } from '../rooms/restore.ts';
import type { RoomStore, StoredRoom } from '../storage/types.ts';
import { HttpError, readJsonBody, sendJson } from './json.ts';

export type HistoryRouteOptions = {
  registry: RoomRegistry;
  store: RoomStore;
  workshops: ReadonlyMap<string, Workshop>;
  maxBodyBytes: number;
  /** Kept between requests (see server/rooms/history-readers.ts). */
  readers: HistoryReaders;
};

export function sendStepHistory(
  res: http.ServerResponse,
  room: StoredRoom,
  url: URL,
  options: HistoryRouteOptions,
): void {
  const workshop = workshopOf(room, options);
  const stepId = url.searchParams.get('step');
  if (!stepId) throw new HttpError(400, 'invalid_request', 'Name the step: ?step=<stepId>.');
  requireStep(workshop, stepId);
  // Everything stored so far: a change still waiting for its write is listed once it is stored.
  const records = options.store.loadHistory(room.id, 'board');
  const answer: HistoryAnswer = {
    room: room.id,
    step: stepId,
    complete: historyComplete(records),
    changes: stepChanges(options.readers.changes(room.id, records), stepId, workshop),
  };
  sendJson(res, 200, answer);
}

export async function restore(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  room: StoredRoom,
  options: HistoryRouteOptions,
): Promise<void> {
  const body = restoreRequest.safeParse(await readJsonBody(req, options.maxBodyBytes));
  if (!body.success)
    throw new HttpError(400, 'invalid_request', 'Expected {"at": <ms since epoch>, "step"?: "<stepId>"}.');
  const { step, at } = body.data;
  if (step !== undefined) requireStep(workshopOf(room, options), step);
  const result = await restoreBoard(options.registry, options.store, room.id, { stepId: step, at });
  if (!result.ok) throw new HttpError(result.code === 'store_failed' ? 503 : 409, result.code, result.message);
  const answer: RestoreAnswer = { collections: result.collections, at: result.at };
  sendJson(res, 200, answer);
}

function workshopOf(room: StoredRoom, options: HistoryRouteOptions): Workshop {
  const workshop = options.workshops.get(room.workshop);
  if (!workshop) throw new HttpError(404, 'unknown_workshop', `The workshop "${room.workshop}" is not installed.`);
  return workshop;
}

function requireStep(workshop: Workshop, stepId: string): void {
  if (!workshop.steps.some((s) => s.id === stepId)) {
    throw new HttpError(404, 'unknown_step', `The workshop has no step "${stepId}".`);
  }
}
