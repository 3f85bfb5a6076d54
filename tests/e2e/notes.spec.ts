/**
 * Notes and groups, live with a facilitator, a projector and two participants
 * (each its own browser context = its own device), against the real server.
 *
 * The privacy proof records every WebSocket frame the pages exchange: before
 * the facilitator reveals, the silent notes' text is in no frame that the
 * writer sent and in no frame the other participant, the projector or the
 * facilitator received; after the reveal it is on every screen (and in the
 * frames, which shows the recording would have caught it).
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, type Browser, type Page } from '@playwright/test';
import { closeAll, createRoom, E2E_SERVER_ENV, expect, expectLive, joinAs, local } from './fixtures/room.ts';
import { startServer, type ServerProcess } from './fixtures/server.ts';
import { next, stepHeading } from './fixtures/workshop.ts';

const WORKSHOP = 'notes-e2e';
const STEP = { quiet: 'Quiet ideas', sort: 'Sort them', stories: 'Good conversations' } as const;
const SECRET_ONE = 'Ring back before lunch zq7';
const SECRET_TWO = 'Learn the customer name xk4';
const BO_NOTE = 'Short queues on Mondays';
const RENAMED = 'Ada Lund';

const test = base.extend<object, { server: ServerProcess }>({
  server: [
    async ({}, use) => {
      const server = await startServer({
        env: E2E_SERVER_ENV,
        extraWorkshops: ['tests/e2e/workshops/notes-e2e.yaml'],
      });
      await use(server);
      await server.dispose();
    },
    { scope: 'worker' },
  ],
});

/** Every WebSocket frame a page received (and sent), as raw bytes, in order. */
type Recorder = { received: Buffer[]; sent: Buffer[] };

const toBytes = (payload: string | Buffer) => (typeof payload === 'string' ? Buffer.from(payload) : payload);
/** Yjs and awareness frames carry strings as UTF-8, so the text's bytes show up if it travelled. */
const carries = (frames: readonly Buffer[], text: string) => frames.some((f) => f.includes(Buffer.from(text)));

