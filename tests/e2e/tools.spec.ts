/**
 * The facilitation tools, live across browser contexts: one room timer that
 * shows the same second on screens whose clocks are minutes apart, lock,
 * preview and "bring everyone here", undo of the facilitator's own pick, and
 * who is here with a count of who has contributed.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { closeAll, createRoom, expect, expectLive, joinAs, local, test } from './fixtures/room.ts';
import { answerCard, expectStep, FIRST_QUESTION, followUp, next, postAnswer, STEPS } from './fixtures/workshop.ts';
import { syncClient } from '../helpers/sync-client.ts';

// Independent tests, each with its own room: spread them over the workers.
test.describe.configure({ mode: 'parallel' });

const MINUTE_MS = 60_000;

/**
 * A new browser context whose clock is `shiftMs` off, like a laptop or phone
 * set wrong: Date (and so Date.now and new Date()) is shifted before any page
 * script runs; timers run at normal speed.
 */
async function openSkewed(browser: Browser, url: string, shiftMs: number): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((shift: number) => {
    const RealDate = Date;
    class SkewedDate extends RealDate {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(RealDate.now() + shift);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static override now(): number {
        return RealDate.now() + shift;
      }
    }
    globalThis.Date = SkewedDate as DateConstructor;
  }, shiftMs);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Seconds left as a screen shows them (m:ss or h:mm:ss). */
async function shownSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole('timer').textContent())?.trim() ?? '';
  const parts = text.split(':').map(Number);
  if (parts.length < 2 || parts.some((n) => !Number.isInteger(n))) throw new Error(`not a clock: "${text}"`);
  return parts.reduce((total, n) => total * 60 + n, 0);
}

/** Reads every screen at once and checks they agree to the second, and lie in [min, max]. */
async function expectSameSecond(pages: Page[], min: number, max: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const seconds = await Promise.all(pages.map(shownSeconds));
        const spread = Math.max(...seconds) - Math.min(...seconds);
        return spread <= 1 && seconds.every((s) => s >= min && s <= max) ? 'agree' : seconds.join(' / ');
      },
      { message: `timers agree within 1 s and show ${min}–${max} s` },
    )
    .toBe('agree');
}

const timerPanel = (page: Page) => page.getByRole('region', { name: 'Timer' });

