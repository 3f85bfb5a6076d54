/**
 * Deleting a room from the console: two steps, by keyboard, and afterwards
 * nothing of the room answers. The pages still open show that the room is
 * gone (as they show a replaced link), a reload and the export find nothing.
 */
import { expect, local, test } from './fixtures/room.ts';

test('the facilitator deletes the room; every page and the export then find nothing', async ({ room, server }) => {
  const { facilitator, projector, participants, created } = room;
  const exportUrl = new URL(local(server, created.projectorUrl));
  exportUrl.pathname = `/api/rooms/${created.room}/export`;
  expect((await fetch(exportUrl)).status).toBe(200);

  const panel = facilitator.getByRole('region', { name: 'Room data' });
  // The retention date is shown (default 90 days from now, the room was just opened).
  await expect(
    panel.getByText(/If nobody opens this room again, it is deleted with everything in it on/),
  ).toBeVisible();
  // Keyboard only: the first button asks, the safe choice takes the focus, Escape-free cancel works.
  await panel.getByRole('button', { name: 'Delete this room…' }).focus();
  await facilitator.keyboard.press('Enter');
  await expect(panel.getByRole('group')).toContainText('This cannot be undone.');
  await expect(panel.getByRole('button', { name: 'Keep the room' })).toBeFocused();
  await facilitator.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Delete this room…' })).toBeFocused();
  // Nothing happened: the room still answers.
  expect((await fetch(`${server.url}/api/rooms/${created.room}`)).status).toBe(200);

  await facilitator.keyboard.press('Enter');
  await facilitator.keyboard.press('Shift+Tab');
  await expect(panel.getByRole('button', { name: 'Yes, delete the room for good' })).toBeFocused();
  await facilitator.keyboard.press('Enter');
  await expect(facilitator.getByRole('heading', { name: 'This room has been deleted' })).toBeVisible();
  await expect(facilitator.getByRole('button', { name: 'Next', exact: true })).toHaveCount(0);

  // The open pages are told, without a reload.
  for (const page of [projector, ...participants]) {
    await expect(page.getByRole('status')).toHaveText('This room does not exist');
  }
  // A reload, a new visit and the export find nothing.
  const reloaded = await participants[0].reload();
  expect(reloaded?.status()).toBe(404);
  await expect(participants[0].getByRole('heading', { level: 1 })).toHaveText('We can’t find that room');
  expect((await projector.reload())?.status()).toBe(404);
  expect((await fetch(exportUrl)).status).toBe(404);
  expect((await fetch(`${server.url}/api/rooms/${created.room}`)).status).toBe(404);
});

test('the delete panel speaks Danish and Norwegian', async ({ browser, server }) => {
  for (const [locale, open, confirm] of [
    ['da', 'Slet dette rum…', 'Ja, slet rummet for altid'],
    ['nb', 'Slett dette rommet…', 'Ja, slett rommet for godt'],
  ] as const) {
    const response = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workshop: 'five-whys', locale }),
    });
    const created = (await response.json()) as { facilitatorUrl: string };
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(local(server, created.facilitatorUrl));
    await page.getByRole('button', { name: open }).click();
    await expect(page.getByRole('button', { name: confirm })).toBeVisible();
    await context.close();
  }
});
