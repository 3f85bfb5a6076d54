/**
 * The wall follows what is current: through the whole 5 × hvorfor with five
 * rounds of three answers or more, the walls at 1920×1080 and 1280×720 keep
 * the current "why?", the ladder so far, the proposal and the result inside
 * the screen at every step, with no scroll and no text below the wall's
 * minimum; finished rungs and earlier rounds' answers compress to make room.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, expectLive, local, test } from './fixtures/room.ts';
import { expectWallShows } from './fixtures/wall-measure.ts';
import { answerCard, expectStep, followUp, next, postAnswer, sentenceField, STEPS } from './fixtures/workshop.ts';

/** Per round: Ada's answer (carried on), Ada's second and Bo's; long and short, as a room writes. */
const ROUNDS = [
  [
    'we want every customer to leave the call knowing what happens next',
    'it is our job',
    'a customer who is stuck needs someone who listens before answering',
  ],
  [
    'customers who know what happens next stop worrying and get on with their day',
    'fewer calls come back to us',
    'we are the only ones who can see the whole case at once',
  ],
  [
    'people who are not worried trust us with the next problem too',
    'trust saves time on both sides of the phone',
    'it feels good to end a call well',
  ],
  [
    'trust is what lets a small town rely on its public services',
    'everyone here knows someone who works with us',
    'we would rather prevent a problem than fix it twice',
  ],
  [
    'a town that relies on its services can spend its energy on living',
    'that is why we came to work here in the first place',
    'because it matters to the people we meet every day',
  ],
] as const;
const SENTENCE = 'We help every caller know what happens next';

const RUNG = '.ladder-rung';
const CURRENT_WHY = '.ladder-rung--current .ladder-rung-question-text';
const ANSWER = '.ladder-answer';

async function openWall(browser: Browser, url: string, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  await page.goto(url);
  // Several walls and phones on a busy machine: allow the first connection time.
  await expectLive(page, 30_000);
  return page;
}

test('through the whole 5 × hvorfor the current why, the ladder and the result stay on both walls', async ({
  room,
  browser,
  server,
}) => {
  test.setTimeout(240_000);
  const { facilitator, participants, all } = room;
  const [ada, bo] = participants;
  const walls = await Promise.all(
    [
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 },
    ].map((size) => openWall(browser, local(server, room.created.projectorUrl), size)),
  );
  const check = async (label: string, selectors: readonly string[]) => {
    for (const wall of walls) {
      const { width, height } = wall.viewportSize()!;
      const report = await expectWallShows(wall, selectors, `${label} at ${width}×${height}`);
      console.log(`wall-follow: ${label} at ${width}×${height}: smallest text ${report.smallest}px`);
    }
  };

  await next(facilitator, STEPS.ladder);
  await expectStep([...all, ...walls], STEPS.ladder);
  for (const [round, [picked, second, other]] of ROUNDS.entries()) {
    await test.step(`round ${round + 1}`, async () => {
      await Promise.all([
        (async () => {
          await postAnswer(ada, picked);
          await postAnswer(ada, second);
        })(),
        postAnswer(bo, other),
      ]);
      for (const wall of walls)
        for (const text of [picked, second, other]) await expect(answerCard(wall, text)).toBeVisible();
      // Every rung so far (the finished ones compressed), the current why and this round's answers.
      await check(`round ${round + 1} with 3 answers`, [RUNG, CURRENT_WHY, ANSWER]);
      await facilitator
        .getByRole('button', { name: new RegExp(`: “${escape(picked)}”$`) })
        .filter({ hasText: 'Pick' })
        .click();
      if (round < ROUNDS.length - 1) {
        for (const wall of walls) await expect(wall.getByText(followUp(picked), { exact: true })).toBeVisible();
        await check(`round ${round + 2} before answers`, [RUNG, CURRENT_WHY]);
      }
    });
  }
  for (const wall of walls)
    await expect(wall.getByRole('heading', { name: 'The why-ladder is complete' })).toBeVisible();
  // The finished ladder: all five rungs, and the last answer as the raw material.
  await check('the complete ladder', [RUNG, '.ladder-complete-answer']);
  for (const wall of walls) await expect(wall.locator(RUNG)).toHaveCount(ROUNDS.length);

  await next(facilitator, STEPS.statement);
  await expectStep(walls, STEPS.statement);
  await sentenceField(ada).fill(SENTENCE);
  for (const wall of walls) await expect(wall.getByText(SENTENCE, { exact: true })).toBeVisible();
  await check('the sentence', ['.statement-projected-text', '.statement-inspiration-text']);

  await next(facilitator, STEPS.agreement);
  await expectStep(walls, STEPS.agreement);
  await facilitator.getByRole('button', { name: 'Put this to agreement' }).click();
  for (const wall of walls) await expect(wall.getByRole('figure', { name: 'Proposal' })).toContainText(SENTENCE);
  for (const [page, choice] of [
    [ada, 'Agree'],
    [bo, 'Object'],
  ] as const) {
    await page.getByRole('radio', { name: choice }).check();
    if (choice === 'Object') {
      await page.getByRole('textbox', { name: 'What would make it acceptable for you?' }).fill('Say who we are');
    }
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('main').getByText(`Your answer: ${choice}.`)).toBeVisible();
  }
  for (const wall of walls) await expect(wall.getByText('Say who we are')).toBeVisible();
  await check('the proposal with an objection', ['.consent-proposal-text', '.consent-objection']);
  await facilitator.getByRole('button', { name: 'Mark as agreed' }).click();
  for (const wall of walls) await expect(wall.locator('.consent-agreed-text')).toHaveText(SENTENCE);
  await check('the agreement', ['.consent-agreed-text']);

  await next(facilitator, STEPS.result);
  await expectStep(walls, STEPS.result);
  for (const wall of walls) await expect(wall.locator('.result-text-body')).toHaveText(SENTENCE);
  // The result and the ladder that led to it, together on one screen.
  await check('the result', ['.result-text-body', '.result-ladder']);
  for (const wall of walls) {
    const ladder = wall.getByRole('region', { name: 'How we got here' });
    for (const [picked] of ROUNDS) await expect(ladder.getByText(picked, { exact: true })).toBeVisible();
  }
  await Promise.all(walls.map((wall) => wall.context().close()));
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