test('the timer shows the same second on screens whose clocks are minutes apart', async ({ browser, server }) => {
  const created = await createRoom(server);
  const facilitator = await openSkewed(browser, local(server, created.facilitatorUrl), 0);
  const projector = await openSkewed(browser, local(server, created.projectorUrl), -3 * MINUTE_MS);
  const participant = await openSkewed(browser, local(server, created.participantUrl), 7 * MINUTE_MS);
  await joinAs(participant, 'Ada');
  const all = [facilitator, projector, participant];
  await Promise.all(all.map((page) => expectLive(page)));
  // The clocks really are apart.
  const clocks = await Promise.all(all.map((page) => page.evaluate(() => Date.now())));
  expect(clocks[2]! - clocks[1]!).toBeGreaterThan(9.5 * MINUTE_MS);

  // The ladder suggests 30 minutes: the field is preset with it.
  await next(facilitator, STEPS.ladder);
  const minutes = timerPanel(facilitator).getByRole('spinbutton', { name: 'Minutes' });
  await expect(minutes).toHaveValue('30');
  // Nothing shows in the room until the timer runs.
  await expect(projector.getByRole('timer')).toHaveCount(0);
  await expect(participant.getByRole('timer')).toHaveCount(0);

  await minutes.fill('10');
  await timerPanel(facilitator).getByRole('button', { name: 'Start' }).click();
  await expect(timerPanel(facilitator).getByText(/^\W*Running$/)).toBeVisible();
  // Uncorrected, the participant would show 3:00 and the projector 13:00.
  await expectSameSecond(all, 9 * 60, 10 * 60);
  for (const page of [projector, participant]) await expect(page.getByText('Time left', { exact: true })).toBeVisible();
  // The phone loads its timer display only once the room has a timer; it was here before, so the start is news.
  await expect(participant.locator('#live-announcer')).toHaveText(/^The timer is running: \d+:\d\d left\.$/);

  // Pause: every screen stops on the same second and says so in words.
  await timerPanel(facilitator).getByRole('button', { name: 'Pause' }).click();
  for (const page of [projector, participant]) await expect(page.getByText(/^\W*Paused$/)).toBeVisible();
  await expectSameSecond(all, 9 * 60, 10 * 60);
  const paused = await shownSeconds(facilitator);
  await Promise.all(all.map((page) => expect.poll(() => shownSeconds(page)).toBe(paused)));

  // Add a minute while paused: one minute more everywhere.
  await timerPanel(facilitator).getByRole('button', { name: 'Add a minute' }).click();
  await Promise.all(all.map((page) => expect.poll(() => shownSeconds(page)).toBe(paused + 60)));

  // Resume, then add a minute while running.
  await timerPanel(facilitator).getByRole('button', { name: 'Resume' }).click();
  await expect(participant.getByText(/^\W*Paused$/)).toHaveCount(0);
  await expectSameSecond(all, paused + 60 - 5, paused + 60);
  await timerPanel(facilitator).getByRole('button', { name: 'Add a minute' }).click();
  await expectSameSecond(all, paused + 120 - 5, paused + 120);

  // Reset: back to ten minutes, not running, gone from the room's screens.
  await timerPanel(facilitator).getByRole('button', { name: 'Reset' }).click();
  await expect(timerPanel(facilitator).getByRole('timer')).toHaveText('10:00');
  await expect(projector.getByRole('timer')).toHaveCount(0);
  await expect(participant.getByRole('timer')).toHaveCount(0);
  await closeAll(all);
});

test('every screen says "Time is up" at zero, whatever its clock', async ({ browser, server }) => {
  const created = await createRoom(server);
  const facilitator = await openSkewed(browser, local(server, created.facilitatorUrl), 0);
  const projector = await openSkewed(browser, local(server, created.projectorUrl), -3 * MINUTE_MS);
  const participant = await openSkewed(browser, local(server, created.participantUrl), 7 * MINUTE_MS);
  await joinAs(participant, 'Bo');
  const all = [facilitator, projector, participant];
  await Promise.all(all.map((page) => expectLive(page)));

  // The shortest timer the console sets is a minute; a facilitator client in Node sets one of a few seconds.
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const client = syncClient(wsUrl, `${created.room}/control`, { key: created.facilitatorKey });
  await client.synced;
  const { now } = (await (await fetch(`${server.url}/api/time`)).json()) as { now: number };
  const durationMs = 4_000;
  client.control.setTimer({ durationMs, endsAt: now + durationMs, remainingMs: durationMs });

  // The screen a few seconds before zero, then zero: in words on every screen, and the clock at 0:00.
  await Promise.all([projector, participant].map((page) => expect(page.getByText('Time left')).toBeVisible()));
  await Promise.all(
    all.map(async (page) => {
      await expect(page.getByText(/^\W*Time is up$/)).toBeVisible({ timeout: 15_000 });
      await expect(page.getByRole('timer')).toHaveText('0:00');
    }),
  );
  // Told to screen readers too, in the page's polite live region.
  await expect(participant.locator('#live-announcer')).toHaveText('Time is up.');

  // A minute more after zero: a whole minute from now, everywhere.
  await timerPanel(facilitator).getByRole('button', { name: 'Add a minute' }).click();
  await expectSameSecond(all, 55, 60);
  client.provider.destroy();
  await closeAll(all);
});

