/**
 * Joining with the wall's code from a device that never saw the link, in each
 * language; a wrong code and a replaced code say so in the visitor's language.
 */
import { translate } from '../../src/i18n/index.ts';
import { formatJoinCode } from '../../src/model/join-code.ts';
import type { Locale } from '../../src/model/locale.ts';
import type { RoomLinks } from '../../src/model/protocol.ts';
import { closeAll, createRoom, expect, local, openPage, test } from './fixtures/room.ts';

test.describe.configure({ mode: 'parallel' });

const LOCALES: Locale[] = ['da', 'nb', 'en'];

for (const locale of LOCALES) {
  test(`join by code in ${locale}: the code on the wall leads in; a wrong one is named`, async ({ browser, server }) => {
    const created = await createRoom(server, 'five-whys', locale);
    expect(created.joinCode).toMatch(/^[A-Z0-9]{6}$/);
    const projector = await openPage(browser, local(server, created.projectorUrl));
    await expect(projector.getByText(formatJoinCode(created.joinCode!), { exact: true })).toBeVisible();

    // A new device: the start page's form, the code typed in lower case with a space.
    const visitor = await openPage(browser, `${server.url}/?lang=${locale}`);
    await visitor.getByRole('textbox', { name: translate(locale, 'join.label') }).fill('QQQQQQ');
    await visitor.getByRole('button', { name: translate(locale, 'join.submit'), exact: true }).click();
    await expect(visitor.getByRole('status')).toHaveText(translate(locale, 'join.invalid'));
    const field = visitor.getByRole('textbox', { name: translate(locale, 'join.label') });
    await field.fill(wrongCode(created.joinCode!));
    await visitor.getByRole('button', { name: translate(locale, 'join.submit'), exact: true }).click();
    await expect(visitor.getByRole('status')).toHaveText(translate(locale, 'join.unknown'));
    await field.fill(formatJoinCode(created.joinCode!).toLowerCase());
    await visitor.getByRole('button', { name: translate(locale, 'join.submit'), exact: true }).click();
    await visitor.waitForURL(new RegExp(`/r/${created.room}$`));
    await expect(visitor.getByRole('button', { name: translate(locale, 'name.join'), exact: true })).toBeVisible();
    await closeAll([projector, visitor]);
  });
}

test('a replaced code answers 410 and says so; the new code leads in with the invite', async ({ browser, server }) => {
  const created = await createRoom(server, 'five-whys', 'nb');
  const rotated = await fetch(`${server.url}/api/rooms/${created.room}/invite`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.facilitatorKey}` },
  });
  const links = (await rotated.json()) as RoomLinks;
  expect((await fetch(`${server.url}/api/join/${created.joinCode}`)).status).toBe(410);

  const visitor = await openPage(browser, `${server.url}/j/${created.joinCode}?lang=en`);
  await expect(visitor.getByRole('status')).toHaveText(translate('en', 'join.replaced'));
  await visitor.goto(`${server.url}/j/${links.joinCode!.toLowerCase()}`);
  await visitor.waitForURL(/\/r\/[^/?]+\?invite=/);
  expect(new URL(visitor.url()).searchParams.get('invite')).toBe(new URL(links.participantUrl).searchParams.get('invite'));
  await expect(visitor.getByRole('button', { name: translate('nb', 'name.join'), exact: true })).toBeVisible();
  // The console shows the current code beside the links.
  const console = await openPage(browser, local(server, created.facilitatorUrl));
  await expect(console.getByText(formatJoinCode(links.joinCode!), { exact: true })).toBeVisible();
  await closeAll([visitor, console]);
});

/** A code of the right shape that is not this room's (and, with 64 million codes, no other room's here). */
function wrongCode(code: string): string {
  return code.startsWith('WWW') ? 'XXXXXX' : 'WWWWWW';
}
