/**
 * The wall during a round: "I'm done" from two participants, counted on the
 * console (with names) and the wall (the count only), and reset on the next
 * step; a spotlight round: the facilitator puts one answer up, the walls at
 * 1920×1080 and 1280×720 show it large inside the screen, participants see
 * and hear the mark, and one click goes back to the board. The spotlight
 * survives reloads and goes when its answer or its step does.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, expectLive, local, test } from './fixtures/room.ts';
import { expectWallShows } from './fixtures/wall-measure.ts';
import { answerCard, back, expectStep, next, postAnswer, STEPS } from './fixtures/workshop.ts';

const DONE = "I'm done";

async function openWall(browser: Browser, url: string, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  await page.goto(url);
  // Several walls and phones on a busy machine: allow the first connection time.
  await expectLive(page, 30_000);
  return page;
}

/** The wall's count: a ✓ (decoration) and the words. */
const doneCount = (page: Page, text: string) => page.getByRole('main').getByText(new RegExp(`^\\W*${text}$`));

test("I'm done from two participants: counted on the console with names, on the wall as a number, reset on the next step", async ({
  room,
}) => {
  const { facilitator, projector, participants, all } = room;
  const [ada, bo] = participants;
  // The intro is read, not worked on: nobody says done there.
  await expect(ada.getByRole('button', { name: DONE })).toHaveCount(0);
  await next(facilitator, STEPS.ladder);
  await expectStep(all, STEPS.ladder);

  const consoleDone = facilitator.getByRole('region', { name: 'Done' });
  await expect(consoleDone.getByText('0 of 2 done')).toBeVisible();
  await expect(consoleDone.getByText('Nobody has said they are done yet.')).toBeVisible();
  await expect(doneCount(projector, '0 of 2 done')).toBeVisible();

  const adaDone = ada.getByRole('button', { name: DONE });
  await expect(adaDone).toHaveAttribute('aria-pressed', 'false');
  await adaDone.click();
  await expect(adaDone).toHaveAttribute('aria-pressed', 'true');
  await expect(ada.getByText('You have said you are done. Press again to take it back.')).toBeVisible();
  await expect(consoleDone.getByText('1 of 2 done')).toBeVisible();
  await expect(consoleDone.getByRole('list', { name: 'Who is done' })).toHaveText('✓ Ada');
  await expect(doneCount(projector, '1 of 2 done')).toBeVisible();

  await bo.getByRole('button', { name: DONE }).click();
  await expect(consoleDone.getByText('2 of 2 done')).toBeVisible();
  await expect(consoleDone.getByRole('list', { name: 'Who is done' }).getByRole('listitem')).toHaveText([
    '✓ Ada',
    '✓ Bo',
  ]);
  await expect(doneCount(projector, '2 of 2 done')).toBeVisible();
  // The wall says how many, never who.
  await expect(projector.getByRole('main').getByText('Ada')).toHaveCount(0);

  // Taken back: the count goes down everywhere.
  await adaDone.click();
  await expect(adaDone).toHaveAttribute('aria-pressed', 'false');
  await expect(consoleDone.getByText('1 of 2 done')).toBeVisible();
  await expect(doneCount(projector, '1 of 2 done')).toBeVisible();

  // The next step starts at zero for everyone.
  await next(facilitator, STEPS.statement);
  await expectStep(all, STEPS.statement);
  for (const page of participants)
    await expect(page.getByRole('button', { name: DONE })).toHaveAttribute('aria-pressed', 'false');
  await expect(consoleDone.getByText('0 of 2 done')).toBeVisible();
  await expect(doneCount(projector, '0 of 2 done')).toBeVisible();
  // And the ladder's count is kept for the ladder: back there, Bo is still done.
  await back(facilitator, STEPS.ladder);
  await expect(consoleDone.getByText('1 of 2 done')).toBeVisible();
  await expect(bo.getByRole('button', { name: DONE })).toHaveAttribute('aria-pressed', 'true');
});