test('lock: participants see a notice and cannot answer; unlock opens the step again', async ({ room }) => {
  const { facilitator, participants, all } = room;
  const [ada, bo] = participants;
  await next(facilitator, STEPS.ladder);
  await expectStep(all, STEPS.ladder);
  await postAnswer(ada, 'vi hjælper kunden videre');
  const notice = 'This step is locked. You can read along, but not add or change anything right now.';

  await expect(facilitator.getByText('Open: participants can add and change.')).toBeVisible();
  await facilitator.getByRole('button', { name: 'Lock step' }).click();
  await expect(facilitator.getByText('Locked: participants can look but not change anything.')).toBeVisible();
  for (const page of participants) {
    await expect(page.getByText(notice)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Your answer' })).toBeDisabled();
  }
  await expect(bo.getByRole('button', { name: 'Support: “vi hjælper kunden videre”' })).toBeDisabled();
  await expect(ada.getByRole('button', { name: 'Remove: “vi hjælper kunden videre”' })).toBeDisabled();
  await expect(bo.locator('#live-announcer')).toHaveText('The facilitator has locked this step.');
  // The facilitator can still pick while the room is locked.
  await expect(
    facilitator.getByRole('button', { name: 'Pick for the next why: “vi hjælper kunden videre”' }),
  ).toBeEnabled();
  await expectAccessible(ada, 'participant on a locked step');

  await facilitator.getByRole('button', { name: 'Unlock step' }).click();
  for (const page of participants) {
    await expect(page.getByText(notice)).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Your answer' })).toBeEnabled();
  }
  await postAnswer(bo, 'kunden får ro');
  await expect(answerCard(facilitator, 'kunden får ro')).toBeVisible();
});

test('preview a step in the console only, then bring everyone there', async ({ room }) => {
  const { facilitator, projector, participants, all } = room;
  const others = [projector, ...participants];
  const stepList = facilitator.getByRole('navigation', { name: 'Steps' });

  await stepList.getByRole('button', { name: new RegExp(STEPS.statement) }).click();
  await expect(facilitator.getByText(`Preview — participants see: ${STEPS.intro}`)).toBeVisible();
  await expectStep([facilitator], STEPS.statement);
  await expect(stepList.getByRole('button', { name: new RegExp(STEPS.statement) })).toContainText('Preview');
  // Nobody else moved.
  await expectStep(others, STEPS.intro);
  await expect(facilitator.getByRole('heading', { name: STEPS.intro, exact: true })).toHaveCount(0);
  await expectAccessible(facilitator, 'console previewing a step');

  // Back to the room's step without moving anyone.
  await facilitator.getByRole('button', { name: 'Back to the current step' }).click();
  await expectStep([facilitator], STEPS.intro);
  await expect(facilitator.getByText(/^Preview — participants see/)).toHaveCount(0);

  // Preview again, and bring everyone.
  await stepList.getByRole('button', { name: new RegExp(STEPS.statement) }).click();
  await facilitator.getByRole('button', { name: 'Bring everyone here' }).click();
  await expectStep(all, STEPS.statement);
  await expect(facilitator.getByText(/^Preview — participants see/)).toHaveCount(0);
  await expect(stepList.getByRole('button', { name: new RegExp(STEPS.statement) })).toHaveAttribute(
    'aria-current',
    'step',
  );
  await expect(facilitator.getByRole('heading', { name: STEPS.statement, exact: true })).toBeFocused();

  // Next and Back still move everyone, also from a preview.
  await stepList.getByRole('button', { name: new RegExp(STEPS.result) }).click();
  await facilitator.getByRole('button', { name: 'Back', exact: true }).click();
  await expectStep(all, STEPS.ladder);
  await expect(facilitator.getByText(/^Preview — participants see/)).toHaveCount(0);
});

test('undo takes back the facilitator’s pick, not a participant’s answer', async ({ room }) => {
  const { facilitator, participants, all } = room;
  const [ada, bo] = participants;
  await next(facilitator, STEPS.ladder);
  // "Undo" alone when there is nothing, "Undo: <what>" otherwise (the ladder's own "Undo last pick" is another button).
  const undoButton = facilitator.getByRole('button', { name: /^Undo(: .+)?$/ });
  await expect(undoButton).toBeDisabled();

  const picked = 'vi hjælper kunden videre';
  const pickButton = facilitator.getByRole('button', { name: `Pick for the next why: “${picked}”` });
  const nextQuestion = followUp(picked);
  const everyoneSees = (question: string) =>
    Promise.all(all.map((page) => expect(page.getByRole('main').getByText(question, { exact: true })).toBeVisible()));

  await postAnswer(ada, picked);
  await pickButton.click();
  await everyoneSees(nextQuestion);
  // Meanwhile Bo answers the new question: that is Bo's, not the facilitator's to undo.
  await postAnswer(bo, 'kunden kommer videre');

  await expect(undoButton).toHaveText(/Undo: the pick/);
  await undoButton.click();
  await everyoneSees(FIRST_QUESTION);
  for (const page of all) await expect(answerCard(page, picked)).toBeVisible();
  await expect(undoButton).toBeDisabled();

  // Picked again: Bo's answer to the next question is still there.
  await pickButton.click();
  await everyoneSees(nextQuestion);
  for (const page of all) await expect(answerCard(page, 'kunden kommer videre')).toBeVisible();

  // Ctrl+Z does the same when focus is not in a text field; in a text field it is the field's own.
  await facilitator.getByRole('textbox', { name: 'Your answer' }).focus();
  await facilitator.keyboard.press('Control+z');
  await expect(ada.getByRole('main').getByText(nextQuestion, { exact: true })).toBeVisible();
  await expect(undoButton).toHaveText(/Undo: the pick/);
  await facilitator.getByRole('heading', { name: STEPS.ladder, exact: true }).focus();
  await facilitator.keyboard.press('Control+z');
  await everyoneSees(FIRST_QUESTION);
  await expect(answerCard(ada, picked)).toBeVisible();
});

test('who is here, with guests, and how many have contributed to the step', async ({ room, browser, server }) => {
  const { facilitator, participants, all } = room;
  const [ada, bo] = participants;
  const presence = facilitator.getByRole('region', { name: 'Who is here' });

  // On a brief there is nothing to count.
  await expect(presence.getByText(/have contributed/)).toHaveCount(0);
  await next(facilitator, STEPS.ladder);
  await expectStep(all, STEPS.ladder);
  await expect(presence.getByText('0 of 2 have contributed')).toBeVisible();

  await postAnswer(ada, 'vi hjælper kunden videre');
  await expect(presence.getByText('1 of 2 have contributed')).toBeVisible();
  await expect(presence.getByRole('listitem').filter({ hasText: 'Ada' })).toContainText('has contributed');
  await expect(presence.getByRole('listitem').filter({ hasText: 'Bo' })).not.toContainText('has contributed');

  // Supporting an answer counts too.
  await bo.getByRole('button', { name: 'Support: “vi hjælper kunden videre”' }).click();
  await expect(presence.getByText('2 of 2 have contributed')).toBeVisible();

  // Someone joins without a name: shown as a guest, and the total grows.
  const guest = await (async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(local(server, room.created.participantUrl));
    await joinAs(page, null);
    return page;
  })();
  await expect(
    presence.getByRole('listitem').filter({ hasText: 'Guest' }).filter({ hasText: 'Participant' }),
  ).toBeVisible();
  await expect(presence.getByText('2 of 3 have contributed')).toBeVisible();
  // The facilitator's own answer is not the room's.
  await postAnswer(facilitator, 'det er vores arbejde');
  await expect(presence.getByText('2 of 3 have contributed')).toBeVisible();
  await expectAccessible(facilitator, 'console with presence and tools');
  await closeAll([guest]);
});

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

async function expectAccessible(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations
    .filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''))
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
  expect(blocking, `axe on ${view}`).toEqual([]);
}
