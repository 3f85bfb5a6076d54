/**
 * The poster: after a 5 × hvorfor run the agreed purpose, the team name and
 * the date are typeset for A4, A3 and the screen; each fits one page, prints
 * as one PDF page, and passes axe. Only those who may open the projector link
 * see it. With POSTER_SCREENSHOTS=1 the renders are saved as docs/poster-*.png.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { Behaviours } from '../../src/model/behaviours.ts';
import type { CreatedRoom } from '../../src/model/protocol.ts';
import { seatParams } from '../helpers/seat-api.ts';
import { syncClient, type SyncClient } from '../helpers/sync-client.ts';
import { pdfPages } from '../unit/lib/export/readers.ts';
import { closeAll, createRoom, expect, local, openPage, test } from './fixtures/room.ts';
import { expectStep, next, STEPS } from './fixtures/workshop.ts';

const AGREED = 'Vi hjælper kunder på Ærø, så de går trygge hjem';
const TEAM = 'Kundeservice Ærø & Åland';
const PICKS = [
  'we help people on',
  'they get on with their day',
  'they feel safe',
  'it gives calm',
  'everyone deserves a good day',
];
const AGREED_LINE = /^Agreed \d{1,2} [A-Z][a-z]+ \d{4}$/;
/** 210 × 297 mm and 297 × 420 mm at 96 px per inch. */
const A4 = { width: 794, height: 1123 };
const A3 = { width: 1123, height: 1587 };
const SCREEN = { width: 1920, height: 1080 };
const DOCS = path.resolve(import.meta.dirname, '..', '..', 'docs');

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

test('after 5 × hvorfor the poster shows the agreed purpose, the team and the date, in every size', async ({
  room,
  server,
}, testInfo) => {
  test.setTimeout(120_000);
  const { facilitator, projector, participants } = room;
  const [ada, bo] = participants;
  const docs = await connect(server, room.created);
  try {
    // The why-ladder's picks, made as the facilitator would (the five-whys spec drives them by hand).
    PICKS.forEach((pick, round) => docs.control.control.pickLadderAnswer('ladder', round, `a${round}`, pick));
  } catch (error) {
    docs.close();
    throw error;
  }

  // The team name, typed in the console, reaches every screen.
  const team = facilitator.getByRole('textbox', { name: 'Team name' });
  await team.fill(TEAM);

  await next(facilitator, STEPS.ladder);
  await next(facilitator, STEPS.statement);
  // The sentence, written by a seated participant once the room is on its step (the server refuses it earlier).
  await expectStep([ada], STEPS.statement);
  try {
    docs.board.board.replaceStatementDraft('statement', AGREED);
    // The server holds it once the poster (which shows the draft) says it.
    const draftPoster = local(server, room.created.projectorUrl.replace('/projector', '/poster'));
    await expect.poll(async () => (await (await fetch(draftPoster)).text()).includes(AGREED)).toBe(true);
  } finally {
    docs.close();
  }
  await next(facilitator, STEPS.agreement);
  await facilitator.getByRole('button', { name: 'Put this to agreement' }).click();
  for (const page of [ada, bo]) {
    await page.getByRole('radio', { name: 'Agree' }).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('main').getByText('Your answer: Agree.')).toBeVisible();
  }
  await facilitator.getByRole('button', { name: 'Mark as agreed' }).click();
  await next(facilitator, STEPS.result);
  await expectStep([projector, ada], STEPS.result);
  for (const page of [projector, ada]) {
    const purpose = page.getByRole('region', { name: 'Our purpose' });
    await expect(purpose.getByText(AGREED, { exact: true })).toBeVisible();
    await expect(page.getByRole('main').getByText(`Team: ${TEAM}`)).toBeVisible();
  }

  // A participant opens the poster from the result step.
  const [poster] = await Promise.all([
    ada.context().waitForEvent('page'),
    ada
      .getByRole('region', { name: 'Poster for the wall' })
      .getByRole('link', { name: /Poster \(A4\)/ })
      .click(),
  ]);
  // Listen from the first load on: the print button's script runs as the page loads.
  const cspErrors = collectCspErrors(poster);
  await poster.reload();
  await expectPoster(poster);
  await expectAccessible(poster, 'A4 poster');

  // A4 and A3 as printed, and the screen version.
  await poster.setViewportSize(A4);
  await poster.emulateMedia({ media: 'print' });
  await expectFits(poster);
  await savePng(poster, 'poster-a4.png', testInfo);
  expect(await pdfPageTexts(poster)).toHaveLength(1);

  await poster.emulateMedia({ media: 'screen' });
  await poster.getByRole('link', { name: 'A3', exact: true }).click();
  await expect(poster).toHaveURL(/format=a3/);
  await poster.setViewportSize(A3);
  await poster.emulateMedia({ media: 'print' });
  await expectPoster(poster);
  await expectFits(poster);
  await savePng(poster, 'poster-a3.png', testInfo);
  const a3 = await pdfPageTexts(poster, 'A3');
  expect(a3).toHaveLength(1);
  expect(a3[0]).toContain(TEAM);

  await poster.emulateMedia({ media: 'screen' });
  await poster.setViewportSize(SCREEN);
  await poster.getByRole('link', { name: 'Screen', exact: true }).click();
  await expect(poster).toHaveURL(/format=screen/);
  await expectPoster(poster);
  await expectFits(poster);
  await savePng(poster, 'poster-screen.png', testInfo);
  await expectAccessible(poster, 'screen poster');
  expect(cspErrors).toEqual([]);

  // The console offers the same posters.
  const consoleLink = facilitator.getByRole('region', { name: 'Team and poster' }).getByRole('link', {
    name: /Poster on screen/,
  });
  await expect(consoleLink).toHaveAttribute('href', `/r/${room.created.room}/poster?format=screen`);
  await closeAll([poster]);
});