test('a spotlight round: one answer large on both walls, marked for participants, back to the board in one click', async ({
  room,
  browser,
  server,
}) => {
  test.setTimeout(90_000);
  const { facilitator, projector, participants, all } = room;
  const [ada, bo] = participants;
  const big = await openWall(browser, local(server, room.created.projectorUrl), { width: 1920, height: 1080 });
  const walls = [projector, big];
  await next(facilitator, STEPS.ladder);
  await expectStep([...all, big], STEPS.ladder);

  const focus = 'vi holder det vi lover, også når det er svært';
  const other = 'kunderne kommer igen';
  await Promise.all([postAnswer(ada, focus), postAnswer(bo, other)]);
  for (const wall of walls) await expect(answerCard(wall, other)).toBeVisible();
  const boardFont = await big.locator('.projector__fit').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

  const show = facilitator.getByRole('button', { name: `Show on the wall: “${focus}”` });
  await show.click();
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  const panel = facilitator.getByRole('region', { name: 'Spotlight' });
  await expect(panel).toContainText(focus);

  for (const wall of walls) {
    const spot = wall.locator('.wall-spotlight');
    await expect(spot).toContainText(focus);
    await expect(spot).toContainText('In focus');
    // The board gives way: the other answer is not on the wall while the spotlight is up.
    await expect(wall.getByText(other, { exact: true })).toHaveCount(0);
    const size = wall.viewportSize()!;
    await expectWallShows(
      wall,
      ['.wall-spotlight__text', '.wall-spotlight__label'],
      `spotlight at ${size.width}×${size.height}`,
    );
  }
  const spotFont = await big
    .locator('.wall-spotlight__text')
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(spotFont, 'the spotlight is larger than the board').toBeGreaterThan(boardFont);
  console.log(`wall-live: at 1920×1080 the board's body text is ${boardFont}px, the spotlight's ${spotFont}px`);

  // Participants: a visible mark with words on the answer, and a polite announcement.
  for (const page of participants) {
    await expect(answerCard(page, focus).getByText('On the wall now')).toBeVisible();
    await expect(answerCard(page, other).getByText('On the wall now')).toHaveCount(0);
  }
  await expect(bo.locator('#live-announcer')).toHaveText(`On the wall now: ${focus}`);
  await expect(bo.locator('#live-announcer')).toHaveAttribute('aria-live', 'polite');

  // A reload of the wall and of the console keeps it (it is stored with the room).
  await big.reload();
  await expectLive(big);
  await expect(big.locator('.wall-spotlight')).toContainText(focus);
  await facilitator.reload();
  await expectLive(facilitator);
  await expect(facilitator.getByRole('region', { name: 'Spotlight' })).toContainText(focus);
  await expect(projector.locator('.wall-spotlight')).toContainText(focus);

  // One click back to the board.
  await facilitator.getByRole('button', { name: 'Back to the board' }).click();
  for (const wall of walls) {
    await expect(wall.locator('.wall-spotlight')).toHaveCount(0);
    await expect(answerCard(wall, other)).toBeVisible();
    await expect(answerCard(wall, focus)).toBeVisible();
  }
  for (const page of participants) await expect(page.getByText('On the wall now')).toHaveCount(0);
  await expect(bo.locator('#live-announcer')).toHaveText('The wall shows the whole board again.');
  await expect(facilitator.getByRole('region', { name: 'Spotlight' })).toHaveCount(0);

  // The answer in the spotlight is removed by its author: the wall goes back to the board by itself.
  await facilitator.getByRole('button', { name: `Show on the wall: “${other}”` }).click();
  for (const wall of walls) await expect(wall.locator('.wall-spotlight')).toContainText(other);
  await bo.getByRole('button', { name: `Remove: “${other}”` }).click();
  for (const wall of walls) {
    await expect(wall.locator('.wall-spotlight')).toHaveCount(0);
    await expect(answerCard(wall, focus)).toBeVisible();
  }
  await expect(facilitator.getByRole('region', { name: 'Spotlight' })).toHaveCount(0);

  // A new step ends the spotlight, and coming back does not bring it back.
  await facilitator.getByRole('button', { name: `Show on the wall: “${focus}”` }).click();
  for (const wall of walls) await expect(wall.locator('.wall-spotlight')).toContainText(focus);
  await next(facilitator, STEPS.statement);
  await expectStep(walls, STEPS.statement);
  for (const wall of walls) await expect(wall.locator('.wall-spotlight')).toHaveCount(0);
  await back(facilitator, STEPS.ladder);
  await expectStep(walls, STEPS.ladder);
  for (const wall of walls) {
    await expect(answerCard(wall, focus)).toBeVisible();
    await expect(wall.locator('.wall-spotlight')).toHaveCount(0);
  }
  await big.context().close();
});
