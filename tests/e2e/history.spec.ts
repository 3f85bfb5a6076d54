/**
 * Nothing is lost: a hostile script holding the facilitator key (a stock
 * y-websocket client, no browser) wipes the answers of the why-ladder. The
 * facilitator opens the step's history in the console, sees who wrote what
 * and the wipe, restores the step to the moment before it, and everyone's
 * screen and the exported file have the answers again. Then the restore is
 * undone from the same list, as a restore of the whole board.
 */
import fs from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { CreatedRoom, SeatGrant } from '../../src/model/protocol.ts';
import { seatsPath } from '../../src/model/protocol.ts';
import { syncClient } from '../helpers/sync-client.ts';
import { closeAll, createRoom, expect, expectLive, joinAs, local, openPage, test } from './fixtures/room.ts';
import { answerCard, expectStep, next, STEPS } from './fixtures/workshop.ts';

const ANSWERS = ['Customers trust us', 'We answer quickly'];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * A stock y-websocket client on the board with a seat of its own: with the
 * facilitator key (`key`) it is the hostile writer, without it a participant
 * whose presence shows `name`.
 */
async function boardClient(server: { url: string }, created: CreatedRoom, who: { key?: string; name?: string }) {
  const response = await fetch(server.url + seatsPath(created.room), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(who.key ? { authorization: `Bearer ${who.key}` } : {}) },
    body: '{}',
  });
  expect(response.status).toBe(201);
  const grant = (await response.json()) as SeatGrant;
  const wsUrl = server.url.replace(/^http/, 'ws') + '/sync';
  const params = { seat: grant.seat, secret: grant.secret, ...(who.key ? { key: who.key } : {}) };
  const client = syncClient(wsUrl, created.room, params);
  // As the browser publishes it; the server stamps id and role and keeps only the name.
  if (who.name) client.provider.awareness.setLocalStateField('user', { id: grant.seat, name: who.name, role: 'participant' });
  await client.synced;
  return { ...client, seat: grant.seat };
}

const historyPanel = (page: Page) => page.getByRole('region', { name: 'History of this step' });

test('a wiped step is restored from the console, for everyone and in the export', async ({ browser, server }) => {
  const created = await createRoom(server);
  const facilitator = await openPage(browser, local(server, created.facilitatorUrl));
  const ada = await openPage(browser, local(server, created.participantUrl));
  await joinAs(ada, 'Ada');
  await Promise.all([expectLive(facilitator), expectLive(ada)]);
  await next(facilitator, STEPS.ladder);
  // Bo writes from a stock client with a seat, as any participant's device does.
  const bo = await boardClient(server, created, { name: 'Bo' });
  const hostile = await boardClient(server, created, { key: created.facilitatorKey });
  try {
    // Ada's screen follows the server: once it shows the ladder, the server is on it.
    await expectStep([ada], STEPS.ladder);
    for (const text of ANSWERS) bo.board.addLadderAnswer('ladder', 0, text, { id: bo.seat, name: 'Bo' });
    for (const page of [ada, facilitator]) {
      for (const text of ANSWERS) await expect(answerCard(page, text)).toBeVisible();
    }

    await expect.poll(() => hostile.board.ladderAnswers('ladder').length).toBe(2);
    hostile.board.ladderAnswersArray('ladder').delete(0, 2);
    for (const page of [ada, facilitator]) {
      for (const text of ANSWERS) await expect(answerCard(page, text)).toHaveCount(0);
    }

    // The history lists Bo's answers and the wipe, newest first, by keyboard.
    const panel = historyPanel(facilitator);
    await panel.getByRole('button', { name: 'Show history' }).focus();
    await facilitator.keyboard.press('Enter');
    const items = panel
      .getByRole('list')
      .first()
      .getByRole('listitem')
      .filter({ has: facilitator.getByRole('time') });
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toContainText('Facilitator');
    await expect(items.nth(0)).toContainText('answers: 2 removed');
    await expect(items.nth(1)).toContainText('Bo');
    await expect(items.nth(1)).toContainText('answers: 1 added');

    // Back to the moment after Bo's second answer, with a confirmation.
    await items
      .nth(1)
      .getByRole('button', { name: /^Restore to .*, after the change by Bo$/ })
      .click();
    const confirm = items.nth(1).getByRole('group');
    await expect(confirm).toContainText('Everything changed after that moment is undone');
    const axe = await new AxeBuilder({ page: facilitator }).include('.history').withTags(WCAG_TAGS).analyze();
    expect(axe.violations.map((v) => `${v.impact} ${v.id}: ${v.help}`)).toEqual([]);
    await confirm.getByRole('button', { name: `Restore the step “${STEPS.ladder}”` }).click();
    await expect(panel.getByText(new RegExp(`^“${STEPS.ladder}” is back to how it was at`))).toBeVisible();
    await expect(facilitator.locator('#live-announcer')).toContainText('is back to how it was at');
    for (const page of [ada, facilitator]) {
      for (const text of ANSWERS) await expect(answerCard(page, text)).toBeVisible();
    }
    await expect.poll(() => hostile.board.ladderAnswers('ladder').length).toBe(2);

    // The exported file has the answers again.
    const [download] = await Promise.all([
      facilitator.waitForEvent('download'),
      facilitator
        .getByRole('region', { name: 'Export the results' })
        .getByRole('link', { name: 'Data (JSON)', exact: true })
        .click(),
    ]);
    const exported = await fs.readFile(await download.path(), 'utf8');
    for (const text of ANSWERS) expect(exported).toContain(text);

    // The restore is in the list too; restoring to the wipe undoes it, for everyone.
    await expect(items).toHaveCount(4);
    await expect(items.nth(0)).toContainText('Restore to');
    await items
      .nth(1)
      .getByRole('button', { name: /after the change by Facilitator$/ })
      .click();
    await items.nth(1).getByRole('group').getByRole('button', { name: 'Restore the whole board' }).click();
    await expect(panel.getByText(/^The whole board is back to how it was at/)).toBeVisible();
    for (const text of ANSWERS) await expect(answerCard(ada, text)).toHaveCount(0);
    await expect(items).toHaveCount(5);
  } finally {
    hostile.provider.destroy();
    bo.provider.destroy();
    await closeAll([facilitator, ada]);
  }
});