test('a long draft still fits one page, and says it is not agreed', async ({ browser, server }, testInfo) => {
  const created = await createRoom(server);
  const long =
    `${'Vi lytter først og spørger så, så kunden føler sig hørt og forstået, '.repeat(5)}hver eneste dag.`.slice(
      0,
      400,
    );
  const docs = await connect(server, created);
  try {
    await onStep(server, created, docs, 'statement');
    docs.board.board.replaceStatementDraft('statement', long);
    docs.control.control.setTeamName(TEAM);
  } finally {
    docs.close();
  }
  const page = await openPage(browser, local(server, created.projectorUrl.replace('/projector', '/poster')));
  await expect(page.getByRole('heading', { level: 1, name: 'Our purpose' })).toBeVisible();
  await expect(page.getByText('Not yet agreed', { exact: true })).toBeVisible();
  await expect(page.getByText(long.trim(), { exact: true })).toBeVisible();
  await expect(page.getByText(/^Draft of \d{1,2} [A-Z][a-z]+ \d{4}$/)).toBeVisible();
  for (const [format, size] of [
    ['a4', A4],
    ['a3', A3],
  ] as const) {
    await page.goto(posterUrlOf(page, format));
    await page.setViewportSize(size);
    await page.emulateMedia({ media: 'print' });
    await expectFits(page);
    await page.screenshot({ path: testInfo.outputPath(`long-${format}.png`) });
    expect(await pdfPageTexts(page, format === 'a4' ? 'A4' : 'A3')).toHaveLength(1);
    await page.emulateMedia({ media: 'screen' });
  }
  await page.setViewportSize(SCREEN);
  await page.goto(posterUrlOf(page, 'screen'));
  await expectFits(page);
  await page.screenshot({ path: testInfo.outputPath('long-screen.png') });
  await closeAll([page]);
});

