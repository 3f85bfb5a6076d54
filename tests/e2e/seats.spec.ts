/**
 * Seats in the browser: a participant's place in the room moves to another
 * device through a code the facilitator shows. Device B then continues as A
 * did (A's answers are B's own); device A is told and continues as someone new.
 */
import { closeAll, createRoom, expect, expectLive, joinAs, local, openPage, test } from './fixtures/room.ts';
import { answerCard, next, postAnswer, STEPS } from './fixtures/workshop.ts';

test('a participant moves to another device with a code from the facilitator', async ({ browser, server }) => {
  const created = await createRoom(server);
  const facilitator = await openPage(browser, local(server, created.facilitatorUrl));
  const deviceA = await openPage(browser, local(server, created.participantUrl));
  await joinAs(deviceA, 'Ada');
  await Promise.all([expectLive(facilitator), expectLive(deviceA)]);
  await next(facilitator, STEPS.ladder);
  await postAnswer(deviceA, 'we help people on their way');
  await expect(answerCard(deviceA, 'we help people on their way').getByText('By you')).toBeVisible();

  // The facilitator asks for a code for Ada; it is shown large, once.
  await facilitator.getByRole('button', { name: 'Move Ada to another device' }).click();
  const shown = facilitator.getByRole('group', { name: 'Code for Ada' });
  await expect(shown).toBeVisible();
  const code = (await shown.getByTestId('seat-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);

  // Device B: a new browser, the same room link; first a wrong code, then the right one, typed loosely.
  const deviceB = await openPage(browser, local(server, created.participantUrl));
  await joinAs(deviceB, null);
  await expectLive(deviceB);
  await expect(answerCard(deviceB, 'we help people on their way').getByText('By you')).toHaveCount(0);
  await deviceB.getByRole('button', { name: 'I have a code from the facilitator' }).click();
  const field = deviceB.getByRole('textbox', { name: 'Code' });
  await field.fill('AAAAAA');
  await deviceB.getByRole('button', { name: 'Continue here' }).click();
  await expect(deviceB.getByRole('alert')).toHaveText(/wrong, used or expired/);
  await field.fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
  await deviceB.getByRole('button', { name: 'Continue here' }).click();
  await expect(deviceB.getByRole('button', { name: 'I have a code from the facilitator' })).toBeFocused();
  await expectLive(deviceB);

  // B now is Ada's seat: her answer is B's own, and B can take it back.
  const onB = answerCard(deviceB, 'we help people on their way');
  await expect(onB.getByText('By you')).toBeVisible();
  await expect(onB.getByRole('button', { name: 'Remove: “we help people on their way”' })).toBeVisible();
  await postAnswer(deviceB, 'from the new device');

  // A lost the seat: it is told, reconnects as someone new, and the answers are no longer its own.
  await expect(deviceA.getByText(/moved to another device/)).toBeVisible();
  await expectLive(deviceA);
  await expect(answerCard(deviceA, 'from the new device')).toBeVisible();
  await expect(answerCard(deviceA, 'we help people on their way').getByText('By you')).toHaveCount(0);

  // The code worked once.
  const again = await fetch(`${server.url}/api/rooms/${created.room}/seats/claim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(again.status).toBe(404);
  await Promise.all([facilitator, deviceA, deviceB].map((page) => page.context().close()));
});

test('the facilitator closes the room to new people and removes a seat nobody knows', async ({ browser, server }) => {
  const created = await createRoom(server);
  const facilitator = await openPage(browser, local(server, created.facilitatorUrl));
  const ada = await openPage(browser, local(server, created.participantUrl));
  await joinAs(ada, 'Ada');
  await Promise.all([expectLive(facilitator), expectLive(ada)]);

  const seats = facilitator.getByRole('region', { name: 'Seats' });
  await expect(seats.getByText('Open: anyone with the link or code can join.')).toBeVisible();
  await seats.getByRole('button', { name: 'Show seats' }).click();
  // Ada and the facilitator hold seats; Ada by name, the facilitator as "You".
  await expect(seats.getByText(/2 seats given out, 2 connected now/)).toBeVisible();
  await expect(seats.getByRole('button', { name: 'Remove the seat of Ada' })).toBeVisible();

  await seats.getByRole('button', { name: 'Close the room to new people' }).click();
  await expect(seats.getByText('Closed to new people: only those already in can take part.')).toBeVisible();

  // Someone new, who never had a seat, is told why they cannot come in.
  const late = await openPage(browser, local(server, created.participantUrl));
  await expect(late.getByRole('status').filter({ hasText: /closed this room to new people/ })).toBeVisible();
  // Ada, already in, is not affected.
  await ada.reload();
  await expectLive(ada);

  // Removing Ada's seat asks first, then takes her device out: it cannot rejoin while the room is closed.
  await seats.getByRole('button', { name: 'Remove the seat of Ada' }).click();
  await seats.getByRole('button', { name: 'Remove the seat', exact: true }).click();
  await expect(seats.getByText(/1 seats? given out/)).toBeVisible();
  await expect(ada.getByRole('status').filter({ hasText: /closed this room to new people/ })).toBeVisible();

  // Opened again, the newcomer gets in on a reload.
  await seats.getByRole('button', { name: 'Open the room again' }).click();
  await late.reload();
  await expectLive(late);
  await closeAll([facilitator, ada, late]);
});
