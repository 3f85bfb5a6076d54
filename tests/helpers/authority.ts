/** Seated stock clients for the rule-table tests: who writes, what the server refused, what it holds. */
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import { Board } from '../../src/model/board.ts';
import type { RefusalReason } from '../../src/model/protocol.ts';
import { seatIn, syncClient, type SyncClient } from './sync-client.ts';
import type { TestServer } from './test-server.ts';

const MESSAGE_AUTH = 2;

export type SeatedClient = SyncClient & { seat: string; anonKey: string; refusals: RefusalReason[] };

/** Records the refusals the server sends (y-websocket would only print them). */
export function recordRefusals(client: SyncClient): RefusalReason[] {
  const refusals: RefusalReason[] = [];
  client.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder: decoding.Decoder) => {
    if (decoding.readVarUint(decoder) !== authProtocol.messagePermissionDenied) return;
    refusals.push(JSON.parse(decoding.readVarString(decoder)) as RefusalReason);
  };
  return refusals;
}

/** A stock y-websocket client on the board (or `sub` document) with a seat of its own. */
export function seated(
  server: TestServer,
  room: string,
  clients: SyncClient[],
  extra: Record<string, string> = {},
  sub = '',
): SeatedClient {
  const { seat, anonKey, params } = seatIn(server, room);
  const client = syncClient(server.wsUrl, sub ? `${room}/${sub}` : room, { ...params, ...extra });
  clients.push(client);
  return { ...client, seat, anonKey, refusals: recordRefusals(client) };
}

/** The board as the server holds it now. */
export function serverBoard(server: TestServer, room: string): Board {
  return new Board(server.core.registry.snapshot(room as never, 'board'));
}
