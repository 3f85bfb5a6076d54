/**
 * How fast the room feels, measured in the browsers (information for the
 * report, printed as `timing: {...}`; the only assertion is a generous bound):
 *  - opening the participant link until the board is shown and the status is "Live",
 *  - an answer posted by one participant until it shows on the other's screen and the projector.
 * Times are taken inside the pages (requestAnimationFrame polling and a
 * MutationObserver), so Playwright's own polling does not add to them.
 */
import type { Page } from '@playwright/test';
import { closeAll, expect, joinAs, local, test } from './fixtures/room.ts';
import { answerCard, expectStep, next, STEPS } from './fixtures/workshop.ts';

/** Generous bounds: a loaded CI machine should still be far below them. */
const ANSWER_BOUND_MS = 5_000;
/** Page load, hydration and two document syncs: twice the answer bound. */
const JOIN_BOUND_MS = 10_000;
const ANSWERS = 10;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

/** Milliseconds from the start of the navigation until the status says "Live" and `ready` holds. */
async function msUntilLive(page: Page, readySelector: string): Promise<number> {
  const handle = await page.waitForFunction(
    (selector) => {
      const live = document.querySelector('[role="status"]')?.textContent === 'Live';
      return live && document.querySelector(selector) ? Math.round(performance.now()) : false;
    },
    readySelector,
    { polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/** Records, per answer text, when it first appeared on this page (epoch ms; the pages share one clock). */
async function watchAnswers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: Record<string, number> }).__seen = seen;
    const scan = () => {
      const now = Date.now();
      for (const el of document.querySelectorAll('main li p')) {
        const text = el.textContent ?? '';
        if (text.startsWith('timing ') && !(text in seen)) seen[text] = now;
      }
    };
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Records when Enter is pressed in the answer field, per answer text. */
async function watchSending(page: Page): Promise<void> {
  await page.evaluate(() => {
    const sent: Record<string, number> = {};
    (window as unknown as { __sent: Record<string, number> }).__sent = sent;
    document.addEventListener(
      'keydown',
      (event) => {
        const field = event.target as HTMLTextAreaElement;
        if (event.key === 'Enter' && field.tagName === 'TEXTAREA') sent[field.value.trim()] = Date.now();
      },
      { capture: true },
    );
  });
}

test('timing: joining and answer round trips', async ({ room, server, browser }) => {
  const { facilitator, projector, participants, all } = room;
  const [ada, bo] = participants;

  // --- (a) opening the participant link ------------------------------------------
  const link = local(server, room.created.participantUrl);
  // First visit: the name step is what a new participant sees first.
  const context = await browser.newContext();
  const newcomer = await context.newPage();
  const started = Date.now();
  await newcomer.goto(link);
  const firstVisitMs = await msUntilLive(newcomer, 'main form.name-form');
  const firstVisitWallMs = Date.now() - started;
  await joinAs(newcomer, 'Cai');
  // Returning: the same device opens the link again and lands on the live board directly.
  const againStarted = Date.now();
  await newcomer.goto(link);
  const returningMs = await msUntilLive(newcomer, 'main h1#step-title');
  const returningWallMs = Date.now() - againStarted;

  // --- (b) an answer from one participant to the other and the projector ----------
  await next(facilitator, STEPS.ladder);
  await expectStep(all, STEPS.ladder);
  await Promise.all([watchAnswers(bo), watchAnswers(projector), watchSending(ada)]);
  const field = ada.getByRole('textbox', { name: 'Your answer' });
  for (let i = 0; i < ANSWERS; i++) {
    const text = `timing ${i + 1} æøå`;
    await field.fill(text);
    await field.press('Enter');
    await Promise.all([expect(answerCard(bo, text)).toBeVisible(), expect(answerCard(projector, text)).toBeVisible()]);
  }
  const read = (page: Page, key: '__sent' | '__seen') =>
    page.evaluate((k) => (window as unknown as Record<string, Record<string, number>>)[k]!, key);
  const [sent, seenByBo, seenByProjector] = await Promise.all([
    read(ada, '__sent'),
    read(bo, '__seen'),
    read(projector, '__seen'),
  ]);
  const latencies = (seen: Record<string, number>) =>
    Object.keys(sent).map((text) => {
      expect(seen[text], `"${text}" seen`).toBeDefined();
      return seen[text]! - sent[text]!;
    });
  const toParticipant = latencies(seenByBo);
  const toProjector = latencies(seenByProjector);
  expect(toParticipant).toHaveLength(ANSWERS);

  const timing = {
    participantFirstVisitLiveMs: firstVisitMs,
    participantFirstVisitWallMs: firstVisitWallMs,
    participantReturningBoardLiveMs: returningMs,
    participantReturningWallMs: returningWallMs,
    answerToParticipantMedianMs: median(toParticipant),
    answerToParticipantMaxMs: Math.max(...toParticipant),
    answerToProjectorMedianMs: median(toProjector),
    answerToProjectorMaxMs: Math.max(...toProjector),
  };
  console.log('timing:', JSON.stringify(timing));
  expect(timing.participantFirstVisitLiveMs).toBeLessThan(JOIN_BOUND_MS);
  expect(timing.participantReturningBoardLiveMs).toBeLessThan(JOIN_BOUND_MS);
  expect(timing.answerToParticipantMedianMs).toBeLessThan(ANSWER_BOUND_MS);
  expect(timing.answerToProjectorMedianMs).toBeLessThan(ANSWER_BOUND_MS);
  await closeAll([newcomer]);
});
