/**
 * The facilitator's hands stay on one screen: at 1440×900 the room's answers,
 * their pick buttons and Next are in view together without scrolling (in the
 * last round too, with the earlier whys folded into one line); the
 * last round's pick says it ends the ladder; preview keeps to the centre
 * column; the facilitator is listed as the facilitator; with HOST=127.0.0.1
 * the links point where the server answers and the console says how to open the room.
 */
import type { Locator, Page } from '@playwright/test';
import * as Y from 'yjs';
import { buildExport } from '../../src/lib/export/model.ts';
import { Control } from '../../src/model/control.ts';
import type { CreatedRoom } from '../../src/model/protocol.ts';
import { workshopNamed } from '../helpers/core-runs.ts';
import { syncClient } from '../helpers/sync-client.ts';
import { fillLadder } from '../helpers/wall-fill.ts';
import { createRoom, expect, expectLive, joinAs, local, test } from './fixtures/room.ts';

test.describe.configure({ mode: 'parallel' });

const CONSOLE = { width: 1440, height: 900 } as const;

/** A five-whys room on the ladder with `count` answers in round `round` (earlier rounds picked), via the import path. */
async function ladderRoom(server: { url: string }, count: number, round: number): Promise<CreatedRoom> {
  const docs = { board: new Y.Doc(), control: new Y.Doc() };
  const step = fillLadder(workshopNamed('five-whys'), docs, count, round);
  const workshop = workshopNamed('five-whys');
  const exported = buildExport({ room: 'console', workshop, locale: 'en', createdAt: Date.now(), ...docs });
  const response = await fetch(`${server.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workshop: 'five-whys', locale: 'en', import: exported }),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as CreatedRoom;
  const control = syncClient(`${server.url.replace(/^http/, 'ws')}/sync`, `${created.room}/control`, {
    key: created.facilitatorKey,
  });
  await control.synced;
  new Control(control.doc).goToStep(step.id);
  const check = syncClient(`${server.url.replace(/^http/, 'ws')}/sync`, `${created.room}/control`, {
    key: created.facilitatorKey,
  });
  await check.synced;
  await expect.poll(() => new Control(check.doc).currentStepId()).toBe(step.id);
  for (const client of [control, check]) client.provider.destroy();
  return created;
}

async function openConsole(page: Page, server: { url: string }, created: CreatedRoom): Promise<void> {
  await page.setViewportSize(CONSOLE);
  await page.goto(local(server, created.facilitatorUrl));
  await expectLive(page, 30_000);
}

/** The element's whole box inside the window, as the page stands (nothing scrolled). */
async function expectOnScreen(locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box!.y, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what} bottom (at ${Math.round(box!.y)})`).toBeLessThanOrEqual(CONSOLE.height);
  expect(box!.x + box!.width, `${what} right`).toBeLessThanOrEqual(CONSOLE.width);
}

async function expectAnswersAndPicksOnScreen(page: Page, count: number, pick: RegExp): Promise<void> {
  const answers = page.locator('.ladder-answer');
  await expect(answers).toHaveCount(count);
  const picks = page.getByRole('button', { name: pick });
  await expect(picks).toHaveCount(count);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  for (let i = 0; i < count; i++) {
    await expectOnScreen(answers.nth(i), `answer ${i + 1}`);
    await expectOnScreen(picks.nth(i), `pick button ${i + 1}`);
  }
  await expectOnScreen(page.getByRole('button', { name: 'Next', exact: true }), 'Next');
}

test('the first why: four answers, their pick buttons and Next on one screen at 1440×900', async ({ page, server }) => {
  await openConsole(page, server, await ladderRoom(server, 4, 0));
  await expectAnswersAndPicksOnScreen(page, 4, /^Pick for the next why: /);
});

test('the last why: four answers and "Pick as the final answer" on one screen, the earlier whys folded, and no "next why"', async ({
  page,
  server,
}) => {
  await openConsole(page, server, await ladderRoom(server, 4, 4));
  await expectAnswersAndPicksOnScreen(page, 4, /^Pick as the final answer, the raw material for your purpose: /);
  await expect(page.getByRole('button', { name: /^Pick for the next why/ })).toHaveCount(0);
  // The four earlier whys are folded into one line, and open from the keyboard.
  const earlier = page.locator('.ladder-earlier-summary');
  await expect(earlier).toHaveText('4 earlier whys and the answers carried on');
  await expect(page.locator('.ladder-rung--picked')).toHaveCount(4);
  await expect(page.locator('.ladder-rung--picked').first()).toBeHidden();
  await earlier.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ladder-rung--picked')).toHaveCount(4);
  for (const rung of await page.locator('.ladder-rung--picked').all()) await expect(rung).toBeVisible();
});

