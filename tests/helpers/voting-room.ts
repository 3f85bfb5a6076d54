/**
 * A question list whose core vote is the current step, with three questions
 * written by the facilitator, and voters casting ballots in their own seat
 * documents, over stock clients against a real test server.
 */
import { SeatDoc } from '../../src/model/seat-doc.ts';
import { Questions } from '../../src/model/questions.ts';
import type { StepOf } from '../../src/model/workshop.ts';
import { newSeat } from './rooms-api.ts';
import { steer } from './seats.ts';
import { seatIn, syncClient, type SyncClient } from './sync-client.ts';
import { until, type TestServer } from './test-server.ts';

export const STEP = 'core';

export async function votingRoom(server: TestServer, clients: SyncClient[]) {
  const { room, key } = server.core.registry.createRoom('question-list', 'en');
  const facilitator = syncClient(server.wsUrl, `${room.id}/control`, { key });
  // The facilitator writes the questions under its own seat, as the rules require.
  const facilitatorSeat = seatIn(server, room.id);
  const writer = syncClient(server.wsUrl, room.id, { key, ...facilitatorSeat.params });
  clients.push(facilitator, writer);
  await Promise.all([facilitator.synced, writer.synced]);
  const workshop = server.core.workshops.get('question-list')!;
  const step = workshop.steps.find((s) => s.id === STEP) as StepOf<'vote'>;
  const questionsStep = workshop.steps.find((s) => s.id === step.source) as StepOf<'questions'>;
  const questions = new Questions(writer.doc);
  const ids = ['First question?', 'Second question?', 'Third question?'].map((text) => {
    const added = questions.add(
      questionsStep,
      { text, type: 'open', moment: questionsStep.moments[0]!.id, purpose: '' },
      { id: facilitatorSeat.seat, name: null },
    );
    if (!added.ok) throw new Error('question not added');
    return added.question.id;
  });
  await until(
    () => new Questions(server.core.registry.snapshot(room.id, 'board')).list(questionsStep.id).length === ids.length,
    'the questions are stored',
  );
  // Ballots are taken while the vote is the current step.
  await steer(server, room.id, key, STEP);
  return { room: room.id, key, facilitator, step, ids };
}

export async function voter(
  server: TestServer,
  room: string,
  name: string,
  dots: Record<string, number>,
  clients: SyncClient[],
) {
  const seat = await newSeat(server, room);
  const client = syncClient(server.wsUrl, `${room}/seat`, { seat: seat.seat, secret: seat.secret });
  clients.push(client);
  await client.synced;
  new SeatDoc(client.doc).setBallot(STEP, dots, name);
  return { seat, client };
}
