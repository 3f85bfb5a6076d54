/**
 * Ballots are private until the reveal, on the wire too. Stock y-websocket
 * clients in Node play two honest voters and a hostile participant that
 * records every frame the server sends it; the server counts the ballots with
 * the one vote rule and publishes only totals (names only for an open vote).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES } from '../../../../src/model/protocol.ts';
import { SeatDoc } from '../../../../src/model/seat-doc.ts';
import { VoteResults } from '../../../../src/model/vote-results.ts';
import { tallyBallots } from '../../../../src/model/vote-rule.ts';
import type { StepOf } from '../../../../src/model/workshop.ts';
import { WORKSHOPS_DIR } from '../../../helpers/content.ts';
import { newSeat } from '../../../helpers/rooms-api.ts';
import { closeOf, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';
import { STEP, votingRoom, voter } from '../../../helpers/voting-room.ts';

const clients: SyncClient[] = [];
const servers: TestServer[] = [];
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  for (const s of servers) await s.close();
});

/** A stock provider whose socket records every binary frame the server sends. */
function recordingClient(server: TestServer, name: string, params: Record<string, string>) {
  const frames: Buffer[] = [];
  class Recording extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    }
  }
  const client = syncClient(server.wsUrl, name, params, Recording as unknown as typeof globalThis.WebSocket);
  clients.push(client);
  return { client, frames, text: () => Buffer.concat(frames).toString('latin1') };
}

describe('a secret vote', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ LOG_LEVEL: 'error', IDLE_UNLOAD_MS: '50' });
    servers.push(server);
  });

  it('reaches no one before the reveal, counts by the rule, and publishes totals without names', async () => {
    const { room, facilitator, step, ids } = await votingRoom(server, clients);
    const [a, b, c] = ids as [string, string, string];
    // The hostile participant: its own seat, the board and the control document, every frame recorded.
    const malloryGrant = await newSeat(server, room);
    const board = recordingClient(server, room, { seat: malloryGrant.seat, secret: malloryGrant.secret });
    const control = recordingClient(server, `${room}/control`, {});
    const projector = recordingClient(server, room, { role: 'projector' });
    await Promise.all([board.client.synced, control.client.synced, projector.client.synced]);

    const ballots = { Annabelle: { [a]: 2, [b]: 1 }, Bartholomew: { [b]: 2, [c]: 2 } };
    const anna = await voter(server, room, 'Annabelle', ballots.Annabelle, clients);
    await voter(server, room, 'Bartholomew', ballots.Bartholomew, clients);
    // Mallory's own ballot breaks the per-item limit: it counts for nothing.
    const mallory = syncClient(server.wsUrl, `${room}/seat`, malloryGrant);
    clients.push(mallory);
    await mallory.synced;
    new SeatDoc(mallory.doc).setBallot(STEP, { [c]: 9 }, 'Mallory');

    const results = new VoteResults(board.client.doc);
    await until(() => results.voters(STEP) === 2, 'the count of voters is published');
    // Mallory cannot reach another seat's document: a seat id needs its own secret.
    const stolen = await closeOf(`${server.wsUrl}/${room}/seat?seat=${anna.seat.seat}&secret=${malloryGrant.secret}`);
    expect(stolen.code).toBe(CLOSE_CODES.unknownSeat);
    expect(anna.client.doc.getMap('vote.ballots').size).toBe(1);

    // Nothing of a ballot crossed the wire to the other participant or the projector.
    for (const recorded of [board, control, projector]) {
      for (const secret of ['Annabelle', 'Bartholomew', 'vote.ballots', 'dots']) {
        expect(recorded.text()).not.toContain(secret);
      }
    }
    expect(results.result(STEP)).toBeNull();

    new SeatDoc(anna.client.doc).setBallot(STEP, { [a]: 2, [b]: 1, [c]: 1 }, 'Annabelle');
    ballots.Annabelle = { [a]: 2, [b]: 1, [c]: 1 };
    facilitator.control.setRevealed(STEP, true);
    const expected = tallyBallots(Object.values(ballots), step, new Set(ids));
    const sorted = (totals: Record<string, number>) => JSON.stringify(Object.entries(totals).sort());
    const want = sorted(Object.fromEntries(expected.totals));
    await until(() => sorted(results.result(STEP)?.totals ?? {}) === want, 'the totals are published at the reveal');
    const published = results.result(STEP)!;
    expect(published.voters).toBe(2);
    expect(published.named).toBeNull();
    // b and c tie (they keep the source's order between them); a comes third.
    expect(published.ranking.map((r) => [r.id, r.dots, r.rank]).sort()).toEqual(
      [
        [b, 3, 1],
        [c, 3, 1],
        [a, 2, 3],
      ].sort(),
    );
    expect(published.ranking.at(-1)?.id).toBe(a);
    for (const recorded of [board, projector]) {
      for (const secret of ['Annabelle', 'Bartholomew', 'Mallory']) expect(recorded.text()).not.toContain(secret);
    }

    // While revealed, a changed ballot re-publishes; hiding takes the result away.
    new SeatDoc(anna.client.doc).setBallot(STEP, {}, 'Annabelle');
    await until(() => results.result(STEP)?.voters === 1, 'the result follows a withdrawn ballot');
    expect(results.result(STEP)!.totals).toEqual({ [b]: 2, [c]: 2 });
    facilitator.control.setRevealed(STEP, false);
    await until(() => results.result(STEP) === null, 'hiding removes the result');
    expect(results.voters(STEP)).toBe(1);
  });

  it('counts the ballots of seats whose devices have left (their documents no longer in memory)', async () => {
    const { room, facilitator, ids } = await votingRoom(server, clients);
    const gone = await voter(server, room, 'Gone', { [ids[0]!]: 1 }, clients);
    const watcher = syncClient(server.wsUrl, room);
    clients.push(watcher);
    await watcher.synced;
    const results = new VoteResults(watcher.doc);
    await until(() => results.voters(STEP) === 1, 'the first ballot is counted');
    gone.client.provider.destroy();
    await until(
      () => !server.core.registry.isLive(room as never, `seat/${gone.seat.seat}`),
      'the seat document unloads',
    );
    await voter(server, room, 'Here', { [ids[1]!]: 2 }, clients);
    facilitator.control.setRevealed(STEP, true);
    await until(() => results.result(STEP)?.voters === 2, 'both ballots are in the result');
    expect(results.result(STEP)!.totals).toEqual({ [ids[0]!]: 1, [ids[1]!]: 2 });
  });
});