test('a long list of behaviours fits one page, and each result has its own poster', async ({
  browser,
  server,
}, testInfo) => {
  const created = await createRoom(server, 'service-minded');
  const docs = await connect(server, created);
  const behaviour = (i: number) =>
    `Vi ringer kunden op igen inden for en arbejdsdag, når sagen ikke kunne løses med det samme (${i})`;
  try {
    await onStep(server, created, docs, 'behaviours');
    const list = new Behaviours(docs.board.doc);
    for (let i = 1; i <= 12; i++) {
      const added = list.add(
        'behaviours',
        {
          text: behaviour(i),
          how: 'Vi skriver det i sagen og sætter en påmindelse, så ingen glemmer det.',
          signs: 'Kunden siger tak for opkaldet og skal ikke selv ringe igen.',
        },
        { id: docs.seat, name: null },
      );
      expect(added.ok).toBe(true);
    }
  } finally {
    docs.close();
  }
  const page = await openPage(
    browser,
    local(server, created.projectorUrl.replace('/projector', '/poster?result=behaviours')),
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Our behaviours, most important first' })).toBeVisible();
  await expect(page.getByRole('article').getByRole('listitem')).toHaveCount(10);
  await expect(page.getByText('… and 2 more in the export')).toBeVisible();
  await page.setViewportSize(A4);
  await page.emulateMedia({ media: 'print' });
  await expectFits(page);
  await page.screenshot({ path: testInfo.outputPath('behaviours-a4.png') });
  expect(await pdfPageTexts(page)).toHaveLength(1);

  // A result that does not exist: a clear page, not a blank poster.
  const missing = await fetch(local(server, created.projectorUrl.replace('/projector', '/poster?result=nope')));
  expect(missing.status).toBe(404);
  expect(await missing.text()).toContain('This result does not exist');
  const badSize = await fetch(local(server, created.projectorUrl.replace('/projector', '/poster?format=letter')));
  expect(badSize.status).toBe(400);
  await closeAll([page]);
});

test('the poster is shown only to those who may open the projector link', async ({ server }) => {
  const created = await createRoom(server);
  const docs = await connect(server, created);
  try {
    await onStep(server, created, docs, 'statement');
    docs.board.board.replaceStatementDraft('statement', AGREED);
  } finally {
    docs.close();
  }
  const poster = local(server, created.projectorUrl.replace('/projector', '/poster'));
  const open = await fetch(poster);
  expect(open.status).toBe(200);
  expect(open.headers.get('cache-control')).toBe('no-store');
  expect(await open.text()).toContain(AGREED);

  // The facilitator replaces the participant link: the old address no longer shows the poster.
  const rotated = await fetch(`${server.url}/api/rooms/${created.room}/invite`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.facilitatorKey}` },
  });
  expect(rotated.status).toBe(200);
  const { projectorUrl } = (await rotated.json()) as { projectorUrl: string };
  const revoked = await fetch(poster);
  expect(revoked.status).toBe(410);
  expect(await revoked.text()).not.toContain(AGREED);
  const invited = await fetch(local(server, projectorUrl.replace('/projector', '/poster')));
  expect(invited.status).toBe(200);
  expect(await invited.text()).toContain(AGREED);
  expect((await fetch(`${server.url}/r/${'x'.repeat(21)}/poster`)).status).toBe(404);
});

/** A Node sync client for each document: the board one on a participant's own seat, the control one with the facilitator key. */
async function connect(server: { url: string }, created: CreatedRoom) {
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const params = await seatParams({ httpUrl: server.url }, created.room);
  const board = syncClient(wsUrl, created.room, params);
  const control = syncClient(wsUrl, `${created.room}/control`, { key: created.facilitatorKey });
  await Promise.all([board.synced, control.synced]);
  const close = () => [board, control].forEach((client: SyncClient) => client.provider.destroy());
  return { board, control, close, seat: params.seat! };
}

/**
 * The facilitator moves the room to `stepId`, and we wait until the server
 * holds it (a fresh client sees it): participants write only on the current step.
 */
async function onStep(server: { url: string }, created: CreatedRoom, docs: { control: SyncClient }, stepId: string) {
  docs.control.control.goToStep(stepId);
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const check = syncClient(wsUrl, `${created.room}/control`, { key: created.facilitatorKey });
  try {
    await check.synced;
    await expect.poll(() => check.control.currentStepId()).toBe(stepId);
  } finally {
    check.provider.destroy();
  }
}

function posterUrlOf(page: Page, format: string): string {
  const url = new URL(page.url());
  url.searchParams.set('format', format);
  return url.toString();
}

async function expectPoster(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Our purpose' })).toBeVisible();
  await expect(page.getByText(AGREED, { exact: true })).toBeVisible();
  await expect(page.getByText(TEAM, { exact: true })).toBeVisible();
  await expect(page.getByText(AGREED_LINE)).toBeVisible();
  await expect(page.getByText('5 × why: your team’s purpose', { exact: true })).toBeVisible();
}

/** Nothing on the sheet runs past its edges: every part lies inside it, and the middle holds its content. */
async function expectFits(page: Page): Promise<void> {
  const problems = await page.locator('.poster').evaluate((sheet) => {
    const edge = sheet.getBoundingClientRect();
    const out: string[] = [];
    const body = sheet.querySelector('.poster__body');
    if (body && body.scrollHeight > body.clientHeight + 1) {
      out.push(`body content ${body.scrollHeight}px in ${body.clientHeight}px`);
    }
    for (const part of sheet.querySelectorAll('.poster__head > *, .poster__body *, .poster__foot > *')) {
      const box = part.getBoundingClientRect();
      if (
        box.left < edge.left - 1 ||
        box.right > edge.right + 1 ||
        box.top < edge.top - 1 ||
        box.bottom > edge.bottom + 1
      ) {
        out.push(
          `${part.className || part.tagName} at ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`,
        );
      }
    }
    return out;
  });
  expect(problems).toEqual([]);
}

/** The page printed as Chromium prints it, page by page. */
async function pdfPageTexts(page: Page, format: 'A4' | 'A3' = 'A4'): Promise<string[]> {
  const pdf = await page.pdf({ format, preferCSSPageSize: true, printBackground: true });
  return pdfPages(pdf);
}

async function savePng(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  const target = process.env.POSTER_SCREENSHOTS === '1' ? path.join(DOCS, name) : testInfo.outputPath(name);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await page.screenshot({ path: target });
}

async function expectAccessible(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations
    .filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''))
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
  expect(blocking, `axe on ${view}`).toEqual([]);
}

/** Content-Security-Policy refusals the page reports (an inline script or style would show here). */
function collectCspErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}