/** A page on its own device whose WebSocket traffic is recorded from the first frame. */
async function openRecorded(browser: Browser, url: string): Promise<{ page: Page; frames: Recorder }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const frames: Recorder = { received: [], sent: [] };
  page.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => frames.received.push(toBytes(frame.payload)));
    ws.on('framesent', (frame) => frames.sent.push(toBytes(frame.payload)));
  });
  await page.goto(url);
  return { page, frames };
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Scans the activity (`.notes` or `.group`); the views around it are a11y.spec.ts's to check. */
async function expectAccessible(page: Page, view: string, activity: '.notes' | '.group'): Promise<void> {
  const results = await new AxeBuilder({ page }).include(activity).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${view}`).toEqual([]);
}

/** A note card: the list item whose own text paragraph holds the text (not a merge or move option naming it). */
const card = (page: Page, text: string) => page.locator('li', { has: page.locator('p', { hasText: text }) });

test('silent notes stay private until reveal; merge, keyboard grouping and anonymous stories live on every screen', async ({
  browser,
  server,
}) => {
  // Four screens, two steps and eight axe scans: past the default minute on a busy machine.
  test.setTimeout(150_000);
  const created = await createRoom(server, WORKSHOP);
  const [fac, wall, ada, bo] = await Promise.all([
    openRecorded(browser, local(server, created.facilitatorUrl)),
    openRecorded(browser, local(server, created.projectorUrl)),
    openRecorded(browser, local(server, created.participantUrl)),
    openRecorded(browser, local(server, created.participantUrl)),
  ]);
  await joinAs(ada.page, 'Ada');
  await joinAs(bo.page, 'Bo');
  const everyone = [fac.page, wall.page, ada.page, bo.page];
  await Promise.all(everyone.map((page) => expectLive(page)));
  await Promise.all(everyone.map((page) => expect(stepHeading(page, STEP.quiet)).toBeVisible()));

  // --- silent writing: the drafts stay on Ada's device --------------------------------------
  await expect(ada.page.getByText('Only you can see your notes until the facilitator reveals them.')).toBeVisible();
  await expect(wall.page.getByText(/Everyone is writing on their own/)).toBeVisible();
  const adaField = ada.page.getByRole('textbox', { name: 'Your note' });
  await adaField.fill(SECRET_ONE);
  await adaField.press('Enter'); // short notes: Enter sends
  await adaField.fill(SECRET_TWO);
  await ada.page.getByRole('button', { name: 'Add note' }).click();
  await expect(card(ada.page, SECRET_ONE)).toContainText('Only you');
  await expect(card(ada.page, SECRET_TWO)).toBeVisible();
  await expect(ada.page.getByText('Your notes: 2 of 3')).toBeVisible();
  await bo.page.getByRole('textbox', { name: 'Your note' }).fill(BO_NOTE);
  await bo.page.getByRole('button', { name: 'Add note' }).click();
  await expect(card(bo.page, BO_NOTE)).toBeVisible();

  await expectAccessible(ada.page, 'participant, private drafts', '.notes');
  await expectAccessible(wall.page, 'projector, waiting for the reveal', '.notes');

  // The drafts live in Ada's storage…
  const stored = await ada.page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).toContain(SECRET_ONE);

  // …and travel nowhere. A barrier on Ada's own board socket: she changes her name after writing, so
  // her presence update is sent after anything the drafts could have caused. Once every other page has
  // received that update, whatever Ada sent before it has had its chance to arrive too.
  await ada.page.getByRole('button', { name: 'Change name' }).click();
  await ada.page.getByRole('textbox', { name: /your name/i }).fill(RENAMED);
  await ada.page.getByRole('button', { name: 'Save name' }).click();
  for (const other of [fac, wall, bo]) {
    await expect.poll(() => carries(other.frames.received, RENAMED), { message: 'rename arrived' }).toBe(true);
  }
  const renameIndex = ada.frames.sent.findIndex((f) => f.includes(Buffer.from(RENAMED)));
  expect(renameIndex).toBeGreaterThanOrEqual(0);
  for (const secret of [SECRET_ONE, SECRET_TWO, BO_NOTE]) {
    expect(carries(ada.frames.sent, secret), `Ada's browser sent "${secret}"`).toBe(false);
    expect(carries(bo.frames.sent, secret), `Bo's browser sent "${secret}"`).toBe(false);
    expect(carries(wall.frames.received, secret), `the projector received "${secret}"`).toBe(false);
    expect(carries(fac.frames.received, secret), `the facilitator received "${secret}"`).toBe(false);
  }
  expect(carries(bo.frames.received, SECRET_ONE), "Bo received Ada's silent note").toBe(false);
  expect(carries(bo.frames.received, SECRET_TWO), "Bo received Ada's silent note").toBe(false);
  expect(carries(ada.frames.received, BO_NOTE), "Ada received Bo's silent note").toBe(false);
  for (const page of [fac.page, wall.page, bo.page]) await expect(page.getByText(SECRET_ONE)).toHaveCount(0);

  // --- reveal: each browser publishes its own drafts -----------------------------------------
  await fac.page.getByRole('button', { name: 'Reveal', exact: true }).click();
  for (const page of everyone) {
    await expect(card(page, SECRET_ONE)).toBeVisible();
    await expect(card(page, SECRET_TWO)).toBeVisible();
    await expect(card(page, BO_NOTE)).toBeVisible();
  }
  expect(carries(bo.frames.received, SECRET_ONE), 'the recording sees text that did travel').toBe(true);
  await expect(card(wall.page, BO_NOTE)).toContainText('Bo'); // a named step shows who wrote it
  await expect(card(ada.page, SECRET_ONE)).toContainText('By you');
  await expect(card(ada.page, SECRET_ONE)).not.toContainText('Only you'); // the draft is gone from the device
  await expect(wall.page.getByText('3 notes — aim for 3–6')).toBeVisible();
  await expect
    .poll(() => ada.page.evaluate((s) => JSON.stringify({ ...localStorage }).includes(s), SECRET_ONE))
    .toBe(false);
  // After the reveal a new note goes straight to the board.
  await ada.page.getByRole('textbox', { name: 'Your note' }).fill('Call when promised');
  await ada.page.getByRole('textbox', { name: 'Your note' }).press('Enter');
  await expect(card(bo.page, 'Call when promised')).toBeVisible();
  await expect(ada.page.getByText(/most notes this step allows \(3\)/)).toBeVisible();

  await expectAccessible(ada.page, 'participant, notes revealed', '.notes');
  await expectAccessible(wall.page, 'projector, notes revealed', '.notes');
  await expectAccessible(fac.page, 'console, notes revealed', '.notes');

  // --- the facilitator merges note two into note one, by keyboard-usable controls -------------
  const mergeSelect = fac.page.getByRole('combobox', { name: `Merge “${SECRET_TWO}” into` });
  await mergeSelect.selectOption({ label: SECRET_ONE });
  await fac.page.getByRole('button', { name: `Merge “${SECRET_TWO}” into the chosen note` }).click();
  for (const page of everyone) {
    const merged = card(page, SECRET_ONE);
    await expect(merged).toContainText(SECRET_TWO);
    await expect(merged).toContainText('Combines 2 notes');
    await expect(card(page, SECRET_TWO)).toHaveCount(1);
  }

  // --- grouping: Bo makes a group, Ada moves a note into it by keyboard ---------------------
  await next(fac.page, STEP.sort);
  await Promise.all(everyone.map((page) => expect(stepHeading(page, STEP.sort)).toBeVisible()));
  await bo.page.getByRole('button', { name: 'New group' }).click();
  const nameField = bo.page.getByRole('textbox', { name: 'Name of group 1' });
  await expect(nameField).toBeFocused();
  await nameField.pressSequentially('Speed');
  await expect(wall.page.getByRole('heading', { name: 'Speed' })).toBeVisible();

  const moveSelect = ada.page.getByRole('combobox', { name: `Move “${BO_NOTE}” to` });
  await moveSelect.focus();
  await ada.page.keyboard.press('ArrowDown'); // "Not in a group" → "Speed"
  await expect(moveSelect.locator('option:checked')).toHaveText('Speed');
  await ada.page.keyboard.press('Tab');
  await expect(ada.page.getByRole('button', { name: `Move “${BO_NOTE}”` })).toBeFocused();
  await ada.page.keyboard.press('Enter');
  for (const page of everyone) {
    await expect(page.getByRole('region', { name: /Speed|Group 1/ }).getByText(BO_NOTE)).toBeVisible();
  }
  // The moved note keeps keyboard focus in its new place.
  await expect(ada.page.getByRole('combobox', { name: `Move “${BO_NOTE}” to` })).toBeFocused();

  // Drag and drop does the same with a mouse.
  await card(bo.page, 'Call when promised').dragTo(bo.page.getByRole('region', { name: /Group 1/ }));
  await expect(wall.page.getByRole('region', { name: 'Speed' }).getByText('Call when promised')).toBeVisible();
  await expectAccessible(bo.page, 'participant, grouping', '.group');
  await expectAccessible(wall.page, 'projector, grouping', '.group');

  // Locked: participants can look but no longer move or add.
  await fac.page.getByRole('button', { name: 'Lock step' }).click();
  await expect(bo.page.getByRole('button', { name: 'New group' })).toHaveCount(0);
  await expect(bo.page.getByRole('combobox', { name: `Move “${BO_NOTE}” to` })).toHaveCount(0);
  await expect(bo.page.getByRole('heading', { name: 'Speed' })).toBeVisible();

  // --- anonymous stories: a long field, and no name on any screen -------------------------
  await next(fac.page, STEP.stories);
  const story = ada.page.getByRole('textbox', { name: 'Your story' });
  await story.fill('A caller was lost.');
  await story.press('Enter'); // a story keeps line breaks: Enter does not send
  await story.pressSequentially('We found the answer together.');
  await ada.page.getByRole('button', { name: 'Add story' }).click();
  for (const page of [wall.page, bo.page, fac.page]) {
    const storyCard = card(page, 'A caller was lost.');
    await expect(storyCard).toContainText('We found the answer together.');
    await expect(storyCard).not.toContainText(RENAMED);
  }
  // Nothing that carried the story names its writer: neither her name nor her device id.
  const adaId = await ada.page.evaluate(() => JSON.parse(localStorage.getItem('ledestjerne.identity') ?? '{}').id);
  expect(adaId).toEqual(expect.any(String));
  const storyFrames = bo.frames.received.filter((f) => f.includes(Buffer.from('We found the answer together.')));
  expect(storyFrames.length).toBeGreaterThan(0);
  expect(carries(storyFrames, RENAMED)).toBe(false);
  expect(carries(storyFrames, adaId)).toBe(false);

  await closeAll(everyone);
});
