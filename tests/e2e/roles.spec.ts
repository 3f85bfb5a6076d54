/**
 * What each role can do, as the UI shows it: the projector only shows, a
 * participant cannot steer, a wrong key or an unknown room is told plainly,
 * a name is remembered per device, and user text is never markup.
 */
import { nanoid } from 'nanoid';
import type { Page } from '@playwright/test';
import { closeAll, createRoom, expect, expectLive, joinAs, local, openPage, test } from './fixtures/room.ts';
import { answerCard, expectStep, followUp, next, postAnswer, STEP_ORDER, STEPS } from './fixtures/workshop.ts';

// Independent tests, each with its own room: spread them over the workers.
test.describe.configure({ mode: 'parallel' });

/** Everything a person could change something with. */
const EDITING_ROLES = ['textbox', 'button', 'radio', 'checkbox', 'combobox', 'slider', 'spinbutton', 'switch'] as const;

test('the projector has no controls on any step', async ({ room }) => {
  const { facilitator, projector, all } = room;
  for (const [i, title] of STEP_ORDER.entries()) {
    if (i > 0) await next(facilitator, title);
    await expectStep(all, title);
    for (const role of EDITING_ROLES) await expect(projector.getByRole(role), `${role} on "${title}"`).toHaveCount(0);
    await expect(projector.locator('[contenteditable]:not([contenteditable="false"])')).toHaveCount(0);
  }
  // Not even a link away: the wall is not for clicking.
  await expect(projector.getByRole('link', { name: 'Ledestjerne, start page' })).toHaveCount(0);
});

test('a participant cannot move the steps', async ({ room }) => {
  const { facilitator, participants } = room;
  const [ada] = participants;
  for (const title of [STEPS.intro, STEPS.ladder]) {
    if (title !== STEPS.intro) await next(facilitator, title);
    await expectStep([ada], title);
    await expect(ada.getByRole('button', { name: /^(next|back)$/i })).toHaveCount(0);
    await expect(ada.getByRole('navigation', { name: 'Steps' })).toHaveCount(0);
    // Nor the facilitator's other tools.
    await expect(ada.getByRole('button', { name: /^Pick for the next why/ })).toHaveCount(0);
  }
  // The console has them, so the locators above would find them if they were there.
  await expect(facilitator.getByRole('navigation', { name: 'Steps' })).toBeVisible();
  await expect(facilitator.getByRole('button', { name: 'Next', exact: true })).toBeVisible();
});

test('a facilitator link with a wrong key is refused', async ({ browser, server }) => {
  const created = await createRoom(server);
  const wrong = local(server, created.facilitatorUrl).replace(/#key=.*$/, `#key=${nanoid(21)}`);
  const page = await openPage(browser, wrong);
  await expect(page.getByRole('status')).toHaveText('Wrong facilitator key');
  await expect(page.getByRole('alert')).toHaveText(
    'The key in this link does not belong to this room. Open the facilitator link from when the room was started.',
  );
  // Nothing to steer with.
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();

  // Without any key, the page says how to get one.
  const keyless = await openPage(browser, local(server, created.facilitatorUrl).replace(/#.*$/, ''));
  await expect(keyless.getByRole('heading', { name: 'This device does not have the facilitator key' })).toBeVisible();
  await expect(keyless.getByRole('link', { name: 'Join as a participant' })).toBeVisible();
  await expect(keyless.getByRole('button', { name: 'Next', exact: true })).toHaveCount(0);
  await closeAll([page, keyless]);
});

test('an unknown room answers 404 with the not-found text', async ({ page, server }) => {
  const unknown = nanoid(21);
  for (const path of [`/r/${unknown}`, `/r/${unknown}/projector`, `/r/${unknown}/facilitator`]) {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that room');
    await expect(page.getByText('Ask the facilitator for a new link.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the start page' })).toBeVisible();
  }
  const api = await fetch(`${server.url}/api/rooms/${unknown}`);
  expect(api.status).toBe(404);
});

test('a participant’s name is remembered on the device and shown in the console', async ({ browser, server }) => {
  const created = await createRoom(server);
  const facilitator = await openPage(browser, local(server, created.facilitatorUrl));
  const participant = await openPage(browser, local(server, created.participantUrl));
  const name = 'Åse Ødegård';
  await joinAs(participant, name);
  const presence = facilitator.getByRole('region', { name: 'Who is here' });
  await expect(presence.getByRole('listitem').filter({ hasText: name })).toContainText('Participant');

  await participant.reload();
  await expectLive(participant);
  // No name step again, still named, and one entry in the console (the old connection is gone).
  await expect(participant.getByRole('button', { name: 'Join', exact: true })).toHaveCount(0);
  await expect(participant.getByText(`You are ${name}`)).toBeVisible();
  await expect(presence.getByRole('listitem').filter({ hasText: name })).toHaveCount(1);
  await expect(presence.getByText('1 participant', { exact: true })).toBeVisible();

  // A changed name reaches the console live.
  await participant.getByRole('button', { name: 'Change name' }).click();
  await participant.getByRole('textbox', { name: /your name/i }).fill('Åse');
  await participant.getByRole('button', { name: 'Save name' }).click();
  await expect(participant.getByText('You are Åse', { exact: true })).toBeVisible();
  await expect(presence.getByRole('listitem').filter({ hasText: name })).toHaveCount(0);
  await expect(
    presence.getByRole('listitem').filter({ has: facilitator.getByText('Åse', { exact: true }) }),
  ).toHaveCount(1);
  await closeAll([facilitator, participant]);
});

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';

test('answers are text, never markup', async ({ room, server }) => {
  const { facilitator, projector, participants, all } = room;
  const [ada, bo] = participants;
  await next(facilitator, STEPS.ladder);
  await expectStep(all, STEPS.ladder);
  await postAnswer(ada, IMG);
  await postAnswer(ada, SCRIPT);

  for (const page of [facilitator, projector, bo]) {
    await expect(answerCard(page, IMG)).toBeVisible();
    await expect(answerCard(page, SCRIPT)).toBeVisible();
  }
  // Carried into the next question and the sentence step's starting point, still as text.
  await facilitator.getByRole('button', { name: `Pick for the next why: “${IMG}”` }).click();
  await Promise.all(
    all.map((page) => expect(page.getByRole('main').getByText(followUp(IMG), { exact: true })).toBeVisible()),
  );
  await next(facilitator, STEPS.statement);
  await Promise.all(
    all.map((page) => expect(page.getByRole('figure', { name: 'Where the why-ladder ended' })).toHaveText(/onerror=/)),
  );
  await expectNoScriptRan(all);

  const md = await (await fetch(`${server.url}/api/rooms/${room.created.room}/export?format=md`)).text();
  expect(md).not.toContain('<img');
  expect(md).not.toContain('<script');
  expect(md).toContain('&lt;img src=x onerror="window.\\_\\_xss=1"&gt;');
  expect(md).toContain('&lt;script&gt;window.\\_\\_xss=2&lt;/script&gt;');
});

async function expectNoScriptRan(pages: Page[]) {
  for (const page of pages) {
    await expect(page.locator('main img[src="x"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  }
}
