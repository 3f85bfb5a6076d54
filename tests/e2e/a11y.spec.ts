/**
 * Accessibility: axe finds no serious or critical WCAG 2.x A/AA violations on
 * any view at any step of the workshop (with content on the boards, so answer
 * cards, votes and results are checked too), and the core actions work with
 * the keyboard alone.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { closeAll, createRoom, expect, expectLive, local, openPage, test } from './fixtures/room.ts';
import {
  answerCard,
  expectStep,
  followUp,
  next,
  postAnswer,
  sentenceField,
  STEP_ORDER,
  STEPS,
} from './fixtures/workshop.ts';

// Independent tests, each with its own room: spread them over the workers.
test.describe.configure({ mode: 'parallel' });

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** Scans the page and fails with a readable list of serious and critical violations. */
async function expectAccessible(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations
    .filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''))
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
    );
  expect(blocking, `axe on ${view}`).toEqual([]);
}

test('no serious axe violations on the start page and the name step', async ({ browser, server }) => {
  const created = await createRoom(server);
  const start = await openPage(browser, `${server.url}/?lang=en`);
  await expect(start.getByRole('button', { name: 'Start workshop' })).toBeEnabled();
  await expectAccessible(start, 'start page');

  // The name step of a first visit.
  const newcomer = await openPage(browser, local(server, created.participantUrl));
  await expect(newcomer.getByRole('button', { name: 'Join', exact: true })).toBeVisible();
  await expectLive(newcomer);
  await expectAccessible(newcomer, 'participant name step');

  // The start page again, with a recent room listed.
  await start.goto(local(server, created.facilitatorUrl));
  await expectLive(start);
  await start.goto(`${server.url}/?lang=en`);
  await expect(start.getByRole('region', { name: 'Recent rooms on this device' })).toBeVisible();
  await expectAccessible(start, 'start page with recent rooms');
  await closeAll([start, newcomer]);
});

test('no serious axe violations on the console, projector and participant at every step', async ({ room }) => {
  // Fifteen scans on one walk through the workshop: cheaper than a room per step.
  test.setTimeout(150_000);
  const { facilitator, projector, participants, all } = room;
  const [ada, bo] = participants;
  const views = { console: facilitator, projector, participant: ada } as const;
  for (const [i, title] of STEP_ORDER.entries()) {
    await test.step(title, async () => {
      if (i > 0) await next(facilitator, title);
      await expectStep(all, title);
      await fillStep(title, { facilitator, ada, bo, projector });
      await Promise.all(Object.entries(views).map(([name, page]) => expectAccessible(page, `${name} on "${title}"`)));
    });
  }
});

