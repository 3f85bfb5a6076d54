/**
 * A dot vote, live: two participants vote, each ballot in the voter's own
 * seat document. Every WebSocket frame the pages receive is recorded: before
 * the reveal no ballot reaches the projector or the other participant (the
 * voter's own page does receive its ballot, which shows the recording would
 * have caught it), the console learns how many have voted from the server,
 * and after the reveal the wall shows the ranking the server published.
 */
import { type Browser, type Page } from '@playwright/test';
import { Control } from '../../src/model/control.ts';
import { Questions } from '../../src/model/questions.ts';
import { seatKeys } from '../../src/model/schema.ts';
import type { StepOf } from '../../src/model/workshop.ts';
import { workshopNamed } from '../helpers/core-runs.ts';
import { seatParams } from '../helpers/seat-api.ts';
import { syncClient, type SyncClient } from '../helpers/sync-client.ts';
import { closeAll, createRoom, expect, expectLive, joinAs, local, test } from './fixtures/room.ts';
import { stepHeading } from './fixtures/workshop.ts';

const Q = {
  help: 'What helped you most today? vq1',
  change: 'What would you change first? vq2',
  again: 'Would you come back to us? vq3',
} as const;
const VOTE_TITLE = 'The core list';

type Frame = { socket: string; bytes: Buffer };
type Recorded = { page: Page; received: Frame[] };
const toBytes = (payload: string | Buffer) => (typeof payload === 'string' ? Buffer.from(payload) : payload);
/** Yjs frames carry strings (map keys too) as UTF-8, so a ballot's key and fields show up if it travelled. */
const carries = (frames: readonly Frame[], text: string) => frames.some((f) => f.bytes.includes(Buffer.from(text)));
/** Frames that came through sockets other than the page's own seat document. */
const shared = (frames: readonly Frame[]) => frames.filter((f) => !new URL(f.socket).pathname.endsWith('/seat'));

/** A page on its own device whose received WebSocket frames are recorded from the first one, with their socket. */
async function openRecorded(browser: Browser, url: string): Promise<Recorded> {
  const page = await (await browser.newContext()).newPage();
  const received: Frame[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => received.push({ socket: ws.url(), bytes: toBytes(frame.payload) })),
  );
  await page.goto(url);
  return { page, received };
}

test('ballots stay in the voters’ seats until the reveal; then the wall shows the ranking', async ({
  browser,
  server,
}) => {
  const created = await createRoom(server, 'question-list');
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const key = created.facilitatorKey;
  // The facilitator writes under its own seat, as its console does: the server takes nothing else.
  const seat = await seatParams({ httpUrl: server.url }, created.room, { facilitatorKey: key });
  const seeders: SyncClient[] = [
    syncClient(wsUrl, created.room, seat),
    syncClient(wsUrl, `${created.room}/control`, seat),
  ];
  const [board, control] = seeders as [SyncClient, SyncClient];
  await Promise.all([board.synced, control.synced]);
  // The questions to vote on, written as the facilitator; then the room goes to the vote.
  const workshop = workshopNamed('question-list');
  const source = workshop.steps.find((s) => s.id === 'questions') as StepOf<'questions'>;
  for (const text of Object.values(Q)) {
    new Questions(board.doc).add(
      source,
      { text, type: 'open', moment: source.moments[0]!.id, purpose: '' },
      { id: seat.seat!, name: null },
    );
  }
  new Control(control.doc).goToStep('core');

  const facilitator = await openRecorded(browser, local(server, created.facilitatorUrl));
  const wall = await openRecorded(browser, local(server, created.projectorUrl));
  const ada = await openRecorded(browser, local(server, created.participantUrl));
  const bo = await openRecorded(browser, local(server, created.participantUrl));
  await joinAs(ada.page, 'Ada');
  await joinAs(bo.page, 'Bo');
  const pages = [facilitator.page, wall.page, ada.page, bo.page];
  await Promise.all(pages.map((page) => expectLive(page)));
  await Promise.all(pages.map((page) => expect(stepHeading(page, VOTE_TITLE)).toBeVisible()));

  const give = (page: Page, text: string) => page.getByRole('button', { name: `Add a dot to: “${text}”` });
  await give(ada.page, Q.help).click();
  await give(ada.page, Q.help).click();
  await give(ada.page, Q.change).click();
  await expect(ada.page.getByText('2 of 5 dots left')).toBeVisible();
  await give(bo.page, Q.help).click();
  await give(bo.page, Q.again).click();
  await expect(bo.page.getByText('3 of 5 dots left')).toBeVisible();
  // The count comes from the server, which alone sees every seat.
  await expect(facilitator.page.getByText('2 people have voted.')).toBeVisible();
  await expect(wall.page.getByText('2 people have voted.')).toBeVisible();

  // Only a seat's own socket may carry its ballot; nothing else any page received holds one.
  for (const [who, recorded] of [
    ['the projector', wall],
    ['the facilitator', facilitator],
    ['Bo', bo],
    ['Ada', ada],
  ] as const) {
    for (const secret of [seatKeys.ballots, 'dots']) {
      expect(carries(shared(recorded.received), secret), `${who} received "${secret}"`).toBe(false);
    }
  }
  expect(
    wall.received.some((f) => f.socket.endsWith('/seat')),
    'the projector has no seat',
  ).toBe(false);
  // The recording does see a ballot that travels: Ada reloads, and her seat sends hers back to her alone.
  const beforeReload = ada.received.length;
  await ada.page.reload();
  await expectLive(ada.page);
  await expect(ada.page.getByText('2 of 5 dots left')).toBeVisible();
  expect(carries(ada.received.slice(beforeReload), seatKeys.ballots)).toBe(true);
  expect(carries(shared(bo.received), seatKeys.ballots) || carries(shared(wall.received), 'dots')).toBe(false);
  for (const page of pages) await expect(page.getByText(/^\d+ dots?$/)).toHaveCount(0);

  await facilitator.page.getByRole('button', { name: 'Reveal', exact: true }).click();
  const ranked = wall.page.getByRole('region', { name: 'The result' }).getByRole('listitem');
  await expect(ranked.first()).toContainText(Q.help);
  await expect(ranked.first()).toContainText('3 dots');
  await expect(ranked.nth(1)).toContainText('1 dot');
  await expect(ranked.nth(2)).toContainText('1 dot');
  // Bo sees the same ranking.
  await expect(bo.page.getByRole('region', { name: 'The result' }).getByRole('listitem').first()).toContainText(
    '3 dots',
  );
  // A secret vote: no voter's name came with the result.
  expect(carries(wall.received, 'named')).toBe(true);
  expect(carries(shared(bo.received), seatKeys.ballots)).toBe(false);

  for (const client of seeders) client.provider.destroy();
  await closeAll(pages);
});
