/**
 * The server dies mid-workshop (SIGKILL: no flush, no goodbye) and comes back
 * on the same port and storage. Every screen must say it is offline, come back
 * "Live" without a reload, and show everything written before the crash; an
 * edit typed while the server was gone must reach the others afterwards.
 */
import { closeAll, createRoom, E2E_SERVER_ENV, expect, expectLive, openRoles, test } from './fixtures/room.ts';
import { startServer } from './fixtures/server.ts';
import { answerCard, back, expectStep, followUp, next, postAnswer, sentenceField, STEPS } from './fixtures/workshop.ts';

/** Clients back off up to 5 s between attempts; a restart takes a second or two more. */
const RECONNECT_TIMEOUT_MS = 20_000;

const PICKED = 'vi åbner døren for kunden';
const OTHER_ROUND_1 = 'vi skal nå vores mål';
const ROUND_2 = 'kunden får svar på sit spørgsmål';
const SENTENCE = 'Vi hjælper kunder på Ærø';
const OFFLINE_EDIT = ' hver eneste dag';

test('a SIGKILLed server comes back with every contribution, and clients resync without a reload', async ({
  browser,
}) => {
  // Four screens through two steps, a kill, a second server on the same storage and a restart: past the
  // default minute, which cut the test off while the browsers were still backing off towards the new server.
  test.setTimeout(150_000);
  // Its own server: killing the worker's would break the other tests.
  const server = await startServer({ env: E2E_SERVER_ENV });
  try {
    const created = await createRoom(server);
    const room = await openRoles(browser, server, created);
    const { facilitator, projector, participants, all } = room;
    const [ada, bo] = participants;

    // --- a workshop in progress ------------------------------------------------
    await next(facilitator, STEPS.ladder);
    await expectStep(all, STEPS.ladder);
    await postAnswer(ada, PICKED);
    await postAnswer(ada, OTHER_ROUND_1);
    await expect(answerCard(facilitator, PICKED)).toBeVisible();
    await facilitator.getByRole('button', { name: `Pick for the next why: “${PICKED}”` }).click();
    await expect(projector.getByText(followUp(PICKED), { exact: true })).toBeVisible();
    await postAnswer(bo, ROUND_2);
    await Promise.all(all.map((page) => expect(answerCard(page, ROUND_2)).toBeVisible()));

    await next(facilitator, STEPS.statement);
    await expectStep(all, STEPS.statement);
    await sentenceField(ada).click();
    await sentenceField(ada).pressSequentially(SENTENCE);
    // Seen by the others means it passed through the server, which stores before it relays.
    await Promise.all([
      expect(sentenceField(bo)).toHaveValue(SENTENCE),
      expect(sentenceField(facilitator)).toHaveValue(SENTENCE),
      expect(projector.getByRole('main').getByText(SENTENCE, { exact: true })).toBeVisible(),
    ]);

    // --- the crash ---------------------------------------------------------------
    // A mark in each page's memory: still there at the end means no page was reloaded.
    await Promise.all(
      all.map((page) => page.evaluate(() => ((window as { __beforeCrash?: boolean }).__beforeCrash = true))),
    );
    await server.stop('SIGKILL');
    expect(server.exitInfo().signal).toBe('SIGKILL');
    await Promise.all(all.map((page) => expect(page.getByRole('status')).toHaveText(/offline/i)));

    // Bo keeps typing while the server is gone: the edit stays on Bo's device for now.
    await sentenceField(bo).press('Control+End');
    await sentenceField(bo).pressSequentially(OFFLINE_EDIT);
    await expect(sentenceField(bo)).toHaveValue(SENTENCE + OFFLINE_EDIT);
    await expect(sentenceField(ada)).toHaveValue(SENTENCE);

    // --- what reached the disk ---------------------------------------------------------
    // A second process on the same storage and another port, which no browser knows:
    // what it exports was flushed before the kill, not re-sent by a client.
    const probe = await startServer({ dataDir: server.dataDir, env: E2E_SERVER_ENV });
    try {
      const response = await fetch(`${probe.url}/api/rooms/${created.room}/export?format=json`);
      expect(response.status).toBe(200);
      const exported = JSON.stringify(await response.json());
      for (const text of [PICKED, OTHER_ROUND_1, ROUND_2, SENTENCE]) expect(exported).toContain(text);
      expect(exported).not.toContain(OFFLINE_EDIT.trim());
    } finally {
      await probe.stop();
    }

    // --- the restart --------------------------------------------------------------------
    await server.restart();
    await Promise.all(all.map((page) => expectLive(page, RECONNECT_TIMEOUT_MS)));

    // Same step, and the offline edit merged into everyone's sentence.
    await expectStep(all, STEPS.statement);
    const merged = SENTENCE + OFFLINE_EDIT;
    await Promise.all([
      ...[facilitator, ada, bo].map((page) => expect(sentenceField(page)).toHaveValue(merged)),
      expect(projector.getByRole('main').getByText(merged, { exact: true })).toBeVisible(),
    ]);
    await Promise.all(
      all.map((page) => expect(page.getByRole('figure', { name: 'Where the why-ladder ended' })).toContainText(PICKED)),
    );

    // The ladder is all there too.
    await back(facilitator, STEPS.ladder);
    await expectStep(all, STEPS.ladder);
    await Promise.all(
      all.map(async (page) => {
        await expect(page.getByRole('main').getByText(followUp(PICKED), { exact: true })).toBeVisible();
        await expect(answerCard(page, ROUND_2)).toBeVisible();
      }),
    );

    for (const page of all) {
      expect(await page.evaluate(() => (window as { __beforeCrash?: boolean }).__beforeCrash)).toBe(true);
    }

    // And the room keeps working after the restart.
    await postAnswer(ada, 'efter genstarten');
    await Promise.all(all.map((page) => expect(answerCard(page, 'efter genstarten')).toBeVisible()));
    await closeAll(all);
  } finally {
    await server.dispose();
  }
});
