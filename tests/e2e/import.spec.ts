/**
 * Results that flow on, through the UI only: a good-examples room is started
 * from the start page and run (stories, a group, the common thread in one
 * sentence), its JSON is downloaded from the console, and a 5 × why room is
 * started from the start page with "Bring results from an earlier workshop":
 * the common thread is on the ladder step on the console, the projector and a
 * participant's screen. A file the chosen workshop cannot take in is refused
 * in the form, with the chosen workshop, language and file kept.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { closeAll, expect, expectLive, joinAs, openPage, test } from './fixtures/room.ts';
import { next, stepHeading } from './fixtures/workshop.ts';

const GOOD_EXAMPLES = {
  title: 'Collect your good examples',
  stories: 'Your success stories',
  common: 'Find the common thread',
  denominator: 'The common thread in one sentence',
  result: 'What keeps coming back',
};
const FIVE_WHYS = { title: '5 × why: your team’s purpose', ladder: 'Five times why' };
const STORIES = ['We called the customer back at once', 'A parcel found on Ærø in an hour'];
const GROUP = 'We follow up';
const COMMON_THREAD = 'We take ownership and follow up until the customer is helped';
const CARRIED = /Brought along from an earlier workshop/;

/** Picks a workshop (by the start of its title) and English on the start page. */
async function chooseWorkshop(page: Page, workshopTitle: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${escape(workshopTitle)}`) }).check();
  await page.getByRole('combobox', { name: 'Language of the workshop' }).selectOption({ label: 'English' });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const roomOf = (page: Page) => new URL(page.url()).pathname.split('/')[2]!;

test('the common thread of good examples is brought into 5 × why from the start page', async ({ browser, server }) => {
  // Two whole workshops through the UI: about 30 s on a quiet machine, near a minute on a loaded one.
  test.setTimeout(150_000);
  // --- an earlier workshop: good examples, started and run through the UI -----------------------
  const facilitator = await openPage(browser, `${server.url}/?lang=en`);
  await chooseWorkshop(facilitator, GOOD_EXAMPLES.title);
  await facilitator.getByRole('button', { name: 'Start workshop' }).click();
  await facilitator.waitForURL(/\/r\/[\w-]{21}\/facilitator$/);
  await expectLive(facilitator);
  const ada = await openPage(browser, `${server.url}/r/${roomOf(facilitator)}`);
  await joinAs(ada, 'Ada');

  await next(facilitator, GOOD_EXAMPLES.stories);
  await expect(stepHeading(ada, GOOD_EXAMPLES.stories)).toBeVisible();
  const storyField = ada.getByRole('textbox', { name: 'Your story' });
  for (const story of STORIES) {
    await storyField.fill(story);
    await ada.getByRole('button', { name: 'Add story' }).click();
    await expect(facilitator.getByRole('paragraph').filter({ hasText: story })).toBeVisible();
  }

  await next(facilitator, GOOD_EXAMPLES.common);
  await expect(stepHeading(ada, GOOD_EXAMPLES.common)).toBeVisible();
  await ada.getByRole('button', { name: 'New group' }).click();
  await ada.getByRole('textbox', { name: 'Name of group 1' }).fill(GROUP);
  for (const story of STORIES) {
    await ada.getByRole('combobox', { name: `Move “${story}” to` }).selectOption({ label: GROUP });
    await ada.getByRole('button', { name: `Move “${story}”` }).click();
    await expect(facilitator.getByRole('region', { name: /We follow up|Group 1/ }).getByText(story)).toBeVisible();
  }

  await next(facilitator, GOOD_EXAMPLES.denominator);
  await facilitator.getByRole('textbox', { name: 'Our sentence' }).fill(COMMON_THREAD);
  await expect(ada.getByRole('textbox', { name: 'Our sentence' })).toHaveValue(COMMON_THREAD);

  // --- the result step: its JSON download is the file to bring ------------------------------------
  await next(facilitator, GOOD_EXAMPLES.result);
  const downloads = facilitator.getByRole('region', { name: 'Download results' });
  await expect(downloads).toContainText('Keep the “Data (JSON)” file');
  const [download] = await Promise.all([
    facilitator.waitForEvent('download'),
    downloads.getByRole('link', { name: 'Data (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^collect-your-good-examples-\d{4}-\d{2}-\d{2}\.json$/);
  // Saved under its own name, as a facilitator's browser would keep it.
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { results: { kind: string; text?: string }[] };
  expect(exported.results.find((r) => r.kind === 'statement')?.text).toBe(COMMON_THREAD);

  // --- the next workshop, on another device: first a workshop that cannot take it in ------------
  const start = await openPage(browser, `${server.url}/?lang=en`);
  await chooseWorkshop(start, 'Service-minded');
  const fromFile = start.getByRole('group', { name: 'Start from earlier results' });
  await fromFile.getByRole('radio', { name: 'Bring results from an earlier workshop' }).check();
  const fileInput = fromFile.getByLabel('Export file (.json)');
  await fileInput.setInputFiles(file);
  await start.getByRole('button', { name: 'Start workshop' }).click();
  const alert = start.getByRole('alert');
  await expect(alert).toContainText('This export has no results that “Service-minded');
  await expect(fileInput).toBeFocused();
  await expect(fileInput).toHaveAttribute('aria-invalid', 'true');
  // Nothing is lost: the workshop, the language and the file are still chosen.
  await expect(start.getByRole('radio', { name: /^Service-minded/ })).toBeChecked();
  await expect(start.getByRole('combobox', { name: 'Language of the workshop' })).toHaveValue('en');
  expect(await fileInput.evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe(
    download.suggestedFilename(),
  );
  const axe = await new AxeBuilder({ page: start }).include('.start-form').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // --- then 5 × why, which takes the common thread in on its ladder ------------------------------
  await start.getByRole('radio', { name: new RegExp(`^${escape(FIVE_WHYS.title)}`) }).check();
  await start.getByRole('button', { name: 'Start workshop' }).click();
  await start.waitForURL(/\/r\/[\w-]{21}\/facilitator$/);
  const console_ = start;
  await expectLive(console_);
  const room = roomOf(console_);
  const projector = await openPage(browser, `${server.url}/r/${room}/projector`);
  const bo = await openPage(browser, `${server.url}/r/${room}`);
  await joinAs(bo, 'Bo');
  await next(console_, FIVE_WHYS.ladder);

  const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date());
  for (const page of [console_, projector, bo]) {
    await expect(stepHeading(page, FIVE_WHYS.ladder)).toBeVisible();
    const carried = page.getByRole('region', { name: CARRIED });
    await expect(carried).toContainText(COMMON_THREAD);
    await expect(carried).toContainText(`From ${GOOD_EXAMPLES.title} · ${day}`);
  }
  await closeAll([facilitator, ada, console_, projector, bo]);
});
