/**
 * Define a word, agree on it, and list the behaviours behind it, live with the
 * facilitator's console, the projector and two participants (separate browser
 * contexts): own definitions stay on their writer's device until the reveal —
 * proven by the WebSocket frames every other screen received — then show side
 * by side everywhere; the agreed definition is drafted live, put to consent,
 * and made concrete as behaviours that are reordered by keyboard and by drag.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page, WebSocket } from '@playwright/test';
import {
  closeAll,
  createRoom,
  E2E_SERVER_ENV,
  expect,
  expectLive,
  joinAs,
  local,
  test as roomTest,
} from './fixtures/room.ts';
import { startServer, type ServerProcess } from './fixtures/server.ts';
import { next, stepHeading } from './fixtures/workshop.ts';

const WORKSHOP = 'define-behaviours-test';
const STEPS = { define: 'What is service?', consent: 'Can we stand behind it?', behaviours: 'What do we do?' } as const;

/** Each participant's own definition: unique strings, so a frame carrying one is unmistakable. */
const SECRET_ADA = 'Ada-secret: we solve it before the customer has to ask twice';
const SECRET_BO = 'Bo-secret: every caller leaves knowing what happens next';
const AGREED = 'We solve it at once and say what happens next';
const BEHAVIOURS = {
  greet: { text: 'Greet the caller by name', how: 'Say the name in the first sentence', signs: 'Callers relax' },
  sum: { text: 'Sum up before hanging up', how: 'Repeat the next step out loud', signs: 'Fewer repeat calls' },
  follow: { text: 'Follow up the same day', how: 'Book a callback in the case', signs: 'Cases close sooner' },
} as const;

const test = roomTest.extend<object, { server: ServerProcess }>({
  server: [
    async ({}, use) => {
      const server = await startServer({
        env: E2E_SERVER_ENV,
        extraWorkshops: [`tests/e2e/workshops/${WORKSHOP}.yaml`],
      });
      await use(server);
      await server.dispose();
    },
    { scope: 'worker' },
  ],
});

/**
 * Every WebSocket frame a page sent and received, from its first load on; `shared` is what it sent
 * on the sockets others read (board, control), not to its own seat's private document.
 */
type FrameLog = { sent: Buffer[]; received: Buffer[]; shared: Buffer[] };

function recordFrames(page: Page): FrameLog {
  const log: FrameLog = { sent: [], received: [], shared: [] };
  const bytes = (payload: string | Buffer) => (typeof payload === 'string' ? Buffer.from(payload) : payload);
  page.on('websocket', (socket: WebSocket) => {
    const ownSeat = new URL(socket.url()).pathname.endsWith('/seat');
    socket.on('framesent', ({ payload }) => {
      log.sent.push(bytes(payload));
      if (!ownSeat) log.shared.push(bytes(payload));
    });
    socket.on('framereceived', ({ payload }) => log.received.push(bytes(payload)));
  });
  return log;
}

/** Whether any frame holds the text (Yjs writes strings as UTF-8, so the bytes appear as they are). */
function framesContain(frames: readonly Buffer[], text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  return frames.some((frame) => frame.includes(needle));
}