test('preview keeps to the centre column and the facilitator is not a guest', async ({ page, server }) => {
  const created = await ladderRoom(server, 3, 1);
  await openConsole(page, server, created);
  const presence = page.getByRole('region', { name: 'Who is here' });
  await expect(presence.getByText('Facilitator (you)')).toBeVisible();
  await expect(presence.getByText(/Guest/)).toHaveCount(0);

  await page.locator('.step-nav__button', { hasText: 'Your sentence' }).click();
  const banner = page.locator('.preview-banner');
  await expect(banner).toBeVisible();
  const boxes = await page.evaluate(() => {
    const box = (el: Element | null) => {
      const b = el?.getBoundingClientRect();
      return b ? { left: b.left, right: b.right, top: b.top, bottom: b.bottom } : null;
    };
    return {
      centre: box(document.querySelector('.console__center')),
      side: box(document.querySelector('.console__side')),
      aside: box(document.querySelector('.console__aside')),
      parts: [...document.querySelectorAll('.console__center > *')].map(box),
    };
  });
  const { centre, side, aside, parts } = boxes;
  expect(side!.right).toBeLessThanOrEqual(centre!.left);
  expect(aside!.left).toBeGreaterThanOrEqual(centre!.right);
  // The banner, the previewed step and the stage follow one another: none covers another.
  for (let i = 1; i < parts.length; i++) {
    expect(parts[i]!.top, `part ${i + 1} starts below part ${i}`).toBeGreaterThanOrEqual(parts[i - 1]!.bottom);
    expect(parts[i]!.left).toBeGreaterThanOrEqual(centre!.left - 0.5);
    expect(parts[i]!.right).toBeLessThanOrEqual(centre!.right + 0.5);
  }
  // Focus on the previewed title is not hidden under the sticky bar.
  await page.getByRole('button', { name: 'Back to the current step' }).click();
  await page.locator('.step-nav__button', { hasText: 'Your purpose' }).click();
  await page.getByRole('button', { name: 'Bring everyone here' }).click();
  const title = page.locator('#current-title');
  await expect(title).toBeFocused();
  const bar = await page.locator('.room-bar').boundingBox();
  const heading = await title.boundingBox();
  expect(heading!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 0.5);
});

test('with HOST=127.0.0.1 the links are on the address the server answers, and the console says how to open the room', async ({
  page,
  server,
}) => {
  const created = await ladderRoom(server, 1, 0);
  expect(new URL(created.participantUrl).hostname).toBe('127.0.0.1');
  await openConsole(page, server, created);
  await expect(page.getByTestId('local-only')).toContainText('HOST=0.0.0.0');
  const participantLink = page.getByRole('textbox', { name: 'Participant link' });
  const link = await participantLink.inputValue();
  expect(link.startsWith(`${server.url}/r/${created.room}`)).toBe(true);
  const joined = await page.context().newPage();
  await joined.goto(link);
  await expectLive(joined, 30_000);
  await joined.close();
});

test('the define step shows how many have written, never what', async ({ browser, page, server }) => {
  const created = await createRoom(server, 'service-minded', 'en');
  const control = syncClient(`${server.url.replace(/^http/, 'ws')}/sync`, `${created.room}/control`, {
    key: created.facilitatorKey,
  });
  await control.synced;
  new Control(control.doc).goToStep('definition');
  await openConsole(page, server, created);
  const participant = await (await browser.newContext()).newPage();
  try {
    await participant.goto(local(server, created.participantUrl));
    await expectLive(participant, 30_000);
    await joinAs(participant, 'Ada');
    await expect(page.getByText('0 of 1 have written something.')).toBeVisible();
    const secret = 'Being curious about the customer';
    await participant.getByRole('textbox', { name: /^Your definition of/ }).fill(secret);
    await expect(page.getByText('1 of 1 have written something.')).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);
    await participant.getByRole('textbox', { name: /^Your definition of/ }).fill('');
    await expect(page.getByText('0 of 1 have written something.')).toBeVisible();
  } finally {
    control.provider.destroy();
    await participant.context().close();
  }
});
