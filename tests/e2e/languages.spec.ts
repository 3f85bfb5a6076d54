/**
 * The room's language reaches every view: a Danish room started from the
 * Danish start page, a Norwegian one started through the API. Texts come from
 * the catalogs themselves, so a changed wording does not break the test but a
 * missing translation (English on a Danish page) does.
 */
import type { Page } from '@playwright/test';
import { translate } from '../../src/i18n/index.ts';
import type { Locale } from '../../src/model/locale.ts';
import { closeAll, createRoom, expect, expectLive, local, openPage, test } from './fixtures/room.ts';

const WORKSHOP_TITLE = { da: '5 × hvorfor: teamets formål', nb: '5 × hvorfor: teamets formål' } as const;
const STEP_TITLES = {
  da: ['Hvorfor et formål?', 'Fem gange hvorfor'],
  nb: ['Hvorfor et formål?', 'Fem ganger hvorfor'],
} as const;
const FIRST_QUESTION = {
  da: 'Hvorfor tager vi telefonen, når en kunde ringer?',
  nb: 'Hvorfor tar vi telefonen når en kunde ringer?',
} as const;

test('a Danish room from the Danish start page, and back to it from the recent rooms', async ({ browser, server }) => {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate('da', key, params);
  const start = await openPage(browser, `${server.url}/?lang=da`);
  await expect(start.locator('html')).toHaveAttribute('lang', 'da');
  await expect(start.getByRole('heading', { level: 1 })).toHaveText(t('start.title'));
  await start.getByRole('combobox', { name: t('start.workshopLanguage') }).selectOption({ label: 'Dansk' });
  await start.getByRole('button', { name: t('start.submit') }).click();
  await start.waitForURL(/\/r\/[\w-]{21}\/facilitator$/);
  const roomId = new URL(start.url()).pathname.split('/')[2]!;

  const facilitator = start;
  await expectConsole(facilitator, 'da');

  const participant = await openPage(browser, `${server.url}/r/${roomId}`);
  await expectParticipant(participant, 'da', 'Mette Ærbø');
  const projector = await openPage(browser, `${server.url}/r/${roomId}/projector`);
  await expectProjector(projector, 'da');
  await nextStepEverywhere('da', facilitator, participant, projector);

  // The start page remembers the room on this device and reopens its console, key and all.
  await facilitator.goto(`${server.url}/?lang=da`);
  const recent = facilitator.getByRole('region', { name: t('recent.title') });
  const entry = recent.getByRole('listitem').filter({ hasText: WORKSHOP_TITLE.da });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(t('recent.asFacilitator'));
  await entry.getByRole('link', { name: t('recent.openConsole') }).click();
  await facilitator.waitForURL(new RegExp(`/r/${roomId}/facilitator`));
  await expectLive(facilitator);
  await expect(facilitator.getByRole('heading', { name: STEP_TITLES.da[1], exact: true })).toBeVisible();
  await expect(facilitator.getByRole('button', { name: t('console.next'), exact: true })).toBeEnabled();
  await closeAll([facilitator, participant, projector]);
});

test('a Norwegian bokmål room started through the API', async ({ browser, server }) => {
  const created = await createRoom(server, 'five-whys', 'nb');
  const facilitator = await openPage(browser, local(server, created.facilitatorUrl));
  await expectConsole(facilitator, 'nb');
  const participant = await openPage(browser, local(server, created.participantUrl));
  await expectParticipant(participant, 'nb', 'Øystein Åsen');
  const projector = await openPage(browser, local(server, created.projectorUrl));
  await expectProjector(projector, 'nb');
  await nextStepEverywhere('nb', facilitator, participant, projector);

  const md = await (await fetch(`${server.url}/api/rooms/${created.room}/export?format=md`)).text();
  expect(md).toContain(`# ${translate('nb', 'export.heading')}: ${WORKSHOP_TITLE.nb}`);
  expect(md).toContain(FIRST_QUESTION.nb);
  await closeAll([facilitator, participant, projector]);
});

async function expectConsole(page: Page, locale: 'da' | 'nb') {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expectLive(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${t('console.title')}: ${WORKSHOP_TITLE[locale]}`);
  await expect(page.getByRole('navigation', { name: t('console.steps') })).toBeVisible();
  await expect(page.getByRole('button', { name: t('console.next'), exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: t('console.back'), exact: true })).toBeDisabled();
  await expect(page.getByRole('region', { name: t('presence.title') })).toBeVisible();
  await expect(page.getByRole('region', { name: t('console.share') })).toBeVisible();
  await expect(page.getByRole('region', { name: t('console.export') })).toBeVisible();
  await expect(page.getByRole('heading', { name: STEP_TITLES[locale][0], exact: true })).toBeVisible();
  await expect(page.getByText(translate(locale, 'room.stepOf', { current: 1, total: 5 }))).toBeVisible();
}

async function expectParticipant(page: Page, locale: 'da' | 'nb', name: string) {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    t('name.welcome', { workshop: WORKSHOP_TITLE[locale] }),
  );
  await expect(page.getByRole('button', { name: t('name.joinAnonymously') })).toBeVisible();
  await page.getByRole('textbox', { name: t('name.label') }).fill(name);
  await page.getByRole('button', { name: t('name.join'), exact: true }).click();
  await expect(page.getByText(t('name.youAre', { name }))).toBeVisible();
  await expectLive(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STEP_TITLES[locale][0]);
  await expect(page.getByText(translate(locale, 'room.stepOf', { current: 1, total: 5 }))).toBeVisible();
  await expect(page.getByRole('button', { name: t('name.change') })).toBeVisible();
}

async function expectProjector(page: Page, locale: 'da' | 'nb') {
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expectLive(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STEP_TITLES[locale][0]);
  await expect(page.getByRole('heading', { name: translate(locale, 'projector.joinHeading') })).toBeVisible();
  await expect(page.getByText(translate(locale, 'presence.participants.one', { count: 1 }))).toBeVisible();
}

/** The console moves to the ladder; everyone follows, in the room's language, and an answer goes round. */
async function nextStepEverywhere(
  locale: Locale & ('da' | 'nb'),
  facilitator: Page,
  participant: Page,
  projector: Page,
) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  await facilitator.getByRole('button', { name: t('console.next'), exact: true }).click();
  for (const page of [facilitator, participant, projector]) {
    await expect(page.getByRole('heading', { name: STEP_TITLES[locale][1], exact: true })).toBeVisible();
    await expect(page.getByRole('main').getByText(FIRST_QUESTION[locale], { exact: true })).toBeVisible();
  }
  const answer = locale === 'da' ? 'vi gør kunderne glade på Ærø' : 'vi hjelper kundene videre på søndag';
  await participant.getByRole('textbox', { name: t('ladder.answerLabel') }).fill(answer);
  await participant.getByRole('button', { name: t('ladder.send') }).click();
  await expect(projector.getByRole('main').getByText(answer, { exact: true })).toBeVisible();
  await expect(projector.getByText(translate(locale, 'ladder.answersTitleOne', { count: 1 }))).toBeVisible();
  await expect(
    facilitator.getByRole('button', { name: translate(locale, 'ladder.pickAnswer', { text: answer }) }),
  ).toBeVisible();
}