async function openRecorded(browser: Browser, url: string): Promise<{ page: Page; frames: FrameLog }> {
  const page = await (await browser.newContext()).newPage();
  const frames = recordFrames(page);
  await page.goto(url);
  return { page, frames };
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Scans the page. The console's presence list is left out: it is the tools' part of the
 * console (checked by a11y.spec.ts), and with contribution marks it can become a
 * scrollable region that axe flags; these scans are about the define and behaviours steps.
 */
async function expectAccessible(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('.presence__list').analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${view}`).toEqual([]);
}

const ownField = (page: Page) => page.getByRole('textbox', { name: 'Your definition of “service”' });
const agreedField = (page: Page) => page.getByRole('textbox', { name: 'Our definition of “service”' });
const cards = (page: Page) => page.getByRole('region', { name: /own definitions?$/ }).getByRole('listitem');
const behaviourTexts = (page: Page) => page.locator('.behaviours-list > li .behaviours-item-text');

async function rename(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Change name' }).click();
  await page.getByRole('textbox', { name: /your name/i }).fill(name);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText(`You are ${name}`)).toBeVisible();
}

async function addBehaviour(page: Page, b: { text: string; how: string; signs: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a behaviour' });
  await form.getByRole('textbox', { name: 'What we do' }).fill(b.text);
  await form.getByRole('textbox', { name: /How we carry it out/ }).fill(b.how);
  await form.getByRole('textbox', { name: /How you can see it happen/ }).fill(b.signs);
  await form.getByRole('button', { name: 'Add behaviour' }).click();
  // The form empties for the next one.
  await expect(form.getByRole('textbox', { name: 'What we do' })).toHaveValue('');
}

test('own definitions stay private until the reveal, then one is agreed and made concrete', async ({
  browser,
  server,
}) => {
  test.setTimeout(150_000);
  const created = await createRoom(server, WORKSHOP, 'en');
  const [facilitator, projector, ada, bo] = await Promise.all([
    openRecorded(browser, local(server, created.facilitatorUrl)),
    openRecorded(browser, local(server, created.projectorUrl)),
    openRecorded(browser, local(server, created.participantUrl)),
    openRecorded(browser, local(server, created.participantUrl)),
  ]);
  await Promise.all([joinAs(ada.page, 'Ada'), joinAs(bo.page, 'Bo')]);
  const pages = [facilitator.page, projector.page, ada.page, bo.page];
  await Promise.all(pages.map((page) => expectLive(page)));
  await Promise.all(pages.map((page) => expect(stepHeading(page, STEPS.define)).toBeVisible()));

  // --- phase 1: each writes in private ------------------------------------------------
  await test.step('own definitions stay in their seats', async () => {
    for (const page of [ada.page, bo.page]) {
      await expect(
        page.getByText('Only you can see this until the facilitator reveals the definitions.'),
      ).toBeVisible();
    }
    await ownField(ada.page).pressSequentially(SECRET_ADA);
    await ownField(bo.page).fill(SECRET_BO);
    await expect(
      facilitator.page.getByText('2 participants are here, each writing their own definition.'),
    ).toBeVisible();
    await expect(projector.page.getByText('Everyone writes their own definition of “service”.')).toBeVisible();

    // A barrier: a rename travels on the same socket after the typing, so once the console shows
    // the new names, anything the typing had sent would have arrived too.
    await Promise.all([rename(ada.page, 'Ada Lund'), rename(bo.page, 'Bo Berg')]);
    const presence = facilitator.page.getByRole('region', { name: 'Who is here' });
    await expect(presence.getByText('Ada Lund')).toBeVisible();
    await expect(presence.getByText('Bo Berg')).toBeVisible();

    for (const [secret, writer, others] of [
      [SECRET_ADA, ada, [facilitator, projector, bo]],
      [SECRET_BO, bo, [facilitator, projector, ada]],
    ] as const) {
      expect(framesContain(writer.frames.shared, secret), 'the writer sent its definition to the board').toBe(false);
      for (const other of others) {
        expect(framesContain(other.frames.received, secret), 'another screen received a definition').toBe(false);
      }
    }
    for (const page of [facilitator.page, projector.page]) {
      await expect(page.getByText(SECRET_ADA)).toHaveCount(0);
      await expect(page.getByText(SECRET_BO)).toHaveCount(0);
    }
    // The text is kept in the seat on the server: a reload brings it back.
    await ada.page.reload();
    await expectLive(ada.page);
    await expect(ownField(ada.page)).toHaveValue(SECRET_ADA);
    await Promise.all(
      [facilitator.page, ada.page].map((page) => expectAccessible(page, `${page.url()} before reveal`)),
    );
  });

  // --- phase 2: reveal, side by side everywhere ---------------------------------------
  await test.step('the reveal shows every definition side by side', async () => {
    await facilitator.page.getByRole('button', { name: 'Reveal the definitions' }).click();
    for (const page of pages) {
      await expect(cards(page)).toHaveCount(2);
      await expect(cards(page).filter({ hasText: SECRET_ADA })).toBeVisible();
      await expect(cards(page).filter({ hasText: SECRET_BO })).toBeVisible();
    }
    await expect(cards(projector.page).filter({ hasText: SECRET_ADA })).toContainText('Ada Lund');
    await expect(cards(ada.page).filter({ hasText: SECRET_ADA })).toContainText('Yours');
    await expect(cards(ada.page).filter({ hasText: SECRET_BO })).toContainText('Bo Berg');
    // The same check that found nothing before now finds the texts: it would have caught a leak.
    expect(framesContain(bo.frames.received, SECRET_ADA)).toBe(true);
    expect(framesContain(projector.frames.received, SECRET_BO)).toBe(true);
  });

  await test.step('the agreed definition is drafted live, with saved versions', async () => {
    await agreedField(ada.page).click();
    await agreedField(ada.page).pressSequentially(AGREED);
    await expect(agreedField(bo.page)).toHaveValue(AGREED);
    await expect(agreedField(facilitator.page)).toHaveValue(AGREED);
    await expect(projector.page.locator('.define-agreed-text')).toHaveText(AGREED);
    await Promise.all(
      pages.map((page) => expect(page.getByRole('main').getByText('10 words — aim for 4–12')).toBeVisible()),
    );
    await facilitator.page.getByRole('button', { name: 'Save version' }).click();
    const versions = facilitator.page.getByRole('region', { name: 'Saved versions' });
    await expect(versions.getByText(AGREED, { exact: true })).toBeVisible();
    await expect(versions.locator('time')).toHaveCount(1);
    await Promise.all(
      [facilitator.page, projector.page, bo.page].map((page) => expectAccessible(page, `${page.url()} revealed`)),
    );
  });

  // --- consent on the define step ---------------------------------------------------
  await test.step('consent round on the agreed definition', async () => {
    await next(facilitator.page, STEPS.consent);
    await Promise.all(pages.map((page) => expect(stepHeading(page, STEPS.consent)).toBeVisible()));
    await facilitator.page.getByRole('button', { name: 'Put this to agreement' }).click();
    await Promise.all(
      pages.map((page) => expect(page.getByRole('figure', { name: 'Proposal' })).toContainText(AGREED)),
    );
    for (const page of [ada.page, bo.page]) {
      await page.getByRole('radio', { name: 'Agree' }).check();
      await page.getByRole('button', { name: 'Send' }).click();
    }
    await expect(facilitator.page.getByRole('main').getByText('(2 answers)')).toBeVisible();
    await facilitator.page.getByRole('button', { name: 'Mark as agreed' }).click();
    await expect(projector.page.getByRole('main').getByText(AGREED, { exact: true }).first()).toBeVisible();
  });

  // --- behaviours --------------------------------------------------------------------
  await test.step('behaviours are added and shown with the definition as their goal', async () => {
    await next(facilitator.page, STEPS.behaviours);
    await Promise.all(pages.map((page) => expect(stepHeading(page, STEPS.behaviours)).toBeVisible()));
    await Promise.all(
      pages.map((page) =>
        expect(page.getByRole('figure', { name: 'Our definition of “service”' })).toContainText(AGREED),
      ),
    );
    await addBehaviour(ada.page, BEHAVIOURS.greet);
    await expect(behaviourTexts(projector.page)).toHaveText([BEHAVIOURS.greet.text]);
    await addBehaviour(bo.page, BEHAVIOURS.sum);
    await expect(behaviourTexts(projector.page)).toHaveText([BEHAVIOURS.greet.text, BEHAVIOURS.sum.text]);
    await addBehaviour(ada.page, BEHAVIOURS.follow);
    const order = [BEHAVIOURS.greet.text, BEHAVIOURS.sum.text, BEHAVIOURS.follow.text];
    for (const page of pages) await expect(behaviourTexts(page)).toHaveText(order);
    await expect(projector.page.getByText('3 behaviours, most important first')).toBeVisible();
    await expect(projector.page.getByText(BEHAVIOURS.sum.signs)).toBeVisible();

    // Edit and remove are for the author and the facilitator.
    await expect(bo.page.getByRole('button', { name: `Edit: “${BEHAVIOURS.greet.text}”` })).toHaveCount(0);
    await expect(bo.page.getByRole('button', { name: `Edit: “${BEHAVIOURS.sum.text}”` })).toBeVisible();
    await expect(facilitator.page.getByRole('button', { name: `Edit: “${BEHAVIOURS.greet.text}”` })).toBeVisible();
    await expect(projector.page.getByRole('main').getByRole('button')).toHaveCount(0);
  });

  await test.step('reordered by keyboard, in order on the projector', async () => {
    const moveUp = bo.page.getByRole('button', { name: `Move up: “${BEHAVIOURS.follow.text}”` });
    await moveUp.focus();
    await bo.page.keyboard.press('Enter');
    await expect(behaviourTexts(projector.page)).toHaveText([
      BEHAVIOURS.greet.text,
      BEHAVIOURS.follow.text,
      BEHAVIOURS.sum.text,
    ]);
    // Focus stays on the moved behaviour's button, so Enter again moves it on.
    await expect(moveUp).toBeFocused();
    await bo.page.keyboard.press('Enter');
    const keyboardOrder = [BEHAVIOURS.follow.text, BEHAVIOURS.greet.text, BEHAVIOURS.sum.text];
    for (const page of pages) await expect(behaviourTexts(page)).toHaveText(keyboardOrder);
    // At the top "Move up" is disabled: focus moves to its "Move down".
    await expect(moveUp).toBeDisabled();
    await expect(bo.page.getByRole('button', { name: `Move down: “${BEHAVIOURS.follow.text}”` })).toBeFocused();
    await expect(projector.page.locator('.behaviours-list')).toHaveJSProperty('tagName', 'OL');
    await Promise.all(
      [facilitator.page, projector.page, bo.page].map((page) => expectAccessible(page, `${page.url()} behaviours`)),
    );
  });

  await test.step('the facilitator drags the last behaviour to the top', async () => {
    // Both items in view at once: a drag that has to scroll picks up whatever slid under the pointer.
    await facilitator.page.setViewportSize({ width: 1280, height: 2400 });
    const items = facilitator.page.locator('.behaviours-list > li');
    await items.filter({ hasText: BEHAVIOURS.sum.text }).dragTo(items.filter({ hasText: BEHAVIOURS.follow.text }));
    const dragged = [BEHAVIOURS.sum.text, BEHAVIOURS.follow.text, BEHAVIOURS.greet.text];
    for (const page of pages) await expect(behaviourTexts(page)).toHaveText(dragged);
  });

  await closeAll(pages);
});