/** Puts something on the board of each step, so the scans see the filled-in state. */
async function fillStep(
  title: string,
  { facilitator, ada, bo, projector }: Record<'facilitator' | 'ada' | 'bo' | 'projector', Page>,
) {
  switch (title) {
    case STEPS.ladder: {
      await postAnswer(ada, 'vi hjælper kunden videre');
      await postAnswer(bo, 'kunden får ro');
      await bo.getByRole('button', { name: 'Support: “vi hjælper kunden videre”' }).click();
      await facilitator.getByRole('button', { name: 'Pick for the next why: “vi hjælper kunden videre”' }).click();
      // The next question first: an answer sent before it arrives belongs to the round before.
      await expect(bo.getByRole('main').getByText(followUp('vi hjælper kunden videre'), { exact: true })).toBeVisible();
      await postAnswer(bo, 'kunden kommer videre');
      await expect(answerCard(projector, 'kunden kommer videre')).toBeVisible();
      // The closed round's other answers, unfolded, so the scans see them too.
      for (const page of [facilitator, projector, ada]) {
        await page.getByText('Other answers (1)').click();
        await expect(page.getByRole('group').getByText('kunden får ro', { exact: true })).toBeVisible();
      }
      return;
    }
    case STEPS.statement: {
      await sentenceField(ada).fill('Vi hjælper kunder videre så de går trygge hjem');
      await expect(projector.getByText('9 words — aim for 7–10')).toBeVisible();
      await facilitator.getByRole('button', { name: 'Save version' }).click();
      return;
    }
    case STEPS.agreement: {
      await facilitator.getByRole('button', { name: 'Put this to agreement' }).click();
      await ada.getByRole('radio', { name: 'Agree' }).check();
      await ada.getByRole('button', { name: 'Send' }).click();
      await bo.getByRole('radio', { name: 'Object' }).check();
      // Sending without the required note shows the error: scanned in that state.
      await bo.getByRole('button', { name: 'Send' }).click();
      await expect(bo.getByRole('alert')).toHaveText('Please write what would make it acceptable for you.');
      await expectAccessible(bo, 'participant with a missing objection note');
      await bo.getByRole('textbox', { name: 'What would make it acceptable for you?' }).fill('Sig det kortere');
      await bo.getByRole('button', { name: 'Send' }).click();
      await expect(projector.getByRole('list', { name: 'Objections' }).getByRole('listitem')).toHaveCount(1);
      // The sentence editor opened in place, as after an objection.
      for (const page of [facilitator, ada]) {
        await page.getByRole('button', { name: 'Edit the sentence' }).click();
        await expect(sentenceField(page)).toBeFocused();
      }
      // Scanned with the objection, then agreed, so the result step shows an agreed sentence.
      await Promise.all([facilitator, projector, ada].map((page) => expectAccessible(page, 'agreement with votes')));
      await facilitator.getByRole('button', { name: 'Mark as agreed' }).click();
      return;
    }
    case STEPS.result:
      await expect(projector.getByRole('region', { name: 'Our purpose' })).toContainText(/Agreed \w+/);
      return;
    default:
  }
}

test('keyboard: Tab to the answer field, Enter sends; Tab to Next, Enter moves the step', async ({
  browser,
  server,
}) => {
  const created = await createRoom(server);
  const facilitator = await openPage(browser, local(server, created.facilitatorUrl));
  await expect(facilitator.getByRole('button', { name: 'Next', exact: true })).toBeEnabled();

  // The console: Tab until Next has focus, then Enter.
  const nextButton = facilitator.getByRole('button', { name: 'Next', exact: true });
  await tabUntil(facilitator, nextButton);
  await facilitator.keyboard.press('Enter');
  await expectStep([facilitator], STEPS.ladder);

  // A participant on the ladder, keyboard only from the name step on.
  const participant = await openPage(browser, local(server, created.participantUrl));
  const nameField = participant.getByRole('textbox', { name: /your name/i });
  await tabUntil(participant, nameField);
  await participant.keyboard.type('Kåre');
  await participant.keyboard.press('Enter');
  await expect(participant.getByText('You are Kåre')).toBeVisible();
  await expectStep([participant], STEPS.ladder);
  const answerField = participant.getByRole('textbox', { name: 'Your answer' });
  await tabUntil(participant, answerField);
  await participant.keyboard.type('vi gør dagen lettere');
  await participant.keyboard.press('Enter');
  await expect(answerCard(participant, 'vi gør dagen lettere')).toBeVisible();
  await expect(answerCard(facilitator, 'vi gør dagen lettere')).toBeVisible();
  // The field is empty and still focused, ready for the next answer.
  await expect(answerField).toHaveValue('');
  await expect(answerField).toBeFocused();
  // Shift+Enter does not send.
  await participant.keyboard.type('to linjer');
  await participant.keyboard.press('Shift+Enter');
  await expect(answerField).toHaveValue('to linjer\n');
  await closeAll([facilitator, participant]);
});

/** Presses Tab until `target` has focus; fails after a sane number of stops. */
async function tabUntil(page: Page, target: ReturnType<Page['getByRole']>, maxStops = 40): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()} within ${maxStops} stops`);
}