describe('an open vote', () => {
  it('publishes each ballot with its voter’s name, and only after the reveal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-open-vote-'));
    for (const file of fs.readdirSync(WORKSHOPS_DIR)) {
      const text = fs.readFileSync(path.join(WORKSHOPS_DIR, file), 'utf8');
      fs.writeFileSync(
        path.join(dir, file),
        file === 'question-list.yaml' ? text.replace('    keepTop: 8\n', '    keepTop: 8\n    open: true\n') : text,
      );
    }
    const server = await startTestServer({ WORKSHOPS_DIR: dir });
    servers.push(server);
    const { room, facilitator, ids } = await votingRoom(server, clients);
    expect((server.core.workshops.get('question-list')!.steps.find((s) => s.id === STEP) as StepOf<'vote'>).open).toBe(
      true,
    );
    const other = recordingClient(server, room, {});
    await other.client.synced;
    await voter(server, room, 'Zelda', { [ids[0]!]: 1 }, clients);
    await voter(server, room, 'Yannick', { [ids[2]!]: 2 }, clients);
    const results = new VoteResults(other.client.doc);
    await until(() => results.voters(STEP) === 2, 'the count is published');
    expect(other.text()).not.toContain('Zelda');
    facilitator.control.setRevealed(STEP, true);
    await until(() => results.result(STEP) !== null, 'the result is published');
    expect(results.result(STEP)!.named).toEqual([
      { name: 'Yannick', dots: { [ids[2]!]: 2 } },
      { name: 'Zelda', dots: { [ids[0]!]: 1 } },
    ]);
  });
});
